// Buffered reading of an InputStream as lines (JSON Lines) or as one text
// (plain-text articles), with the encoding quirks of real files removed: a
// UTF-8 byte order mark at the start, CR before LF. Memory is bounded by the
// longest line (or text) it returns: anything longer is read past, never held.
// Thread safety: one thread at a time.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "indexer/input_stream.h"

namespace newsdex::index {

// A line (or for read_rest(), a text), or a report on one too long to return.
struct Line {
  // The line without its "\n" or "\r\n". Empty when oversize.
  std::string_view text;
  // The line is longer than the reader's max_bytes: text is empty, and its
  // bytes are read and dropped. A line with no end in sight is reported
  // again for every further max_bytes of it (continued set), so that endless
  // input (/dev/zero) keeps coming back to the caller instead of filling
  // memory.
  bool oversize = false;
  bool continued = false;        // oversize: not the first report on this line
  std::uint64_t bytes_read = 0;  // oversize: bytes of the line read so far (> max_bytes)
  bool holds_nul = false;        // oversize: NUL bytes among them (binary data)
};

class LineReader {
 public:
  // Lines (and texts) of at most `max_bytes` bytes are returned; longer ones
  // are reported as oversize. Requires: max_bytes >= 1.
  explicit LineReader(std::unique_ptr<InputStream> stream, std::size_t max_bytes = kDefaultMaxBytes);

  static constexpr std::size_t kDefaultMaxBytes = std::size_t{16} << 20;

  // The next line; nullopt at the end of input. A last line without a final
  // newline is still a line. The view is valid until the next call. A line
  // longer than max_bytes (not counting its end) comes back as one or more
  // oversize reports, all with the same line_number(); memory stays about
  // max_bytes whatever the line's length.
  // Rethrows the stream's exception (newsdex::Error or DamagedInputError)
  // when it failed, only once every complete
  // line before the failure has been returned; the partial line at the point
  // of failure is dropped, and line_number() + 1 is where the damage is.
  std::optional<Line> next_line();

  // Number of the line next_line() returned last (1-based; 0 before any).
  std::uint64_t line_number() const { return line_number_; }

  // The first byte that is not ASCII white space, without consuming
  // anything; nullopt if the rest of the input is blank, or its first
  // max_bytes bytes are (or it is unreadable: the error then surfaces from
  // the next read).
  std::optional<char> peek_non_space();

  // Everything not yet consumed, as one text (the view valid until the next
  // call); then nullopt. A text longer than max_bytes comes back as oversize
  // reports instead, as next_line() does for a line, until the input ends.
  // Rethrows the stream's exception when it fails.
  std::optional<Line> read_rest();

  // Bytes of the underlying file consumed so far (see InputStream).
  std::uint64_t bytes_consumed() const { return stream_->bytes_consumed(); }

 private:
  enum class Skipping {
    kNo,
    kToLineEnd,  // inside an oversize line: dropping bytes up to the next '\n'
    kToEnd,      // inside an oversize text: dropping everything
  };

  // Appends one chunk from the stream to buffer_ (moving the unconsumed bytes
  // to its front first); sets eof_ (and error_ when the stream threw) when
  // nothing more will come.
  void fill();
  // Drops the unconsumed bytes [pos_, end) of an oversize line or text.
  void drop(std::size_t end);
  // Starts dropping an oversize line or text (its unconsumed bytes so far);
  // returns its first report.
  Line start_skipping(Skipping how, std::size_t end);
  // Drops bytes while skipping_; returns a report each time another
  // max_bytes_ have gone, nullopt once the line (or input) has ended.
  std::optional<Line> skip();
  // Rethrows error_ (once); when skipping a line, line_number() + 1 becomes
  // that line's number, as the contract says.
  [[noreturn]] void rethrow();

  std::unique_ptr<InputStream> stream_;
  std::size_t max_bytes_;
  std::string buffer_;
  std::size_t pos_ = 0;   // start of the unconsumed bytes in buffer_
  std::size_t scan_ = 0;  // bytes before this were searched for '\n' already
  std::uint64_t line_number_ = 0;
  bool eof_ = false;
  bool bom_checked_ = false;
  bool rest_returned_ = false;  // read_rest() gave the text (or its last report)
  std::exception_ptr error_;    // the stream's failure, not yet rethrown

  Skipping skipping_ = Skipping::kNo;
  std::uint64_t skipped_bytes_ = 0;   // of the oversize line or text so far
  std::uint64_t reported_bytes_ = 0;  // skipped_bytes_ at the last report
  bool skipped_nul_ = false;
};

}  // namespace newsdex::index
