#include "searcher/printers/terminal_printer.h"

#include <algorithm>
#include <cstdint>
#include <iomanip>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/dates.h"
#include "common/format.h"
#include "common/terminal_text.h"
#include "common/test_hook.h"

namespace newsdex::search {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kHighlight = "\x1b[1;31m";  // bold red, as ripgrep's matches
constexpr std::string_view kTitle = "\x1b[1m";
constexpr std::string_view kMeta = "\x1b[32m";
constexpr std::size_t kIndent = 3;

// Decodes the code point at s[i] (valid UTF-8 assumed; a stray byte counts as
// one column) and advances i.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > s.size()) len = 1;
  std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += len;
  return cp;
}

std::size_t text_width(std::string_view s) { return display_width(s); }

// Article text and anything else from the database, made safe to print
// (common/terminal_text.h): on one line, before our colour codes are added.
std::string safe(std::string_view text) { return sanitize_terminal_text(text, LineBreaks::kSpace); }

// `snippet` made safe, its highlights moved to the same characters: each run
// between two highlight boundaries is sanitised on its own.
Snippet safe(const Snippet& snippet) {
  Snippet out;
  const std::string& text = snippet.text;
  std::size_t done = 0;  // bytes of `text` copied so far
  auto copy_to = [&](std::size_t end) {
    end = std::min(std::max(end, done), text.size());
    out.text += safe(std::string_view(text).substr(done, end - done));
    done = end;
  };
  for (const Highlight& h : snippet.highlights) {
    copy_to(h.start);
    auto start = static_cast<std::uint32_t>(out.text.size());
    copy_to(h.end);
    auto end = static_cast<std::uint32_t>(out.text.size());
    if (end > start) out.highlights.push_back(Highlight{start, end});
  }
  copy_to(text.size());
  return out;
}

// Writes `snippet` word-wrapped at `width` columns, each line indented, with
// highlights in colour. A highlight that spans a line break is closed before
// the break and reopened after the indent. A word with a wide (CJK) character,
// or wider than a line, may break between any two of its characters: CJK text
// has no spaces to break at.
void write_wrapped(const Snippet& snippet, std::string_view style, bool color, std::size_t width, std::ostream& out) {
  const std::string& text = snippet.text;
  const std::string indent(kIndent, ' ');
  std::size_t line_width = width > kIndent + 20 ? width - kIndent : 0;
  std::size_t next_h = 0;
  bool in_highlight = false;
  std::size_t column = 0;

  auto set_style = [&](bool highlight_on) {
    if (!color) return;
    out << kReset;
    if (highlight_on) {
      out << kHighlight;
    } else if (!style.empty()) {
      out << style;
    }
  };
  auto new_line = [&] {
    if (color && in_highlight) out << kReset;
    out << '\n' << indent;
    if (color) set_style(in_highlight);
    column = 0;
  };

  out << indent;
  set_style(false);
  std::size_t i = 0;
  while (i < text.size()) {
    // The next word: up to (not including) the next space.
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    std::string_view word(text.data() + i, end - i);
    std::size_t w = text_width(word);
    bool breakable = false;  // at any character
    if (line_width > 0) {
      breakable = w > line_width;
      for (std::size_t k = 0; k < word.size() && !breakable;)
        breakable = code_point_width(next_code_point(word, k)) == 2;
    }
    if (column > 0) {
      if (line_width > 0 && column + 1 + (breakable ? 1 : w) > line_width) {
        new_line();
      } else {
        out << ' ';
        ++column;
      }
    }
    for (std::size_t b = i; b < end;) {
      std::size_t next = b;
      const std::size_t cw = code_point_width(next_code_point(text, next));
      next = std::min(next, end);
      if (breakable && column > 0 && column + cw > line_width) new_line();
      for (; b < next; ++b) {
        while (next_h < snippet.highlights.size() && snippet.highlights[next_h].end <= b) {
          ++next_h;
        }
        bool on = next_h < snippet.highlights.size() && snippet.highlights[next_h].start <= b;
        if (on != in_highlight) {
          in_highlight = on;
          set_style(on);
        }
        out << text[b];
      }
      column += cw;
    }
    i = end + 1;
    // The space itself: a highlight that ends right here closes before it.
    if (i <= text.size()) {
      while (next_h < snippet.highlights.size() && snippet.highlights[next_h].end <= end) ++next_h;
      bool on = next_h < snippet.highlights.size() && snippet.highlights[next_h].start <= end;
      if (on != in_highlight) {
        in_highlight = on;
        set_style(on);
      }
    }
  }
  if (color) out << kReset;
  out << '\n';
}

