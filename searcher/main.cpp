// newsdex-search: command line -> SearchOptions -> run_search().
#include <CLI/CLI.hpp>

#include <unistd.h>
#include <csignal>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/database.h"
#include "common/format.h"
#include "common/schema.h"
#include "common/terminal_text.h"
#include "searcher/matcher.h"
#include "searcher/quote_search.h"
#include "searcher/search.h"
#include "searcher/show.h"
#include "searcher/timeline.h"

namespace {

// Options that take a value, so the word after them is not a query word.
const std::set<std::string> kValueOptions = {"--db",          "-n",         "--limit",   "--offset",  "--snippet-chars",
                                             "--color",       "--since",    "--until",   "--sort",    "--facets",
                                             "--facet-limit", "--count-by", "--threads", "--speaker", "--country",
                                             "--person",      "--org",      "--source",  "--format",  "--fields"};
const std::set<std::string> kFlagOptions = {"--json", "-h",     "--help",     "--version", "--timeline-top",
                                            "--all",  "--show", "--no-pager", "--quotes",  "--allow-partial"};
// Options whose value is optional: only the `--opt=value` form takes one.
const std::set<std::string> kOptionalValueOptions = {"--timeline"};

// Query words may start with '-' (`Kerry -Lavrov`). Any argument that is not
// one of our options is moved behind "--" so CLI11 reads it as a query word.
// `before_separator`: how many of those words came before a "--" of the
// user's (with --show, the ids; the words after it are the query).
std::vector<std::string> separate_query_words(int argc, char** argv, std::size_t& before_separator) {
  std::vector<std::string> options;
  std::vector<std::string> words;
  bool after_separator = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (after_separator) {
      words.push_back(arg);
      continue;
    }
    if (arg == "--") {
      after_separator = true;
      before_separator = words.size();
      continue;
    }
    std::string name = arg.substr(0, arg.find('='));
    if (kValueOptions.contains(name)) {
      options.push_back(arg);
      if (name == arg && i + 1 < argc) options.push_back(argv[++i]);
    } else if (kFlagOptions.contains(arg) || kOptionalValueOptions.contains(name)) {
      options.push_back(arg);
    } else {
      words.push_back(arg);
    }
  }
  if (!after_separator) before_separator = words.size();
  std::vector<std::string> out;
  out.push_back(argv[0]);
  out.insert(out.end(), options.begin(), options.end());
  if (!words.empty()) {
    out.emplace_back("--");
    out.insert(out.end(), words.begin(), words.end());
  }
  return out;
}

