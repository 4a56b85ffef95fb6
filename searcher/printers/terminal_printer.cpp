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
#include "searcher/printers/terminal_layout.h"

namespace newsdex::search {
namespace {

using layout::kIndent;
using layout::kMeta;
using layout::kReset;
using layout::kTitle;
using layout::print_facet_blocks;
using layout::print_timeline_block;
using layout::safe;
using layout::write_wrapped;

// What the counts count, in the plural: "articles" or "stories" (--count-by).
std::string counted(const SearchResults& results) {
  return results.count_by == "story" ? "stories" : results.count_by + "s";
}

}  // namespace

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
    if (style_.width == 0 || kIndent + display_width(who) <= style_.width) who_parts = {who};
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
  const std::string what = counted(results) + (results.counts_exact ? ", exact" : ", estimated");
  print_facet_blocks(results.facets, what, style_, out);
  if (results.timeline) print_timeline_block(*results.timeline, what, style_, out);
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
