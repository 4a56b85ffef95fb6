// Layout of --show: text becomes "atoms" (the pieces of text no line may break
// inside: a word, or one wide character of a CJK run), each made of "pieces"
// of one style (plain, a query match, inside quote k); atoms are filled into
// lines greedily, an atom wider than a whole line cut at character
// boundaries. Offsets of highlights and quotes index the stored body; only
// the pieces' text is sanitised, so marks never shift.
#include "searcher/printers/article_text_printer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/dates.h"
#include "common/terminal_text.h"
#include "searcher/printers/terminal_layout.h"

namespace newsdex::search {
namespace {

using layout::fit;
using layout::kHighlight;  // bold red, as the snippets' matches
using layout::kMeta;
using layout::kReset;
using layout::kTitle;
// Speakers' colours, in the order of ShownArticle::speakers (most quotes
// first): cyan, magenta, yellow, blue, bright cyan, bright magenta.
constexpr std::array<std::string_view, 6> kSpeakerColors = {"\x1b[36m", "\x1b[35m", "\x1b[33m",
                                                            "\x1b[34m", "\x1b[96m", "\x1b[95m"};
constexpr std::string_view kUnattributedColor = "\x1b[90m";  // grey
constexpr std::string_view kBar = "▌";
// The margin: a speaker's name (cut to this many columns), a space, the bar,
// a space.
constexpr std::size_t kMaxNoteWidth = 16;
// Columns of text at least beside the margin; else quotes get markers.
constexpr std::size_t kMinTextBesideMargin = 40;
constexpr std::size_t kLabelWidth = 15;  // "organizations: "

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The code point at s[i] (a stray byte as itself) and its length.
std::uint32_t code_point_at(std::string_view s, std::size_t i, std::size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (c >= 0x80 && c < 0xC0) len = 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) return c;
  std::uint32_t cp = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  return cp;
}

// Closing punctuation of CJK text that must not start a line (kinsoku).
bool no_break_before(std::uint32_t cp) {
  switch (cp) {
    case 0x3001:
    case 0x3002:
    case 0xFF0C:
    case 0xFF0E:
    case 0xFF01:
    case 0xFF1F:
    case 0xFF1A:
    case 0xFF1B:
    case 0x300D:
    case 0x300F:
    case 0x3011:
    case 0xFF09:
    case 0x3009:
    case 0x300B:
    case 0x30FC:
      return true;
    default:
      return false;
  }
}

bool is_quotation_mark(std::uint32_t cp, bool opening) {
  if (cp == '"') return true;
  if (opening) {
    return cp == 0x201C || cp == 0x201E || cp == 0x201F || cp == 0x00AB || cp == 0x2018 || cp == 0x201A ||
           cp == 0x2039 || cp == 0x300C || cp == 0x300E;
  }
  return cp == 0x201D || cp == 0x00BB || cp == 0x2019 || cp == 0x203A || cp == 0x300D || cp == 0x300F;
}

// A run of text in one style.
struct Piece {
  std::string text;  // sanitised
  std::size_t width = 0;
  bool highlight = false;
  int segment = -1;             // the quote segment it lies in, or -1
  bool starts_segment = false;  // the first piece of its segment
  bool marker = false;          // a quote marker (not article text)
};

// What no line breaks inside.
struct Atom {
  std::vector<Piece> pieces;
  std::size_t width = 0;
  bool space_before = true;  // separated from the atom before by white space (else a break without a space)
};

using Line = std::vector<Atom>;

// A stretch of the body marked as one speaker's quote.
struct Segment {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string speaker;  // "" = unattributed
  std::string label;    // sanitised speaker name, or kUnattributed
  std::string_view color;
};

// The quotes' marked stretches: spans widened over the quotation marks around
// them, flattened so that each byte belongs to the innermost quote holding it,
// neighbours of one speaker joined, white space at the edges left out.
std::vector<Segment> quote_segments(const ShownArticle& a) {
  struct Span {
    std::size_t start, end;
    std::size_t quote;
  };
  const std::string_view body = a.body;
  std::vector<Span> spans;
  for (std::size_t q = 0; q < a.quotes.size(); ++q) {
    const ShownQuote& quote = a.quotes[q];
    if (!quote.start || !quote.end || *quote.start >= *quote.end || *quote.end > body.size()) continue;
    std::size_t start = *quote.start, end = *quote.end;
    // One quotation mark on each side, when it is right there.
    std::size_t back = start;
    while (back > 0 && (static_cast<unsigned char>(body[back - 1]) & 0xC0U) == 0x80U) --back;
    if (back > 0) --back;
    std::size_t len = 0;
    if (start > 0 && is_quotation_mark(code_point_at(body, back, len), true) && back + len == start) start = back;
    if (end < body.size() && is_quotation_mark(code_point_at(body, end, len), false)) end += len;
    spans.push_back(Span{start, end, q});
  }
  std::vector<std::size_t> cuts;
  for (const Span& s : spans) {
    cuts.push_back(s.start);
    cuts.push_back(s.end);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  // A sweep over the cuts: `active` holds the spans over the stretch from
  // one cut to the next, innermost first (latest start, then shortest).
  auto inner_first = [&](std::size_t x, std::size_t y) {
    if (spans[x].start != spans[y].start) return spans[x].start > spans[y].start;
    if (spans[x].end != spans[y].end) return spans[x].end < spans[y].end;
    return x < y;
  };
  std::set<std::size_t, decltype(inner_first)> active(inner_first);
  std::vector<std::size_t> by_start(spans.size()), by_end(spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) by_start[i] = by_end[i] = i;
  std::sort(by_start.begin(), by_start.end(),
            [&](std::size_t x, std::size_t y) { return spans[x].start < spans[y].start; });
  std::sort(by_end.begin(), by_end.end(), [&](std::size_t x, std::size_t y) { return spans[x].end < spans[y].end; });
  std::size_t next_start = 0, next_end = 0;
  std::vector<Segment> segments;
  for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
    const std::size_t from = cuts[c], to = cuts[c + 1];
    while (next_start < by_start.size() && spans[by_start[next_start]].start <= from) {
      active.insert(by_start[next_start++]);
    }
    while (next_end < by_end.size() && spans[by_end[next_end]].end <= from) active.erase(by_end[next_end++]);
    if (active.empty()) continue;
    const Span* owner = &spans[*active.begin()];
    const std::string& speaker = a.quotes[owner->quote].speaker;
    if (!segments.empty() && segments.back().end == from && segments.back().speaker == speaker) {
      segments.back().end = to;
      continue;
    }
    Segment seg;
    seg.start = from;
    seg.end = to;
    seg.speaker = speaker;
    segments.push_back(std::move(seg));
  }
  std::vector<Segment> out;
  for (Segment& seg : segments) {
    while (seg.start < seg.end && is_space(body[seg.start])) ++seg.start;
    while (seg.end > seg.start && is_space(body[seg.end - 1])) --seg.end;
    if (seg.start == seg.end) continue;
    seg.label = seg.speaker.empty() ? std::string(kUnattributed) : sanitize_terminal_text(seg.speaker);
    seg.color = kUnattributedColor;
    auto it = std::find(a.speakers.begin(), a.speakers.end(), seg.speaker);
    if (!seg.speaker.empty()) {
      std::size_t rank = it == a.speakers.end() ? a.speakers.size() : static_cast<std::size_t>(it - a.speakers.begin());
      seg.color = kSpeakerColors[rank % kSpeakerColors.size()];
    }
    out.push_back(std::move(seg));
  }
  return out;
}

// Turns text into atoms. Marks (highlights, segments) are in the
// coordinates of `text` (the whole body, the title...), and so are the
// ranges given to add().
class AtomMaker {
 public:
  AtomMaker(std::string_view text, const std::vector<Highlight>& highlights, const std::vector<Segment>& segments,
            bool markers)
      : text_(text), highlights_(highlights), segments_(segments), markers_(markers) {
    for (const Highlight& h : highlights) {
      cuts_.push_back(h.start);
      cuts_.push_back(h.end);
    }
    for (const Segment& s : segments) {
      cuts_.push_back(s.start);
      cuts_.push_back(s.end);
    }
    std::sort(cuts_.begin(), cuts_.end());
    cuts_.erase(std::unique(cuts_.begin(), cuts_.end()), cuts_.end());
  }

