// Reading corpus files into Articles: JSON Lines, plain text, CSV/TSV, HTML
// pages, WARC crawls and XML feeds (NITF, NewsML-G2, NewsML 1, RSS, Atom),
// from files, directories and standard input, each plain or inside a
// container (tar, zip, gzip, bzip2, xz, zstd; nested once), streamed, never
// unpacked to disk. Bad records become CorpusEntry skips naming their origin
// ("FILE:LINE", "a.tar.gz:x/b.html", "crawl.warc.gz:record 17") and the
// reason; they never stop the reading of the records after them, and memory
// stays bounded by the size limits whatever the input.
//
// HTML pages (files, and the HTML captures of WARC files) come out of next()
// raw: CorpusEntry::page holds their bytes, and extract_page() (extraction.h),
// run on a worker thread, turns them into the article. Everything else comes
// out as an article. Thread safety: one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "indexer/fields.h"
#include "indexer/input_format.h"
#include "indexer/readers/archive_reader.h"

namespace newsdex::index {

class EntryReader;

// Why a record (or a whole file) was not indexed. Also the summary's categories.
enum class SkipReason {
  kMalformedJson,           // the line is not JSON (or holds a number beyond a double's range)
  kNotAnObject,             // JSON, but not an object ("a bare string")
  kInvalidUtf8,             // bytes that are not UTF-8
  kBinaryData,              // NUL bytes: not text
  kTooLong,                 // a line (or text file) over CorpusReaderOptions::max_article_bytes
  kNoText,                  // neither title nor body
  kIdTooLong,               // over schema::kMaxIdBytes (Xapian's term limit, less the "Q" prefix)
  kUnreadableFile,          // cannot open or read the file
  kUnsupportedCompression,  // an archive entry libarchive cannot read (encrypted, unknown method), or
                            // a container nested deeper than one level
  kDamagedCompression,      // corrupt or truncated compressed data: the rest of the entry (or member) is lost
  kDamagedArchive,          // a damaged tar or zip header: the entry is lost, reading goes on at the next
  kExpansionLimit,          // an entry or archive expands past ArchiveLimits::max_ratio (a zip bomb)
  kDamagedRecord,           // a WARC record that cannot be read (a length that lies, a broken header)
  kUndecodable,             // a page or feed whose bytes no charset decodes
  kMalformedXml,            // a feed document libxml2 cannot read (at all, or to its end)
  kMalformedCsv,            // a CSV row with the wrong number of columns, or broken quoting
  kAnalysisError,           // analysing the article failed (set by the indexer)
  kIndexError,              // the database refused the document (set by the indexer)
};

// "malformed JSON", "not a JSON object", "invalid UTF-8", "no text", ...
std::string_view describe(SkipReason reason);

struct Skip {
  SkipReason reason;
  std::string detail;  // specifics for the warning, e.g. "syntax error at byte 42: unexpected '}'"
  // A further report on a record already skipped (a line still going on past
  // the size limit): warned about, not counted again in the summary.
  bool again = false;
};

// Something that is not an article and was rightly left out: counted by
// category in the summary, not an error (a WARC request record, a listing
// page, a picture item of a NewsML message).
struct LeftOut {
  // The summary's category: "WARC request", "WARC revisit", "WARC not HTML",
  // "not-article page (listing)", "feed item (picture item)", ...
  std::string category{};
  std::string detail{};  // what was seen, for --verbose ("image/png", "12 linked headlines ...")
};

// Where each field of an article came from: the JSON key or CSV column
// ("headline"), the HTML source ("json-ld", "og", "canonical", see
// html_extractor.h), the feed element ("pubDate"), "warc-date" ("arc-date")
// for a WARC (ARC) capture date used as the date of last resort, "content-hash" for an id
// made from the text, "default" for the --lang default. Empty: the field is.
struct FieldSources {
  std::string id{}, title{}, body{}, date{}, author{}, source{}, url{}, lang{};
};

// A web page still to be extracted (on a worker thread: extract_page()).
struct RawPage {
  std::string bytes{};         // the page as read (a WARC payload with its transfer and content codings undone)
  std::string charset{};       // the HTTP Content-Type's charset parameter; "" if none
  std::string url{};           // WARC-Target-URI; "" for a page read from a file
  std::string capture_date{};  // WARC-Date as written: when it was captured, not published; "" if none
};

// One record of the corpus: an article to index, a page to extract, a
// skipped record or something left out.
struct CorpusEntry {
  std::string origin{};                 // "dir/a.jsonl:17"; just the file for whole-file trouble
  Article article{};                    // meaningful only when skip, left_out and page are empty; id and lang set
  std::optional<Skip> skip{};           // set: not indexed, and why (an error in the input)
  std::vector<std::string> warnings{};  // indexed anyway, but something was dropped
  // "jsonl", "json", "text", "csv", "tsv", "html", "warc" (an HTML capture of
  // a WARC file), "arc" (of an ARC file), "nitf", "newsml-g2", "newsml-1",
  // "rss", "atom": what the article was read from, counted per format in the
  // summary.
  std::string format{};
  FieldSources from{};
  std::optional<RawPage> page{};      // set: extract_page() must still turn it into the article
  std::optional<LeftOut> left_out{};  // set: not an article, rightly not indexed
};

// The article size limit when none is given: kDefaultMaxArticleBytes, or a
// 32nd of the memory budget (newsdex-index --memory) when that is smaller.
// While it is analysed and its entities extracted, an article takes many
// times its size in memory (its tokens, terms and mentions; measured in
// docs/newsdex-index.md), so the limit keeps one article within the budget.
inline constexpr std::uint64_t kDefaultMaxArticleBytes = std::uint64_t{16} << 20;
std::uint64_t default_max_article_bytes(std::uint64_t memory_bytes);

struct CorpusReaderOptions {
  // --format: the format of every input read: the files named on the command
  // line, standard input, the files found in directories and the entries of
  // containers (default: chosen per input, see choose_format() in
  // input_format.h). Containers are still recognised by content first.
  std::optional<InputFormat> format{};
  // The JSON keys and CSV columns read into each field (--field adds some).
  FieldKeys field_keys{};
  // Bounds on what containers may expand to (zip bombs); see archive_reader.h.
  readers::ArchiveLimits archive_limits{};
  // Language of articles whose record has no usable "lang"/"language" (and of
  // every plain-text article). Requires: an analysis::language_code() result.
  std::string default_lang = "en";
  // The longest JSON Lines line, and the largest plain-text file, CSV row,
  // HTML page and WARC payload read as an article (default 16 MiB;
  // newsdex-index --max-article-size; pages are also bounded by
  // readers::kMaxHtmlBytes, 32 MiB). Longer ones are skipped as kTooLong
  // without ever being held in memory: reported when the limit is passed, and
  // for lines and texts again for every further max_article_bytes of one that
  // goes on (so endless input keeps being reported).
  std::uint64_t max_article_bytes = kDefaultMaxArticleBytes;
};

// Parses one JSON Lines record into an entry with the given origin. Keys
// (options.field_keys: the --field keys, then the defaults of fields.h; first
// present with a usable value wins; null, wrong-typed or blank values count
// as absent; a key given twice counts with its last value): id (string, or
// number kept as written: 1.5e3 is "1.5e3"); title; body; date (string, or a
// number of epoch seconds); source; url; author (string, or array of strings
// joined with ", ", each a byline without its "By"); lang. A key with dots is
// a path into nested objects ("headline.main"). entry.from names the key each
// field came from. Other keys are ignored, and so is anything else nested in
// objects or arrays (memory stays about the line's size, however deep). An unparseable or implausible date or an unknown language is
// a warning, not a skip. Strings are trimmed. A line with a NUL byte is a
// kBinaryData skip; a number beyond a double's range (1e400), anywhere in the
// line, makes it malformed. Never throws: whatever goes wrong is this
// record's skip. Requires: `line` holds no '\n' (blank lines are the caller's
// to drop).
CorpusEntry parse_json_line(std::string_view line, std::string origin, const CorpusReaderOptions& options);

// Fills in the id from the content when there is none ("h" + hash, from.id
// "content-hash"), and checks the rules every article shares whatever its
// format: some text (else kNoText), an id within schema::kMaxIdBytes.
void finish_article(CorpusEntry& entry);

// Parses a plain-text article (the whole file): the first non-blank line is
// the title, the rest the body. CRLF and a leading byte order mark are fine.
// Invalid UTF-8 or a NUL byte is a skip whose origin gains the line of the
// first bad byte. Never throws.
CorpusEntry parse_text_article(std::string_view text, std::string origin, const CorpusReaderOptions& options);

// Builds the article of one row of a CSV/TSV file: `columns` are the header
// row's names, `values` the row's fields (as many). Columns are mapped to
// fields as JSON keys are (options.field_keys, compared case-insensitively
// with surrounding space trimmed); dates, language and ids as for JSON Lines.
CorpusEntry parse_csv_row(const std::vector<std::string>& columns, const std::vector<std::string>& values,
                          std::string origin, const CorpusReaderOptions& options);

// What a CSV/TSV header row means for the fields, said once per file with
// its first row: a --field KEY no column is named (the field is then read
// from its usual columns), and a name several columns share (the first of
// them that is not blank is read).
std::vector<std::string> csv_header_warnings(const std::vector<std::string>& columns, std::uint64_t header_line,
                                             const FieldKeys& keys);

// Reads the given paths in order, one record at a time. Directories are read
// recursively, files in sorted path order. Every file is opened through an
// ArchiveReader (containers are recognised by their magic bytes), and the
// format of each file or entry chosen by choose_format() (input_format.h):
// files in directories and entries of archives whose name and content say
// nothing known are left out and counted (files_ignored()). "-" is standard
// input, chosen by content like a named file.
class CorpusReader {
 public:
  // Lists the files at once (nothing is opened yet): a path that does not
  // exist or a directory that cannot be listed becomes an unreadable-file skip
  // when its turn comes.
  explicit CorpusReader(const std::vector<std::string>& paths, CorpusReaderOptions options = {});
  ~CorpusReader();
  CorpusReader(const CorpusReader&) = delete;
  CorpusReader& operator=(const CorpusReader&) = delete;

