#include "searcher/printers/terminal_layout.h"

#include <algorithm>

#include "common/format.h"
#include "common/terminal_text.h"

namespace newsdex::search::layout {

std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > s.size()) len = 1;
  std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += len;
  return cp;
}

std::string safe(std::string_view text) { return sanitize_terminal_text(text, LineBreaks::kSpace); }

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

std::string fit(std::string_view s, std::size_t columns) {
  if (display_width(s) <= columns) return std::string(s);
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

void styled(std::ostream& out, bool color, std::string_view style, std::string_view text) {
  if (color) out << style;
  out << text;
  if (color) out << kReset;
}

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
    std::size_t w = display_width(word);
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

void print_facet_blocks(const std::vector<Facet>& facets, std::string_view what, const TerminalStyle& style,
                        std::ostream& out) {
  for (const Facet& f : facets) {
    if (f.values.empty()) continue;  // a heading over nothing says nothing
    styled(out, style.color, kTitle, f.name + " (" + std::string(what) + ")");
    out << "\n";
    std::size_t label_width = 0;
    std::vector<std::string> labels;  // whole, made safe
    for (const FacetValue& v : f.values) {
      labels.push_back(safe(v.code.empty() ? v.value : v.value + " (" + v.code + ")"));
      label_width = std::max(label_width, std::min<std::size_t>(display_width(labels.back()), 40));
    }
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      const FacetValue& v = f.values[i];
      std::string label = fit(labels[i], 40);
      out << "  " << label << std::string(label_width - std::min(label_width, display_width(label)), ' ') << "  "
          << format_count(v.count) << "\n";
    }
    if (f.distinct > f.values.size()) out << "  … and " << format_count(f.distinct - f.values.size()) << " more\n";
    out << "\n";
  }
}

void print_timeline_block(const Timeline& t, std::string_view what, const TerminalStyle& style, std::ostream& out) {
  if (t.buckets.empty() && t.undated == 0) return;  // a heading over nothing says nothing
  styled(out, style.color, kTitle, "timeline by " + t.granularity + " (" + std::string(what) + ")");
  out << "\n";
  std::uint64_t max = 0;
  std::size_t count_width = 1;
  for (const TimelineBucket& b : t.buckets) {
    max = std::max(max, b.count);
    count_width = std::max(count_width, format_count(b.count).size());
  }
  bool tops =
      std::any_of(t.buckets.begin(), t.buckets.end(), [](const TimelineBucket& b) { return !b.top_title.empty(); });
  std::size_t width = std::max<std::size_t>(style.width, 60);
  std::size_t label_width = t.buckets.empty() ? 0 : t.buckets.front().label.size();
  // label, bar, count[, headline]: the bar takes what is left, up to 40 columns.
  std::size_t bar_width = tops ? 20 : std::min<std::size_t>(40, width - label_width - count_width - 6);
  for (const TimelineBucket& b : t.buckets) {
    std::string bars = bar(b.count, max, bar_width);
    out << "  " << b.label << "  ";
    if (style.color) out << kHighlight;
    out << bars;
    if (style.color) out << kReset;
    out << std::string(bar_width + 1 - display_width(bars), ' ');
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

}  // namespace newsdex::search::layout