  // The atoms of text[from, to): words split at white space, and CJK runs at
  // each wide character.
  std::vector<Atom> add(std::size_t from, std::size_t to) const {
    std::vector<Atom> atoms;
    bool space = false;
    std::size_t i = from;
    while (i < to) {
      if (is_space(text_[i])) {
        space = true;
        ++i;
        continue;
      }
      std::size_t word_end = i;
      while (word_end < to && !is_space(text_[word_end])) ++word_end;
      // Break opportunities inside the word: around wide characters.
      std::size_t atom_start = i;
      bool prev_wide = false;
      for (std::size_t k = i; k < word_end;) {
        std::size_t len = 0;
        std::uint32_t cp = code_point_at(text_, k, len);
        bool wide = code_point_width(cp) == 2;
        if (k > atom_start && (wide || prev_wide) && !no_break_before(cp)) {
          atoms.push_back(make_atom(atom_start, k, atom_start == i ? space : false));
          atom_start = k;
        }
        prev_wide = wide;
        k += len;
      }
      atoms.push_back(make_atom(atom_start, word_end, atom_start == i ? space : false));
      space = false;
      i = word_end;
    }
    if (!atoms.empty()) atoms.front().space_before = true;
    return atoms;
  }

 private:
  // Segments are sorted and disjoint: the first one ending after `pos`.
  const Segment* segment_at(std::size_t pos, int& index) const {
    auto it = std::upper_bound(segments_.begin(), segments_.end(), pos,
                               [](std::size_t p, const Segment& seg) { return p < seg.end; });
    if (it == segments_.end() || it->start > pos) {
      index = -1;
      return nullptr;
    }
    index = static_cast<int>(it - segments_.begin());
    return &*it;
  }