// "a, b or c".
std::string one_of(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// An option taking one of the names of `values` (matcher.h
// OptionValueName), stored in `target` as its enum value: CLI11 refuses
// other values naming the option and the valid ones ("--sort: bogus not in
// {relevance,newest,oldest}"), and --help lists them.
template <class E, std::size_t N>
CLI::Option* add_enum_option(CLI::App& app, const std::string& name, E& target,
                             const std::array<newsdex::search::OptionValueName<E>, N>& values,
                             const std::string& description) {
  std::vector<std::string> names;
  names.reserve(N);
  for (const newsdex::search::OptionValueName<E>& v : values) names.emplace_back(v.name);
  return app
      .add_option_function<std::string>(
          name,
          [&target, &values](const std::string& value) {
            target = *newsdex::search::option_value_named(value, values);
          },
          description)
      ->check(CLI::IsMember(names));
}

// --timeline[=SIZE]: "auto" (the bucket size from the span; also the bare
// option) or a bucket size, named as timeline.h granularity_name() names it.
constexpr std::array kTimelineSizes = {
    newsdex::search::TimelineGranularity::kDay, newsdex::search::TimelineGranularity::kWeek,
    newsdex::search::TimelineGranularity::kMonth, newsdex::search::TimelineGranularity::kYear};

std::optional<newsdex::search::TimelineGranularity> timeline_named(std::string_view name) {
  if (name.empty() || name == "auto") return newsdex::search::TimelineGranularity::kAuto;
  for (newsdex::search::TimelineGranularity g : kTimelineSizes) {
    if (name == newsdex::search::granularity_name(g)) return g;
  }
  return std::nullopt;
}

// The word after a bare `--timeline` when it names a bucket size
// (`--timeline day Syria`): the option's value needs the `=` form, so the word
// is a query word, which the user most likely did not mean.
std::optional<std::string> spaced_timeline_value(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--timeline" && argv[i + 1][0] != '\0' && timeline_named(argv[i + 1])) return argv[i + 1];
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  // Everything goes through iostreams, so they need not stay in step with C
  // stdio: unsynchronised, std::cout buffers on its own instead of handing
  // stdio every character of the wrapped snippets one call at a time.
  std::ios::sync_with_stdio(false);
  using newsdex::search::ColorMode;
  newsdex::search::SearchOptions options;
  CLI::App app{
      "Search a newsdex database of news articles.\n\n"
      "Prints the best-ranked articles with the passage where the query words meet,\n"
      "every matched word highlighted. Query syntax: docs/query-syntax.md\n"
      "(words, \"phrases\", -word, AND/OR/NOT, ( ), NEAR, title:, Syri*).\n\n"
      "newsdex-search --show ID... [-- QUERY...] prints whole articles: their entities,\n"
      "the body in paragraphs, quotes marked with their speaker, the QUERY's words marked.",
      "newsdex-search"};
  app.footer(
      "Database: --db, else $NEWSDEX_DB, else $XDG_DATA_HOME/newsdex/db (~/.local/share/newsdex/db).\n"
      "Exit status: 0 = articles matched (--show: every id found), 1 = no article matched (--show: an\n"
      "id not found), 2 = error (bad query, no database, a damaged database: the message says so, and\n"
      "newsdex-index check lists what is wrong).");
  std::vector<std::string> words;
  std::string color = "auto";
  app.add_option("query", words, "The query (several words are joined with spaces); may be empty with filter options");
  app.add_option("--db", options.db_path, "Database directory")->type_name("DIR");
  // --limit and --offset as whole numbers in their range: a value past the
  // option's 32-bit type would fail in CLI11's conversion with a bare "Could
  // not convert". The largest offset leaves room for the largest limit, so
  // offset + limit still fits Xapian's 32-bit document count.
  constexpr std::uint32_t kMaxLimit = 10000;
  constexpr std::uint32_t kMaxOffset = std::numeric_limits<std::uint32_t>::max() - kMaxLimit;
  auto whole_number_up_to = [](std::uint32_t max) {
    auto check = [max](std::string& input) -> std::string {
      bool digits = !input.empty() && input.size() <= 10 &&
                    std::all_of(input.begin(), input.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (digits && std::stoull(input) <= max) return "";
      return "expected a whole number from 0 to " + newsdex::format_count(max) + ", not '" +
             newsdex::excerpt_for_message(input, 40) + "'";
    };
    return CLI::Validator(check, "0.." + std::to_string(max));
  };
  std::string limit = "10";
  app.add_option("-n,--limit", limit,
                 "Articles to show (default 10; 0 = only counts, timeline and facets; all = every match, streamed, "
                 "with --format csv, tsv or jsonl)")
      ->check(CLI::Validator(
          [check = whole_number_up_to(kMaxLimit)](std::string& input) {
            if (input == "all") return std::string();
            std::string problem = check(input);
            return problem.empty() ? problem : problem.replace(0, 9, "expected all or ");
          },
          "N|all"))
      ->type_name("N|all");
  app.add_option("--offset", options.offset, "Articles to skip, for paging (default 0)")
      ->check(whole_number_up_to(kMaxOffset));
  app.add_option("--snippet-chars", options.snippet_chars, "Snippet length in characters (default 240)")
      ->check(CLI::Range(static_cast<std::size_t>(40), static_cast<std::size_t>(10000)));
  std::string format;
  app.add_option("--format", format,
                 "Output: text (default), jsonl (JSON Lines, docs/json-output.md), csv (RFC 4180) or tsv: one row "
                 "per match with a header row, no counts (docs/newsdex-search.md, Export)")
      ->check(CLI::IsMember({"text", "jsonl", "csv", "tsv"}));
  bool json = false;
  app.add_flag("--json", json, "Same as --format jsonl");
  std::string field_names;  // "rank, id, ..."
  for (const newsdex::search::ExportFieldSpec& f : newsdex::search::kExportFields) {
    field_names += (field_names.empty() ? "" : ", ") + std::string(f.name);
  }
  std::string fields;
  app.add_option(
         "--fields", fields,
         "With --format csv or tsv: the columns, comma-separated, from " + field_names +
             " (default: id, date, source, title, url, author, score, speakers, countries, persons, orgs, snippet); "
             "with --quotes from " +
             newsdex::search::quote_field_names() + " (default: all but rank)")
      ->type_name("LIST");
  app.add_option("--color", color, "Highlight colours: auto (terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--since", options.since, "Only articles published on or after DATE (2016, 2016-02, 2016-02-05)")
      ->type_name("DATE");
  app.add_option("--until", options.until, "Only articles published up to the end of DATE (2016-02 = through Feb 29)")
      ->type_name("DATE");
  add_enum_option(app, "--sort", options.sort, newsdex::search::kSortOrderNames,
                  "relevance (default), newest or oldest (relevance breaks ties)");
  std::vector<std::string_view> timeline_sizes;  // day, week, month, year
  timeline_sizes.reserve(kTimelineSizes.size());
  for (newsdex::search::TimelineGranularity g : kTimelineSizes) {
    timeline_sizes.emplace_back(newsdex::search::granularity_name(g));
  }
  std::string timeline;
  std::string timeline_help =
      "Histogram of matching articles over time: --timeline (bucket size from the span) or --timeline=";
  for (std::string_view size : timeline_sizes) timeline_help += std::string(size) + "|";
  timeline_help.pop_back();
  app.add_option("--timeline", timeline, timeline_help)->expected(0, 1)->type_name("[=SIZE]");
  app.add_flag("--timeline-top", options.timeline_top, "With --timeline: the best headline of each bucket");
  std::string facets;
  std::string facet_names;  // "speaker, country, person, org, source"
  for (const newsdex::schema::FacetSpec& f : newsdex::schema::kFacetSpecs) {
    facet_names += (facet_names.empty() ? "" : ", ") + std::string(f.name);
  }
  app.add_option(
         "--facets", facets,
         "Count matches by these facets, comma-separated: " + facet_names + " (default on a terminal: speaker,country)")
      ->type_name("LIST");
  app.add_option("--facet-limit", options.facet_limit, "Values shown per facet (default 10)")
      ->check(CLI::Range(static_cast<std::size_t>(1), static_cast<std::size_t>(1000)));
  app.add_flag("--all", options.all_copies,
               "Show every copy of a story republished by several outlets (default: best copy, \"+N similar\")");
  add_enum_option(app, "--count-by", options.count_by, newsdex::search::kCountByNames,
                  "Timeline and facet counts count articles (default) or stories");
  app.add_option("--threads", options.threads,
                 "Threads that count facets and the timeline on databases of 100,000 articles or more "
                 "(default 0: one per core, at most 8)")
      ->check(CLI::Range(0U, 256U));
  // Entity and source filters, also writable in the query (speaker:kerry).
  std::vector<std::pair<std::string, std::vector<std::string>>> filters = {
      {"speaker", {}}, {"country", {}}, {"person", {}}, {"org", {}}, {"source", {}}};
  for (auto& [field, values] : filters) {
    app.add_option(
           "--" + field, values,
           "Only articles with this " + field + " (repeatable: several mean OR; like " + field + ":VALUE in the query)")
        ->type_name("VALUE");
  }
  bool show = false;
  bool no_pager = false;
  app.add_flag("--show", show,
               "Print whole articles: --show ID... [-- QUERY...]; their entities, the body in paragraphs, "
               "quotes marked with their speaker, the QUERY's words marked (on a terminal through $PAGER)");
  app.add_flag("--no-pager", no_pager,
               "With --show: never page (default on a terminal: $PAGER, else less -R; search results are never "
               "paged)");
  app.add_flag("--allow-partial", options.allow_partial,
               "With a cluster file (--db): search the shards that answer when some do not, with a warning naming "
               "each missing one (default: an error naming it)");
  bool quotes = false;
  app.add_flag("--quotes", quotes,
               "Search the quotes, not the articles: each hit is one quote holding every query word, with its "
               "speaker (speaker:NAME / --speaker: only that person's quotes)");
  app.set_version_flag("--version", std::string("newsdex-search ") + NEWSDEX_VERSION);

  std::size_t before_separator = 0;
  std::vector<std::string> args = separate_query_words(argc, argv, before_separator);
  std::vector<const char*> cargs;
  cargs.reserve(args.size());
  for (const std::string& a : args) cargs.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(cargs.size()), cargs.data());
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : newsdex::search::kExitError;
  }
  using newsdex::search::OutputFormat;
  if (json && !format.empty() && format != "jsonl") {
    std::cerr << "newsdex-search: --json is --format jsonl; it cannot go with --format " << format << "\n";
    return newsdex::search::kExitError;
  }
  options.format = json || format == "jsonl" ? OutputFormat::kJsonl
                   : format == "csv"         ? OutputFormat::kCsv
                   : format == "tsv"         ? OutputFormat::kTsv
                                             : OutputFormat::kText;
  const bool table = options.format == OutputFormat::kCsv || options.format == OutputFormat::kTsv;
  if (show) {
    if (table) {
      std::cerr << "newsdex-search: --show prints whole articles as text or JSON (--format text or jsonl), not "
                << format << "\n";
      return newsdex::search::kExitError;
    }
    for (const char* search_only :
         {"--limit",    "--fields",       "--offset", "--snippet-chars", "--since",  "--until",    "--sort",
          "--timeline", "--timeline-top", "--facets", "--facet-limit",   "--all",    "--count-by", "--threads",
          "--speaker",  "--country",      "--person", "--org",           "--quotes", "--source",   "--allow-partial"}) {
      if (app.count(search_only) > 0) {
        std::cerr << "newsdex-search: " << search_only << " does not apply to --show (which prints whole articles "
                  << "by id; see --help)\n";
        return newsdex::search::kExitError;
      }
    }
    newsdex::search::ShowOptions show_options;
    show_options.db_path = options.db_path;
    show_options.json = options.format == OutputFormat::kJsonl;
    show_options.pager = !no_pager;
    show_options.color = color == "always"  ? ColorMode::kAlways
                         : color == "never" ? ColorMode::kNever
                                            : ColorMode::kAuto;
    before_separator = std::min(before_separator, words.size());
    show_options.ids.assign(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(before_separator));
    for (std::size_t i = before_separator; i < words.size(); ++i) {
      if (!show_options.query.empty()) show_options.query.push_back(' ');
      show_options.query += words[i];
    }
    if (show_options.ids.empty()) {
      std::cerr << "newsdex-search: --show: give the ids of the articles to print (newsdex-search --show ID... "
                   "[-- QUERY...]; the ids are in the search results)\n";
      return newsdex::search::kExitError;
    }
    newsdex::search::print_on_fatal_signal(options.db_path.empty() ? newsdex::default_database_path()
                                                                   : options.db_path);
    return newsdex::search::run_show(show_options, std::cout, std::cerr);
  }
  for (const std::string& w : words) {
    if (!options.query.empty()) options.query.push_back(' ');
    options.query += w;
  }
  bool any_filter = !options.since.empty() || !options.until.empty();
  for (const auto& [field, values] : filters) any_filter = any_filter || !values.empty();
  if (options.query.empty() && !any_filter) {
    std::cerr << "newsdex-search: no query: give words to search for, or a filter such as --speaker, "
                 "--country, --since (see --help)\n";
    return newsdex::search::kExitError;
  }
  for (auto& [field, values] : filters) {
    if (!values.empty()) options.filters.push_back(newsdex::search::FieldFilter{field, std::move(values)});
  }
  if (table) {
    // A table is one row per match: counts have no place in it.
    for (const char* counts_only : {"--facets", "--facet-limit", "--timeline", "--timeline-top", "--count-by"}) {
      if (app.count(counts_only) > 0) {
        std::cerr << "newsdex-search: " << counts_only << " does not apply to --format " << format
                  << " (one row per match; counts are in --format jsonl and text)\n";
        return newsdex::search::kExitError;
      }
    }
    // With --quotes the fields are quote fields, read in the --quotes block.
    for (std::size_t start = 0; start <= fields.size() && !fields.empty() && !quotes;) {
      std::size_t comma = fields.find(',', start);
      std::string name = fields.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      std::optional<newsdex::search::ExportField> field = newsdex::search::export_field_named(name);
      if (!field) {
        std::cerr << "newsdex-search: --fields: unknown field '" << newsdex::excerpt_for_message(name)
                  << "' (known: " << field_names << ")\n";
        return newsdex::search::kExitError;
      }
      options.fields.push_back(*field);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else if (app.count("--fields") > 0) {
    std::cerr << "newsdex-search: --fields applies to --format csv and tsv (jsonl has every field, "
                 "docs/json-output.md)\n";
    return newsdex::search::kExitError;
  }
  if (limit == "all") {
    if (options.format == OutputFormat::kText) {
      std::cerr << "newsdex-search: --limit all needs --format csv, tsv or jsonl (it writes every match)\n";
      return newsdex::search::kExitError;
    }
    options.limit_all = true;
  } else {
    options.limit = static_cast<std::uint32_t>(std::stoul(limit));
  }
  if (app.count("--facets") == 0 && options.format == OutputFormat::kText && isatty(STDOUT_FILENO) == 1) {
    // On a terminal, who is quoted and where.
    options.facets = {newsdex::schema::FacetKind::kSpeaker, newsdex::schema::FacetKind::kCountry};
  }
  if (app.count("--timeline") > 0) {
    if (const std::optional<std::string> word = spaced_timeline_value(argc, argv)) {
      std::cerr << "newsdex-search: note: '" << *word << "' after --timeline is searched for as a word; "
                << "--timeline=" << *word << " sets the bucket size\n";
    }
    std::optional<newsdex::search::TimelineGranularity> g = timeline_named(timeline);
    if (!g) {
      std::cerr << "newsdex-search: --timeline: expected " << one_of(timeline_sizes) << ", not '" << timeline << "'\n";
      return newsdex::search::kExitError;
    }
    options.timeline = *g;
  } else if (options.timeline_top) {
    options.timeline = newsdex::search::TimelineGranularity::kAuto;
  }
  for (std::size_t start = 0; start < facets.size();) {
    std::size_t comma = facets.find(',', start);
    std::string name = facets.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!name.empty()) {
      std::optional<newsdex::schema::FacetKind> kind = newsdex::schema::facet_named(name);
      if (!kind) {
        std::cerr << "newsdex-search: --facets: unknown facet '" << name << "' (known: " << facet_names << ")\n";
        return newsdex::search::kExitError;
      }
      options.facets.push_back(*kind);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  options.color = color == "always" ? ColorMode::kAlways : color == "never" ? ColorMode::kNever : ColorMode::kAuto;
  newsdex::search::print_on_fatal_signal(options.db_path.empty() ? newsdex::default_database_path() : options.db_path);
  if (quotes) {
    std::vector<newsdex::search::QuoteField> quote_fields;
    for (std::size_t start = 0; table && start <= fields.size() && !fields.empty();) {
      std::size_t comma = fields.find(',', start);
      std::string name = fields.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      std::optional<newsdex::search::QuoteField> field = newsdex::search::quote_field_named(name);
      if (!field) {
        std::cerr << "newsdex-search: --fields: unknown quote field '" << newsdex::excerpt_for_message(name)
                  << "' (with --quotes: " << newsdex::search::quote_field_names() << ")\n";
        return newsdex::search::kExitError;
      }
      quote_fields.push_back(*field);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    // The quote matcher checks speaker: against each quote's own speaker in
    // its parsed query, so the filters join its query text there.
    for (const newsdex::search::FieldFilter& filter : options.filters) {
      for (std::string value : filter.values) {
        std::erase(value, '"');
        options.query += " " + filter.field + ":\"" + value + "\"";
      }
    }
    options.filters.clear();
    std::signal(SIGPIPE, SIG_IGN);  // as below: `| head` ends it quietly
    return newsdex::search::run_quote_search(options, quote_fields, std::cout, std::cerr);
  }
  // A reader that stops early (`| head`) is normal: run_search sees EPIPE and
  // ends quietly instead of being killed by SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  return newsdex::search::run_search(options, std::cout, std::cerr);
}
