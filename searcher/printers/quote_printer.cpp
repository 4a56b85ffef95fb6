#include "searcher/printers/quote_printer.h"

#include <algorithm>
#include <cstdint>
#include <iomanip>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/dates.h"
#include "common/format.h"
#include "common/terminal_text.h"
#include "searcher/printers/json_printer.h"
#include "searcher/quote_search.h"

namespace newsdex::search {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kHighlight = "\x1b[1;31m";  // as the article results' matches
constexpr std::string_view kTitle = "\x1b[1m";
constexpr std::string_view kMeta = "\x1b[32m";
constexpr std::size_t kIndent = 3;

std::string safe(std::string_view text) { return sanitize_terminal_text(text, LineBreaks::kSpace); }

// `snippet` made safe, its highlights moved along: each run between two
// highlight boundaries is sanitised on its own.
Snippet safe(const Snippet& snippet) {
  Snippet out;
  std::size_t done = 0;
  auto copy_to = [&](std::size_t end) {
    end = std::min(std::max(end, done), snippet.text.size());
    out.text += safe(std::string_view(snippet.text).substr(done, end - done));
    done = end;
  };
  for (const Highlight& h : snippet.highlights) {
    copy_to(h.start);
    auto start = static_cast<std::uint32_t>(out.text.size());
    copy_to(h.end);
    auto end = static_cast<std::uint32_t>(out.text.size());
    if (end > start) out.highlights.push_back(Highlight{start, end});
  }
  copy_to(snippet.text.size());
  return out;
}

// `snippet` (safe) word-wrapped at `width` columns (0 = no wrap), indented,
// its highlights in colour when `color`.
void write_wrapped(const Snippet& snippet, bool color, std::size_t width, std::ostream& out) {
  const std::string& text = snippet.text;
  const std::string indent(kIndent, ' ');
  const std::size_t line = width > kIndent + 20 ? width - kIndent : 0;
  out << indent;
  std::size_t column = 0;
  std::size_t h = 0;  // the first highlight not yet passed
  auto write_range = [&](std::size_t from, std::size_t to) {
    while (from < to) {
      while (h < snippet.highlights.size() && snippet.highlights[h].end <= from) ++h;
      if (h < snippet.highlights.size() && snippet.highlights[h].start <= from) {
        std::size_t end = std::min<std::size_t>(to, snippet.highlights[h].end);
        if (color) out << kHighlight;
        out << std::string_view(text).substr(from, end - from);
        if (color) out << kReset;
        from = end;
      } else {
        std::size_t end = h < snippet.highlights.size() ? std::min<std::size_t>(to, snippet.highlights[h].start) : to;
        out << std::string_view(text).substr(from, end - from);
        from = end;
      }
    }
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) {
      const std::size_t w = display_width(std::string_view(text).substr(i, j - i));
      if (line > 0 && column > 0 && column + 1 + w > line) {
        out << '\n' << indent;
        column = 0;
      } else if (column > 0) {
        out << ' ';
        ++column;
      }
      write_range(i, j);
      column += w;
    }
    i = j + 1;
  }
  out << '\n';
}

// Cuts `s` (safe) to `columns` display columns with "…".
std::string fit(const std::string& s, std::size_t columns) {
  if (display_width(s) <= columns) return s;
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    if (display_width(out + s.substr(i, len)) + 1 > columns) break;
    out += s.substr(i, len);
    i += len;
  }
  return out + "…";
}

std::string bar(std::uint64_t value, std::uint64_t max, std::size_t width) {
  static const char* const kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  if (max == 0) return "";
  std::uint64_t eighths = (value * width * 8 + max / 2) / max;
  if (value > 0 && eighths == 0) eighths = 1;
  std::string out;
  for (std::uint64_t i = 0; i < eighths / 8; ++i) out += "█";
  out += kEighths[eighths % 8];
  return out;
}

void styled(std::ostream& out, bool color, std::string_view style, const std::string& text) {
  if (color) out << style;
  out << text;
  if (color) out << kReset;
}

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

nlohmann::ordered_json ranges(const std::vector<Highlight>& highlights) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Highlight& h : highlights) out.push_back({h.start, h.end});
  return out;
}

