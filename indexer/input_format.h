// The formats newsdex-index reads, and how the format of one input (a file, an
// entry of an archive, standard input) is chosen: by --format, else by its
// first bytes, else by its name. Pure functions; thread safety: none needed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex::index {

enum class InputFormat {
  kJsonLines,  // one JSON object per line
  kText,       // the whole file is one article: first non-blank line title, the rest body
  kHtml,       // one web page (HTML or XHTML), its article extracted
  kWarc,       // a WARC file (or an ARC file, WARC's predecessor): its HTML captures, each a page
  kFeed,       // one XML document of NITF, NewsML-G2, NewsML 1, RSS or Atom (its root element decides which)
  kCsv,        // comma- (or semicolon-) separated values with a header row
  kTsv,        // tab-separated values with a header row
  kSniff,      // not known yet: chosen by content when the file is opened (sniff_input_format)
};

// "jsonl", "text", "html", "warc", "xml", "csv", "tsv", "sniff". (Articles of
// feeds are counted under their own format: "nitf", "rss", ...)
std::string_view format_name(InputFormat format);

// What --format accepts: jsonl (also json, ndjson), text (txt), html (htm,
// xhtml), warc (arc), csv, tsv, and for XML documents nitf, newsml (newsml-g2,
// newsml-1), rss, atom or xml: all of these are read by the root element, so
// they say only "an XML feed or agency document". Case-insensitive; nullopt
// for anything else.
std::optional<InputFormat> parse_format_name(std::string_view name);

// The names parse_format_name() accepts, for --help and error messages.
inline constexpr std::string_view kFormatNames = "jsonl, text, html, warc, arc, csv, tsv, nitf, newsml, rss, atom, xml";

struct InputKind {
  InputFormat format;
  bool compressed;  // named as compressed or as an archive (".zst", ".gz", ".bz2", ".xz", ".tar", ".tgz", ".zip")
};

// The kind of a file from its name (case-insensitive), once a compression
// suffix (.zst, .gz, .bz2, .xz) is taken off:
//   .jsonl .ndjson .json -> kJsonLines     .txt -> kText
//   .html .htm .xhtml .shtml -> kHtml      .warc .arc -> kWarc
//   .xml .nitf .newsml .rss .atom .rdf -> kFeed
//   .csv -> kCsv                           .tsv .tab -> kTsv
//   .tar .tgz .tbz2 .txz .zip, and a bare .gz/.bz2/.xz/.zst -> kSniff (a container: its entries are chosen one by one)
// nullopt for other names. Compression itself is recognised by content
// (archive_reader.h), whatever the name.
std::optional<InputKind> input_kind_from_name(std::string_view filename);

// What an input's first bytes say, when they say it for sure:
//   "WARC/" or "filedesc://" (an ARC file) at the start       -> kWarc
//   an XML document whose root is NITF, NewsML or a feed       -> kFeed (sniff_feed_format, feed_reader.h)
//   "<!doctype html", "<html", "<head", "<body", "<title", "<!--" (after a BOM, white
//   space and an XML declaration) -> kHtml
//   '{' as the first non-space byte                            -> kJsonLines
// nullopt otherwise (text, CSV, binary data, other XML). `name` helps only an
// XML head too short to show its root element.
std::optional<InputFormat> sniff_content(std::string_view head, std::string_view name = {});

// A header row of comma-, semicolon- or tab-separated column names, one of
// which is a field name or alias newsdex knows (title, body, text, ...): kCsv
// (comma or semicolon) or kTsv (tab). nullopt otherwise.
std::optional<InputFormat> sniff_csv_header(std::string_view head);

// Where an input comes from, for choosing its format.
enum class InputOrigin {
  kNamed,      // a file named on the command line, or standard input, read as it is
  kCollected,  // a file found in a directory, or an entry of an archive
};

// The format of one input, or nullopt to leave it out (counted as a file of
// another type). In order:
//   1. `forced` (--format), when set, for every input whatever its origin;
//   2. the name, when it says JSON Lines or text (.jsonl, .txt, ...): these
//      are read as named, so a bad line is reported as such;
//   3. the content (sniff_content), except that '{' decides only for a named
//      input (a stray JSON file in a directory is no corpus);
//   4. the name (.html, .warc, .xml, .csv, .tsv);
//   5. a CSV/TSV header row (sniff_csv_header);
//   6. a named input is read as text; a collected one is left out.
std::optional<InputFormat> choose_format(std::optional<InputFormat> forced, std::string_view head,
                                         std::string_view name, InputOrigin origin);

}  // namespace newsdex::index