  bool highlighted(std::size_t pos) const {
    auto it = std::upper_bound(highlights_.begin(), highlights_.end(), pos,
                               [](std::size_t p, const Highlight& h) { return p < h.end; });
    return it != highlights_.end() && it->start <= pos;
  }

  void add_piece(Atom& atom, Piece piece) const {
    if (piece.text.empty()) return;
    piece.width = display_width(piece.text);
    atom.width += piece.width;
    atom.pieces.push_back(std::move(piece));
  }

  Atom make_atom(std::size_t from, std::size_t to, bool space_before) const {
    Atom atom;
    atom.space_before = space_before;
    auto cut = std::upper_bound(cuts_.begin(), cuts_.end(), from);
    std::size_t at = from;
    while (at < to) {
      std::size_t next = cut != cuts_.end() && *cut < to ? *cut++ : to;
      int index = -1;
      const Segment* seg = segment_at(at, index);
      Piece piece;
      piece.highlight = highlighted(at);
      piece.segment = index;
      piece.starts_segment = seg != nullptr && seg->start == at;
      if (markers_ && piece.starts_segment) {
        add_piece(atom, Piece{.text = std::string(kQuoteOpen) + seg->label + ": ",
                              .width = 0,
                              .highlight = false,
                              .segment = index,
                              .starts_segment = true,
                              .marker = true});
        piece.starts_segment = false;
      }
      piece.text = sanitize_terminal_text(text_.substr(at, next - at));
      add_piece(atom, std::move(piece));
      if (markers_ && seg != nullptr && seg->end == next) {
        add_piece(atom, Piece{.text = std::string(kQuoteClose),
                              .width = 0,
                              .highlight = false,
                              .segment = index,
                              .starts_segment = false,
                              .marker = true});
      }
      at = next;
    }
    return atom;
  }

