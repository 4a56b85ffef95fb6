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
#include "searcher/printers/terminal_layout.h"
#include "searcher/quote_search.h"

namespace newsdex::search {
namespace {

using layout::fit;
using layout::kIndent;
using layout::kMeta;
using layout::kTitle;
using layout::safe;
using layout::styled;

using json_lines::or_null;
using json_lines::ranges;
using json_lines::write_line;

}  // namespace

void print_quotes_text(const QuoteResults& results, TerminalStyle style, std::ostream& out) {
  const bool color = style.color;
  for (const QuoteHit& q : results.hits) {
    std::string head = std::to_string(q.rank) + ". ";
    std::string who = q.speaker.empty() ? "(unattributed)" : safe(q.speaker);
    styled(out, color, kTitle, head + who);
    out << (q.verb.empty() ? ":" : " " + safe(q.verb) + ":") << '\n';
    layout::write_wrapped(safe(q.snippet), "", color, style.width, out);
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
  const std::string what = std::string("quotes, ") + (results.exact ? "exact" : "at least");
  layout::print_facet_blocks(results.facets, what, style, out);
  if (results.timeline) layout::print_timeline_block(*results.timeline, what, style, out);
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
  if (!results.facets.empty()) json_lines::write_facets(results.facets, "quote", results.exact, out);
  if (results.timeline) json_lines::write_timeline(*results.timeline, "quote", results.exact, out);
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