void write_line(const nlohmann::ordered_json& j, std::ostream& out) {
  out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace

void print_quotes_text(const QuoteResults& results, TerminalStyle style, std::ostream& out) {
  const bool color = style.color;
  for (const QuoteHit& q : results.hits) {
    std::string head = std::to_string(q.rank) + ". ";
    std::string who = q.speaker.empty() ? "(unattributed)" : safe(q.speaker);
    styled(out, color, kTitle, head + who);
    out << (q.verb.empty() ? ":" : " " + safe(q.verb) + ":") << '\n';
    write_wrapped(safe(q.snippet), color, style.width, out);
    std::string meta;
    if (q.published_unix_s) meta += dates::format_date(*q.published_unix_s);
    if (!q.source.empty()) meta += (meta.empty() ? "" : " · ") + safe(q.source);
    meta += (meta.empty() ? "" : " · ") + sanitize_terminal_text(q.id, LineBreaks::kEscape);
    if (!q.title.empty()) {
      const std::size_t used = kIndent + display_width(meta) + 3;
      const std::size_t room = style.width > used + 10 ? style.width - used : 10;
      meta += " · " + (style.width == 0 ? safe(q.title) : fit(safe(q.title), room));
    }
    out << std::string(kIndent, ' ');
    styled(out, color, kMeta, meta);
    out << "\n\n";
  }
  const std::string exact = results.exact ? "exact" : "at least";
  for (const Facet& f : results.facets) {
    if (f.values.empty()) continue;  // a heading over nothing says nothing, as for articles
    styled(out, color, kTitle, f.name + " (quotes, " + exact + ")");
    out << '\n';
    std::vector<std::string> labels;
    std::size_t label_width = 0;
    for (const FacetValue& v : f.values) {
      labels.push_back(fit(safe(v.code.empty() ? v.value : v.value + " (" + v.code + ")"), 40));
      label_width = std::max(label_width, display_width(labels.back()));
    }
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      out << "  " << labels[i] << std::string(label_width - display_width(labels[i]), ' ') << "  "
          << format_count(f.values[i].count) << '\n';
    }
    if (f.distinct > f.values.size()) out << "  … and " << format_count(f.distinct - f.values.size()) << " more\n";
    out << '\n';
  }
  if (results.timeline && (!results.timeline->buckets.empty() || results.timeline->undated > 0)) {
    const Timeline& t = *results.timeline;
    styled(out, color, kTitle, "timeline by " + t.granularity + " (quotes, " + exact + ")");
    out << '\n';
    std::uint64_t max = 0;
    std::size_t count_width = 1;
    for (const TimelineBucket& b : t.buckets) {
      max = std::max(max, b.count);
      count_width = std::max(count_width, format_count(b.count).size());
    }
    const std::size_t width = std::max<std::size_t>(style.width, 60);
    const std::size_t label_width = t.buckets.empty() ? 0 : t.buckets.front().label.size();
    const std::size_t bar_width = std::min<std::size_t>(40, width - label_width - count_width - 6);
    for (const TimelineBucket& b : t.buckets) {
      std::string bars = bar(b.count, max, bar_width);
      out << "  " << b.label << "  ";
      styled(out, color, kHighlight, bars);
      out << std::string(bar_width + 1 - display_width(bars), ' ');
      std::string n = format_count(b.count);
      out << std::string(count_width - n.size(), ' ') << n << '\n';
    }
    if (t.undated > 0) out << "  (" << format_count(t.undated) << " undated)\n";
    out << '\n';
  }
  std::ostringstream summary;
  if (results.matched == 0) {
    summary << "No quotes match.";
  } else {
    if (results.hits.empty() && results.offset == 0) {
      summary << "Showing none of";
    } else if (results.hits.empty()) {
      summary << "No results past " << format_count(results.offset) << ";";
    } else {
      summary << "Quotes " << format_count(results.offset + 1) << "–"
              << format_count(results.offset + results.hits.size()) << " of";
    }
    summary << (results.exact ? " " : " at least ") << format_count(results.matched) << " matching quote"
            << (results.matched == 1 ? "" : "s") << " in " << format_count(results.articles) << " article"
            << (results.articles == 1 ? "" : "s") << ".";
    if (!results.exact) {
      summary << " (Only the " << format_count(kMaxQuoteCandidates) << " best candidate articles were read.)";
    }
  }
  summary << " " << std::fixed << std::setprecision(1) << results.elapsed_ms << " ms";
  styled(out, color, kMeta, summary.str());
  out << '\n';
}

void print_quote_json(const QuoteHit& q, std::ostream& out) {
  write_line(
      {
          {"type", "quote"},
          {"format_version", kJsonFormatVersion},
          {"rank", q.rank},
          {"score", q.score},
          {"speaker", or_null(q.speaker)},
          {"verb", or_null(q.verb)},
          {"text", q.text},
          {"highlights", ranges(q.highlights)},
          {"snippet", {{"text", q.snippet.text}, {"highlights", ranges(q.snippet.highlights)}}},
          {"quote_index", q.quote_index},
          {"id", q.id},
          {"title", q.title},
          {"date", q.published_unix_s ? nlohmann::ordered_json(dates::format_datetime(*q.published_unix_s))
                                      : nlohmann::ordered_json(nullptr)},
          {"source", or_null(q.source)},
          {"url", or_null(q.url)},
      },
      out);
}

void print_quotes_json(const QuoteResults& results, std::ostream& out) {
  for (const QuoteHit& q : results.hits) print_quote_json(q, out);
  print_quotes_json_end(results, results.hits.size(), out);
}

void print_quotes_json_end(const QuoteResults& results, std::uint64_t returned, std::ostream& out) {
  if (!results.facets.empty()) {
    nlohmann::ordered_json facets = nlohmann::ordered_json::object();
    for (const Facet& f : results.facets) {
      nlohmann::ordered_json values = nlohmann::ordered_json::array();
      for (const FacetValue& v : f.values) {
        nlohmann::ordered_json value = {{"value", v.value}};
        if (!v.code.empty()) value["code"] = v.code;
        value["count"] = v.count;
        values.push_back(value);
      }
      facets[f.name] = {{"distinct", f.distinct}, {"values", values}};
    }
    write_line({{"type", "facets"},
                {"format_version", kJsonFormatVersion},
                {"count_by", "quote"},
                {"exact", results.exact},
                {"facets", facets}},
               out);
  }
  if (results.timeline) {
    nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
    for (const TimelineBucket& b : results.timeline->buckets)
      buckets.push_back({{"label", b.label}, {"count", b.count}});
    write_line({{"type", "timeline"},
                {"format_version", kJsonFormatVersion},
                {"granularity", results.timeline->granularity},
                {"count_by", "quote"},
                {"exact", results.exact},
                {"undated", results.timeline->undated},
                {"buckets", buckets}},
               out);
  }
  write_line({{"type", "summary"},
              {"format_version", kJsonFormatVersion},
              {"mode", "quotes"},
              {"query", results.query},
              {"offset", results.offset},
              {"returned", returned},
              {"quotes_matched", results.matched},
              {"articles_matched", results.articles},
              {"candidates_read", results.candidates},
              {"exact", results.exact},
              {"sort", results.sort},
              {"elapsed_ms", results.elapsed_ms}},
             out);
}

}  // namespace newsdex::search