  std::string_view text_;
  const std::vector<Highlight>& highlights_;
  const std::vector<Segment>& segments_;
  bool markers_;
  std::vector<std::size_t> cuts_;
};

// `atom` cut into atoms of at most `width` columns, at character boundaries
// (a wide character wider than `width` stays whole).
std::vector<Atom> split_atom(const Atom& atom, std::size_t width) {
  std::vector<Atom> out(1);
  out.back().space_before = atom.space_before;
  for (const Piece& piece : atom.pieces) {
    Piece part = piece;
    part.text.clear();
    part.width = 0;
    auto flush = [&] {
      if (part.text.empty()) return;
      out.back().width += part.width;
      out.back().pieces.push_back(part);
      part.text.clear();
      part.width = 0;
      part.starts_segment = false;
    };
    for (std::size_t i = 0; i < piece.text.size();) {
      std::size_t len = 0;
      std::size_t cw = code_point_width(code_point_at(piece.text, i, len));
      if (out.back().width + part.width + cw > width && out.back().width + part.width > 0) {
        flush();
        out.push_back(Atom{{}, 0, false});
      }
      part.text.append(piece.text, i, len);
      part.width += cw;
      i += len;
    }
    flush();
  }
  return out;
}

// Greedy filling of lines `width` columns wide.
std::vector<Line> wrap(const std::vector<Atom>& atoms, std::size_t width) {
  std::vector<Line> lines;
  Line line;
  std::size_t used = 0;
  auto place = [&](const Atom& atom) {
    std::size_t gap = line.empty() || !atom.space_before ? 0 : 1;
    if (!line.empty() && used + gap + atom.width > width) {
      lines.push_back(std::move(line));
      line.clear();
      used = 0;
      gap = 0;
    }
    used += gap + atom.width;
    line.push_back(atom);
  };
  for (const Atom& atom : atoms) {
    if (atom.width <= width) {
      place(atom);
    } else {
      for (const Atom& part : split_atom(atom, width)) place(part);
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

class Writer {
 public:
  Writer(const ArticleStyle& style, const std::vector<Segment>& segments, std::ostream& out)
      : style_(style), segments_(segments), out_(out) {}

  // One line: `base` is the style of text that is neither a match nor a
  // quote ("" = the terminal's default); a match or quote inside a bold
  // title stays bold.
  void line(const Line& line, std::string_view base) {
    current_ = "";
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (k > 0 && line[k].space_before) {
        // A space inside a match or quote takes its style; between two
        // differently marked stretches, the base style.
        std::string_view next = line[k].pieces.empty() ? base : style_of(line[k].pieces.front(), base);
        if (next != current_) set(base, base);
        out_ << ' ';
      }
      for (const Piece& p : line[k].pieces) {
        set(style_of(p, base), base);
        out_ << p.text;
      }
    }
    if (!current_.empty()) out_ << kReset;
    out_ << '\n';
  }

 private:
  std::string_view style_of(const Piece& p, std::string_view base) const {
    if (p.highlight) return kHighlight;
    if (p.segment >= 0) return segments_[static_cast<std::size_t>(p.segment)].color;
    return base;
  }

  // Switches the terminal to `want` (nothing without colour); a match or a
  // quote inside a bold title stays bold.
  void set(std::string_view want, std::string_view base) {
    if (!style_.color || want == current_) return;
    out_ << kReset;
    if (!base.empty() && want != base) out_ << base;
    out_ << want;
    current_ = want;
  }

  const ArticleStyle& style_;
  const std::vector<Segment>& segments_;
  std::ostream& out_;
  std::string_view current_;  // the style the terminal is in; "" = its default
};

// "label:" then `atoms` wrapped with a hanging indent.
void labelled(std::string_view label, const std::vector<Atom>& atoms, const ArticleStyle& style, std::ostream& out) {
  if (atoms.empty()) return;
  static const std::vector<Segment> kNoSegments;
  const std::size_t indent = style.width >= kLabelWidth + kMinArticleWidth ? kLabelWidth : label.size() + 2;
  Writer writer(style, kNoSegments, out);
  bool first = true;
  for (const Line& line : wrap(atoms, std::max<std::size_t>(style.width - std::min(style.width, indent), 1))) {
    if (first) {
      if (style.color) out << kMeta;
      out << label << ':';
      if (style.color) out << kReset;
      out << std::string(indent - label.size() - 1, ' ');
    } else {
      out << std::string(indent, ' ');
    }
    writer.line(line, "");
    first = false;
  }
}

// Atoms of a list of names: "John Kerry, Juan Manuel Santos".
std::vector<Atom> names_atoms(const std::vector<std::string>& names) {
  std::string joined;
  for (std::size_t i = 0; i < names.size(); ++i) joined += (i ? ", " : "") + sanitize_terminal_text(names[i]);
  static const std::vector<Highlight> kNone;
  static const std::vector<Segment> kNoSegments;
  return AtomMaker(joined, kNone, kNoSegments, false).add(0, joined.size());
}

// The paragraphs of `body`: [start, end) ranges between blank lines.
std::vector<std::pair<std::size_t, std::size_t>> paragraphs(std::string_view body) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < body.size()) {
    if (body[i] != '\n') {
      ++i;
      continue;
    }
    // A line break followed by a line of white space only, then another break.
    std::size_t j = i + 1;
    while (j < body.size() && body[j] != '\n' && is_space(body[j])) ++j;
    if (j < body.size() && body[j] == '\n') {
      out.emplace_back(start, i);
      while (j < body.size() && is_space(body[j])) ++j;
      start = j;
      i = j;
    } else {
      i = j;
    }
  }
  out.emplace_back(start, body.size());
  return out;
}

}  // namespace

