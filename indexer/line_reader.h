// Buffered reading of an InputStream as lines (JSON Lines) or as one text
// (plain-text articles), with the encoding quirks of real files removed: a
// UTF-8 byte order mark at the start, CR before LF.
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

class LineReader {
 public:
  explicit LineReader(std::unique_ptr<InputStream> stream);

  // The next line without its "\n" or "\r\n"; nullopt at the end of input.
  // A last line without a final newline is still a line. Lines may be any
  // length (the buffer grows). The view is valid until the next call.
  // Rethrows the stream's exception (newsdex::Error or DamagedInputError)
  // when it failed, only once every complete
  // line before the failure has been returned; the partial line at the point
  // of failure is dropped, and line_number() + 1 is where the damage is.
  std::optional<std::string_view> next_line();

  // Number of the line next_line() returned last (1-based; 0 before any).
  std::uint64_t line_number() const { return line_number_; }

  // The first byte that is not ASCII white space, without consuming
  // anything; nullopt if the rest of the input is blank (or unreadable: the
  // error then surfaces from the next read).
  std::optional<char> peek_non_space();

  // Everything not yet consumed, as one string. Rethrows the stream's
  // exception when it fails.
  std::string read_rest();

  // Bytes of the underlying file consumed so far (see InputStream).
  std::uint64_t bytes_consumed() const { return stream_->bytes_consumed(); }

 private:
  // Appends one chunk from the stream to buffer_; sets eof_ (and error_ when
  // the stream threw) when nothing more will come.
  void fill();

  std::unique_ptr<InputStream> stream_;
  std::string buffer_;
  std::size_t pos_ = 0;   // start of the unconsumed bytes in buffer_
  std::size_t scan_ = 0;  // bytes before this were searched for '\n' already
  std::uint64_t line_number_ = 0;
  bool eof_ = false;
  bool bom_checked_ = false;
  std::exception_ptr error_;  // the stream's failure, not yet rethrown
};

}  // namespace newsdex::index