// Cuts `s` to at most `columns` terminal columns, at a character boundary,
// with "…" when cut.
std::string fit(std::string_view s, std::size_t columns) {
  if (text_width(s) <= columns) return std::string(s);
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    std::size_t cw = code_point_width(next_code_point(s, i));
    if (w + cw + 1 > columns) break;
    out.append(s.substr(start, i - start));
    w += cw;
  }
  return out + "…";
}

// A bar of `value / max * width` columns in Unicode eighth blocks.
std::string bar(std::uint64_t value, std::uint64_t max, std::size_t width) {
  static const char* const kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  if (max == 0) return "";
  std::uint64_t eighths = (value * width * 8 + max / 2) / max;
  if (value > 0 && eighths == 0) eighths = 1;  // a non-empty bucket always shows
  std::string out;
  for (std::uint64_t i = 0; i < eighths / 8; ++i) out += "█";
  out += kEighths[eighths % 8];
  return out;
}

// What the counts count, in the plural: "articles" or "stories" (--count-by).
std::string counted(const SearchResults& results) {
  return results.count_by == "story" ? "stories" : results.count_by + "s";
}

}  // namespace

void TerminalPrinter::print_facets(const SearchResults& results, std::ostream& out) const {
  for (const Facet& f : results.facets) {
    if (f.values.empty()) continue;  // a heading over nothing says nothing
    if (style_.color) out << kTitle;
    out << f.name << " (" << counted(results) << ", " << (results.counts_exact ? "exact" : "estimated") << ")";
    if (style_.color) out << kReset;
    out << "\n";
    std::size_t label_width = 0;
    std::vector<std::string> labels;  // whole, made safe
    for (const FacetValue& v : f.values) {
      labels.push_back(safe(v.code.empty() ? v.value : v.value + " (" + v.code + ")"));
      label_width = std::max(label_width, std::min<std::size_t>(text_width(labels.back()), 40));
    }
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      const FacetValue& v = f.values[i];
      std::string label = fit(labels[i], 40);
      out << "  " << label << std::string(label_width - std::min(label_width, text_width(label)), ' ') << "  "
          << format_count(v.count) << "\n";
    }
    if (f.distinct > f.values.size()) out << "  … and " << format_count(f.distinct - f.values.size()) << " more\n";
    out << "\n";
  }
}

void TerminalPrinter::print_timeline(const SearchResults& results, std::ostream& out) const {
  if (!results.timeline) return;
  const Timeline& t = *results.timeline;
  if (t.buckets.empty() && t.undated == 0) return;  // a heading over nothing says nothing
  if (style_.color) out << kTitle;
  out << "timeline by " << t.granularity << " (" << counted(results) << ", "
      << (results.counts_exact ? "exact" : "estimated") << ")";
  if (style_.color) out << kReset;
  out << "\n";
  std::uint64_t max = 0;
  std::size_t count_width = 1;
  for (const TimelineBucket& b : t.buckets) {
    max = std::max(max, b.count);
    count_width = std::max(count_width, format_count(b.count).size());
  }
  bool tops =
      std::any_of(t.buckets.begin(), t.buckets.end(), [](const TimelineBucket& b) { return !b.top_title.empty(); });
  std::size_t width = std::max<std::size_t>(style_.width, 60);
  std::size_t label_width = t.buckets.empty() ? 0 : t.buckets.front().label.size();
  // label, bar, count[, headline]: the bar takes what is left, up to 40 columns.
  std::size_t bar_width = tops ? 20 : std::min<std::size_t>(40, width - label_width - count_width - 6);
  for (const TimelineBucket& b : t.buckets) {
    std::string bars = bar(b.count, max, bar_width);
    out << "  " << b.label << "  ";
    if (style_.color) out << kHighlight;
    out << bars;
    if (style_.color) out << kReset;
    out << std::string(bar_width + 1 - text_width(bars), ' ');
    std::string n = format_count(b.count);
    out << std::string(count_width - n.size(), ' ') << n;
    if (!b.top_title.empty()) {
      std::size_t used = 2 + label_width + 2 + bar_width + 1 + count_width + 2;
      out << "  " << fit(safe(b.top_title), width > used + 10 ? width - used : 10);
    }
    out << "\n";
  }
  if (t.undated > 0) out << "  (" << format_count(t.undated) << " undated)\n";
  out << "\n";
}