void ArticleTextPrinter::print(const ShownArticle& a, bool first, std::ostream& out) {
  ArticleStyle style = style_;
  style.width = std::max(style.width, kMinArticleWidth);
  static const std::vector<Segment> kNoSegments;
  static const std::vector<Highlight> kNone;

  if (!first) {
    std::string rule;
    for (std::size_t i = 0; i < style.width; ++i) rule += "─";
    out << '\n' << rule << "\n\n";
  }

  // Title, bold, its matches marked.
  Writer plain_writer(style, kNoSegments, out);
  std::string title = a.title;
  std::vector<Highlight> title_marks = a.title_highlights;
  if (title.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
    title = "(untitled)";
    title_marks.clear();
  }
  AtomMaker title_atoms(title, title_marks, kNoSegments, false);
  for (const Line& line : wrap(title_atoms.add(0, title.size()), style.width)) {
    plain_writer.line(line, style.color ? kTitle : "");
  }

  // date · source · by author · language · id, then the URL unbroken.
  std::vector<std::string> meta;
  if (a.published_unix_s) {
    std::string iso = dates::format_datetime(*a.published_unix_s);  // YYYY-MM-DDTHH:MM:SSZ
    // Midnight is what an input with a date and no time gives: the date alone.
    std::string date = iso.substr(0, 10);
    if (iso.substr(11, 8) != "00:00:00") date += " " + iso.substr(11, 5) + " UTC";
    meta.push_back(date);
  }
  if (!a.source.empty()) meta.push_back(sanitize_terminal_text(a.source));
  if (!a.author.empty()) meta.push_back("by " + sanitize_terminal_text(a.author));
  if (!a.lang.empty() && a.lang != "en") meta.push_back(sanitize_terminal_text(a.lang, LineBreaks::kEscape));
  meta.push_back(sanitize_terminal_text(a.id, LineBreaks::kEscape));
  std::string meta_line;
  for (std::size_t i = 0; i < meta.size(); ++i) meta_line += (i ? " · " : "") + meta[i];
  for (const Line& line : wrap(AtomMaker(meta_line, kNone, kNoSegments, false).add(0, meta_line.size()), style.width)) {
    plain_writer.line(line, style.color ? kMeta : "");
  }
  if (!a.url.empty()) out << sanitize_terminal_text(a.url, LineBreaks::kEscape) << '\n';

  // Entities.
  switch (a.entities) {
    case EntitiesState::kExtracted: {
      labelled("speakers", names_atoms(a.speakers), style, out);
      std::vector<std::string> countries;
      for (const CountryRef& c : a.countries) {
        countries.push_back(c.code.empty() ? c.name : c.name + " (" + c.code + ")");
      }
      labelled("countries", names_atoms(countries), style, out);
      labelled("persons", names_atoms(a.persons), style, out);
      labelled("organizations", names_atoms(a.organizations), style, out);
      break;
    }
    case EntitiesState::kNotExtracted:
      labelled("entities", names_atoms({"not extracted (indexed with --no-entities)"}), style, out);
      break;
    case EntitiesState::kDamaged:
      labelled("entities", names_atoms({"the stored summary is damaged: " + a.entities_error}), style, out);
      break;
  }

  // The body: paragraphs, quotes marked with their speaker.
  const std::vector<Segment> segments = quote_segments(a);
  std::size_t note_width = 0;
  for (const Segment& s : segments) note_width = std::max(note_width, std::min(display_width(s.label), kMaxNoteWidth));
  const std::size_t margin = note_width + 3;  // note, space, bar, space
  const bool use_margin = style.color && !segments.empty() && style.width >= margin + kMinTextBesideMargin;
  const std::size_t text_width = use_margin ? style.width - margin : style.width;
  AtomMaker body_atoms(a.body, a.body_highlights, segments, !use_margin);
  Writer writer(style, segments, out);
  for (const auto& [start, end] : paragraphs(a.body)) {
    std::vector<Atom> atoms = body_atoms.add(start, end);
    if (atoms.empty()) continue;
    out << '\n';
    for (const Line& line : wrap(atoms, text_width)) {
      if (use_margin) {
        // The note: the speaker of the first quote starting on this line;
        // the bar: in the colour of the first quote on it.
        const Segment* starts = nullptr;
        const Segment* any = nullptr;
        for (const Atom& atom : line) {
          for (const Piece& p : atom.pieces) {
            if (p.segment < 0) continue;
            const Segment* seg = &segments[static_cast<std::size_t>(p.segment)];
            if (any == nullptr) any = seg;
            if (starts == nullptr && p.starts_segment) starts = seg;
          }
        }
        std::string note = starts != nullptr ? fit(starts->label, note_width) : "";
        std::size_t note_columns = display_width(note);
        out << std::string(note_width - std::min(note_width, note_columns), ' ');
        if (starts != nullptr) out << starts->color << note << kReset;
        out << ' ';
        if (any != nullptr) {
          out << any->color << kBar << kReset;
        } else {
          out << ' ';
        }
        out << ' ';
      }
      writer.line(line, "");
    }
  }
}

}  // namespace newsdex::search