  // The next article, raw page, skip or left-out record; nullopt when every
  // file is done. Blank lines produce nothing. Never throws for bad input:
  // unreadable files, damaged containers, records and compressed data, and
  // limits passed come back as skips, after every good record before them;
  // so does whatever one record makes go wrong, even running out of memory.
  std::optional<CorpusEntry> next();

  // The options, for extract_page() on the worker threads (never changed).
  const CorpusReaderOptions& options() const { return options_; }

  // Sum of the sizes of the input files as stored (compressed);
  // nullopt when standard input, a pipe or a device is among them.
  std::optional<std::uint64_t> total_bytes() const { return total_bytes_; }
  // Bytes of the input files consumed so far, on the same scale: what was
  // read through the decompressors, not what they produced.
  std::uint64_t bytes_consumed() const;
  // Files in directories and entries of archives left out as of no format
  // newsdex reads (and directories, links and AppleDouble files in archives).
  std::uint64_t files_ignored() const;

 private:
  struct InputFile {
    std::string path;
    InputOrigin origin;  // named (or stdin), or found in a directory
    std::optional<std::uint64_t> size_bytes;
    std::string error;  // non-empty: cannot be read, report this
  };

  void add_path(const std::string& path);
  void add_directory(const std::filesystem::path& directory);
  // Opens files_[next_file_]; returns a skip when it cannot be opened.
  std::optional<CorpusEntry> open_next_file();
  // Moves to the archive's next entry and opens its reader; returns a skip
  // for a damaged or unreadable entry, sets done when the archive is.
  std::optional<CorpusEntry> open_next_entry(bool& done);
  void close_file();

  CorpusReaderOptions options_;
  std::vector<InputFile> files_;
  std::size_t next_file_ = 0;
  std::optional<std::uint64_t> total_bytes_ = 0;
  std::uint64_t bytes_done_ = 0;  // of the files already closed
  std::uint64_t files_ignored_ = 0;
  std::uint64_t entries_ignored_done_ = 0;  // archives' own ignored entries, of closed files

  // The open file, if any, its archive reader and the open entry's reader.
  const InputFile* file_ = nullptr;
  std::unique_ptr<readers::ArchiveReader> archive_;
  std::unique_ptr<EntryReader> entry_;
};

}  // namespace newsdex::index
