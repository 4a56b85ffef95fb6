// Reading corpus files into Articles: JSON Lines and plain-text articles, plain
// or zstd-compressed, from files, directories and standard input. Bad records
// become CorpusEntry skips naming FILE:LINE and the reason; they never stop the
// reading of the records after them, and memory stays bounded by the article
// size limit whatever the input. Thread safety: one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace newsdex::index {

class LineReader;

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
  kUnsupportedCompression,  // gzip, bzip2 or xz data: the whole file
  kDamagedCompression,      // corrupt or truncated .zst: the rest of the file is lost
  kAnalysisError,           // analysing the article failed (set by the indexer)
  kIndexError,              // the database refused the document (set by the indexer)
};

// "malformed JSON", "not a JSON object", "invalid UTF-8", "no text", ...
std::string_view describe(SkipReason reason);

struct Skip {
  SkipReason reason;
  std::string detail;  // specifics for the warning, e.g. "syntax error at byte 42: unexpected '}'"
};

// One record of the corpus: an article to index, or a skipped record.
struct CorpusEntry {
  std::string origin;                 // "dir/a.jsonl:17"; just the file for whole-file trouble
  Article article;                    // meaningful only when skip is empty; id and lang always set
  std::optional<Skip> skip;           // set: not indexed, and why
  std::vector<std::string> warnings;  // indexed anyway, but something was dropped
};

enum class InputFormat {
  kJsonLines,  // one JSON object per line
  kText,       // the whole file is one article: first non-blank line title, the rest body
  kSniff,      // JSON Lines if the first non-space byte is '{', else kText
};

struct InputKind {
  InputFormat format;
  bool compressed;  // named as compressed (".zst", ".gz", ".bz2", ".xz")
};

// The kind of a file from its name (case-insensitive): .jsonl, .ndjson, .json
// -> kJsonLines; .txt -> kText; each optionally followed by .zst, .gz, .bz2 or
// .xz. nullopt for other names: directories skip such files; files named on
// the command line are sniffed. Whatever the name, compression is recognised
// by content (input_stream.h): zstd is read, the others are reported.
std::optional<InputKind> input_kind_from_name(std::string_view filename);

// "en", "EN", "english", "en-GB" -> "en"; a 2-3 letter code without a
// stemmer ("zh", "ja") is kept, lower-cased; "" for anything else.
std::string normalize_language(std::string_view lang);

// The article size limit when none is given: kDefaultMaxArticleBytes, or a
// 32nd of the memory budget (newsdex-index --memory) when that is smaller.
// While it is analysed and its entities extracted, an article takes many
// times its size in memory (its tokens, terms and mentions; measured in
// docs/newsdex-index.md), so the limit keeps one article within the budget.
inline constexpr std::uint64_t kDefaultMaxArticleBytes = std::uint64_t{16} << 20;
std::uint64_t default_max_article_bytes(std::uint64_t memory_bytes);

struct CorpusReaderOptions {
  // Language of articles whose record has no usable "lang"/"language" (and of
  // every plain-text article). Requires: a normalize_language() result.
  std::string default_lang = "en";
  // The longest JSON Lines line, and the largest plain-text file, read as an
  // article (default 16 MiB; newsdex-index --max-article-size). Longer ones
  // are skipped as kTooLong without ever being held in memory: reported when
  // the limit is passed, and again for every further max_article_bytes of a
  // line or text that goes on (so endless input keeps being reported).
  std::uint64_t max_article_bytes = kDefaultMaxArticleBytes;
};

// Parses one JSON Lines record into an entry with the given origin. Keys
// (first present with a usable value wins; null, wrong-typed or blank values
// count as absent; a key given twice counts with its last value): id: id,
// doc_id, guid (string, or number kept as written: 1.5e3 is "1.5e3"); title: title,
// headline; body: body, text, content, article, description; date: date,
// published, pubdate, publication_date, published_at, datetime (string, or a
// number of epoch seconds); source: source, publisher, outlet, site; url: url,
// link; author: author, byline, authors (string, or array of strings joined
// with ", "); lang: lang, language. Other keys are ignored, and so is
// anything nested in objects or arrays (memory stays about the line's size,
// however deep). An unparseable or implausible date or an unknown language is
// a warning, not a skip. Strings are trimmed. A line with a NUL byte is a
// kBinaryData skip; a number beyond a double's range (1e400), anywhere in the
// line, makes it malformed. Never throws: whatever goes wrong is this
// record's skip. Requires: `line` holds no '\n' (blank lines are the caller's
// to drop).
CorpusEntry parse_json_line(std::string_view line, std::string origin, const CorpusReaderOptions& options);

// Parses a plain-text article (the whole file): the first non-blank line is
// the title, the rest the body. CRLF and a leading byte order mark are fine.
// Invalid UTF-8 or a NUL byte is a skip whose origin gains the line of the
// first bad byte. Never throws.
CorpusEntry parse_text_article(std::string_view text, std::string origin, const CorpusReaderOptions& options);

// Reads the given paths in order, one record at a time. Directories are read
// recursively, files in sorted path order, skipping (and counting) files whose
// names input_kind_from_name() does not know. "-" is standard input, sniffed.
class CorpusReader {
 public:
  // Lists the files at once (nothing is opened yet): a path that does not
  // exist or a directory that cannot be listed becomes an unreadable-file skip
  // when its turn comes.
  explicit CorpusReader(const std::vector<std::string>& paths, CorpusReaderOptions options = {});
  ~CorpusReader();
  CorpusReader(const CorpusReader&) = delete;
  CorpusReader& operator=(const CorpusReader&) = delete;

  // The next article or skip; nullopt when every file is done. Blank lines
  // produce nothing. Never throws for bad input: unreadable files, compressed
  // data it cannot read and damaged compressed data come back as skips, after
  // every good record before them; so does whatever one record makes go
  // wrong, even running out of memory.
  std::optional<CorpusEntry> next();

  // Sum of the sizes of the input files as stored (compressed for .zst);
  // nullopt when standard input, a pipe or a device is among them.
  std::optional<std::uint64_t> total_bytes() const { return total_bytes_; }
  // Bytes of the input files consumed so far, on the same scale.
  std::uint64_t bytes_consumed() const;
  // Files inside directories skipped for their extension.
  std::uint64_t files_ignored() const { return files_ignored_; }

 private:
  struct InputFile {
    std::string path;
    InputKind kind;
    std::optional<std::uint64_t> size_bytes;
    std::string error;  // non-empty: cannot be read, report this
  };

  void add_path(const std::string& path);
  void add_directory(const std::filesystem::path& directory);
  // Opens files_[next_file_]; returns a skip when it cannot be opened.
  std::optional<CorpusEntry> open_next_file();
  void close_file();
  std::string origin(std::uint64_t line) const;

  CorpusReaderOptions options_;
  std::vector<InputFile> files_;
  std::size_t next_file_ = 0;
  std::optional<std::uint64_t> total_bytes_ = 0;
  std::uint64_t bytes_done_ = 0;  // of the files already closed
  std::uint64_t files_ignored_ = 0;

  // The open file, if any.
  const InputFile* file_ = nullptr;
  InputFormat format_ = InputFormat::kJsonLines;
  std::unique_ptr<LineReader> reader_;
};

}  // namespace newsdex::index