void TerminalPrinter::print(const SearchResults& results, std::ostream& out) {
  for (const Match& m : results.matches) {
    std::ostringstream rank;
    rank << m.rank << ".";
    if (style_.color) out << kTitle;
    out << rank.str();
    if (style_.color) out << kReset;
    // The title, with its own highlights, from the rank's line on, wrapped
    // under the snippet's indent (the first line is as much shorter as the
    // rank is wider than that indent).
    Snippet title = safe(m.title_highlighted);
    if (title.text.empty()) title.text = m.title.empty() ? "(untitled)" : safe(m.title);
    const std::size_t rank_extra = rank.str().size() + 1 > kIndent ? rank.str().size() + 1 - kIndent : 0;
    std::ostringstream title_line;
    write_wrapped(title, kTitle, style_.color, style_.width > rank_extra ? style_.width - rank_extra : style_.width,
                  title_line);
    std::string t = title_line.str();
    out << ' ' << t.substr(kIndent);  // drop the indent write_wrapped adds

    std::string meta;
    if (m.published_unix_s) meta += dates::format_date(*m.published_unix_s);
    if (!m.source.empty()) meta += (meta.empty() ? "" : " · ") + safe(m.source);
    meta += (meta.empty() ? "" : " · ") + sanitize_terminal_text(m.id, LineBreaks::kEscape);
    if (!m.matched_all) meta += " · partial match";
    write_wrapped(Snippet{.text = meta, .highlights = {}}, kMeta, style_.color, style_.width, out);
    // The URL stays whole, however long: the terminal's own wrapping keeps it
    // one link to open.
    if (!m.url.empty()) out << std::string(kIndent, ' ') << sanitize_terminal_text(m.url, LineBreaks::kEscape) << '\n';
    std::vector<std::string> who_parts;
    auto join = [](const std::vector<std::string>& names, std::size_t most) {
      std::string s;
      for (std::size_t i = 0; i < names.size() && i < most; ++i) s += (i ? ", " : "") + safe(names[i]);
      if (names.size() > most) s += ", …";
      return s;
    };
    if (!m.speakers.empty()) who_parts.push_back("speakers: " + join(m.speakers, 4));
    if (!m.countries.empty()) {
      std::vector<std::string> names;
      for (const CountryRef& c : m.countries) names.push_back(c.name);
      who_parts.push_back("countries: " + join(names, 5));
    }
    // Speakers and countries on one line when it fits, else each on its own.
    std::string who;
    for (const std::string& part : who_parts) who += (who.empty() ? "" : " · ") + part;
    if (style_.width == 0 || kIndent + text_width(who) <= style_.width) who_parts = {who};
    for (const std::string& part : who_parts) {
      if (!part.empty()) write_wrapped(Snippet{.text = part, .highlights = {}}, kMeta, style_.color, style_.width, out);
    }
    if (!m.snippet.text.empty()) write_wrapped(safe(m.snippet), "", style_.color, style_.width, out);
    if (m.similar_count > 0) {
      out << std::string(kIndent, ' ');
      if (style_.color) out << kMeta;
      out << "+" << m.similar_count << " similar article" << (m.similar_count == 1 ? "" : "s");
      if (!m.similar_sources.empty()) {
        out << " (";
        for (std::size_t i = 0; i < m.similar_sources.size(); ++i) out << (i ? ", " : "") << safe(m.similar_sources[i]);
        out << ")";
      }
      if (style_.color) out << kReset;
      out << '\n';
    }
    out << '\n';
    if (test_hooks_enabled()) {
      // A test stopping here sees every result so far on its terminal.
      out.flush();
      test_hook("hit");
    }
  }
  print_facets(results, out);
  print_timeline(results, out);
  if (!results.did_you_mean.empty()) {
    out << "Did you mean: ";
    if (style_.color) out << kTitle;
    out << safe(results.did_you_mean);
    if (style_.color) out << kReset;
    out << "\n";
  }
  std::ostringstream summary;
  if (results.matches_estimated == 0) {
    summary << "No articles match.";
  } else {
    std::uint64_t first = results.offset + 1;
    std::uint64_t last = results.offset + results.matches.size();
    if (results.matches.empty() && results.offset == 0) {
      summary << "Showing none of";  // --limit 0: counts only
    } else if (results.matches.empty()) {
      summary << "No results past " << format_count(results.offset) << ";";
    } else {
      summary << "Results " << format_count(first) << "–" << format_count(last) << " of";
    }
    bool exact = results.matches_lower_bound == results.matches_upper_bound;
    summary << (exact ? " " : " about ") << format_count(results.matches_estimated) << " matching article"
            << (results.matches_estimated == 1 ? "" : "s");
    if (results.complete_matches_estimated < results.matches_estimated) {
      summary << " (" << format_count(results.complete_matches_estimated) << " with every word)";
    }
    summary << ".";
  }
  summary << " " << std::fixed << std::setprecision(1) << results.elapsed_ms << " ms";
  if (style_.color) out << kMeta;
  out << summary.str();
  if (style_.color) out << kReset;
  out << '\n';
}

}  // namespace newsdex::search
