#include "indexer/readers/http_response.h"

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>

#include "common/error.h"
#include "indexer/readers/ascii.h"

namespace newsdex::readers {
namespace {

constexpr std::size_t kOutputChunk = 64u << 10;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The line at `pos` (without CR LF or LF); advances pos past its end.
std::string_view next_line(std::string_view bytes, std::size_t& pos) {
  std::size_t end = bytes.find('\n', pos);
  std::string_view line = bytes.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  pos = end == std::string_view::npos ? bytes.size() : end + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// "HTTP/1.1 200 OK" -> version, status, reason; false when it is no status line.
bool parse_status_line(std::string_view line, HttpResponse& response) {
  if (!line.starts_with("HTTP/")) return false;
  std::size_t i = 5;
  while (i < line.size() && (is_digit(line[i]) || line[i] == '.')) ++i;
  if (i == 5 || i >= line.size() || line[i] != ' ') return false;
  response.version = std::string(line.substr(0, i));
  while (i < line.size() && line[i] == ' ') ++i;
  if (i + 3 > line.size() || !is_digit(line[i]) || !is_digit(line[i + 1]) || !is_digit(line[i + 2])) return false;
  if (i + 3 < line.size() && line[i + 3] != ' ') return false;
  response.status = (line[i] - '0') * 100 + (line[i + 1] - '0') * 10 + (line[i + 2] - '0');
  response.reason = std::string(trim(line.substr(i + 3)));
  return true;
}

std::string quote_start(std::string_view bytes) {
  std::size_t pos = 0;
  std::string_view line = next_line(bytes, pos);
  std::string out;
  for (char c : line.substr(0, 40)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  return "\"" + out + (line.size() > 40 ? "...\"" : "\"");
}

// Decompressed output grown chunk by chunk, never past max_bytes.
class Output {
 public:
  Output(std::size_t max_bytes, std::string_view coding) : max_bytes_(max_bytes), coding_(coding) {}
  // Room for at least one more chunk; throws when the limit is reached.
  std::span<char> room() {
    if (used_ >= max_bytes_) {
      throw Error("the body decodes (" + std::string(coding_) + ") to more than " + std::to_string(max_bytes_) +
                  " bytes, the limit for one page");
    }
    std::size_t want = std::min(kOutputChunk, max_bytes_ - used_ + 1);
    if (bytes_.size() < used_ + want) bytes_.resize(used_ + want);
    return std::span<char>(bytes_.data() + used_, want);
  }
  void advance(std::size_t n) {
    used_ += n;
    if (used_ > max_bytes_) room();
  }
  std::string take() {
    bytes_.resize(used_);
    return std::move(bytes_);
  }
  std::size_t size() const { return used_; }

 private:
  std::size_t max_bytes_;
  std::string_view coding_;
  std::string bytes_;
  std::size_t used_ = 0;
};

enum class Ending { kComplete, kCut, kDamaged };

struct Decoded {
  std::string bytes{};
  Ending ending = Ending::kComplete;
  std::string error{};
};

// zlib with the given windowBits: 15 + 32 reads gzip or zlib, 15 zlib, -15 raw deflate.
Decoded run_zlib(std::string_view in, int window_bits, std::size_t max_bytes, std::string_view coding) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) throw Error("cannot allocate a zlib inflater");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, &inflateEnd);
  Output out(max_bytes, coding);
  Decoded result;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), UINT32_MAX));
  for (;;) {
    std::span<char> room = out.room();
    z.next_out = reinterpret_cast<Bytef*>(room.data());
    z.avail_out = static_cast<uInt>(room.size());
    int rc = inflate(&z, Z_NO_FLUSH);
    out.advance(room.size() - z.avail_out);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members: go on with the next one.
      std::string_view rest(reinterpret_cast<const char*>(z.next_in), z.avail_in);
      if (window_bits > 15 && rest.size() >= 2 && rest[0] == '\x1f' && rest[1] == '\x8b') {
        inflateReset(&z);
        continue;
      }
      break;
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) {
      if (z.avail_in == 0 && z.avail_out != 0) {
        result.ending = Ending::kCut;
        break;
      }
      continue;
    }
    result.ending = Ending::kDamaged;
    result.error = z.msg != nullptr ? z.msg : "zlib error " + std::to_string(rc);
    break;
  }
  result.bytes = out.take();
  return result;
}

Decoded run_brotli(std::string_view in, std::size_t max_bytes) {
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), &BrotliDecoderDestroyInstance);
  if (!state) throw Error("cannot allocate a brotli decoder");
  Output out(max_bytes, "br");
  Decoded result;
  std::size_t available_in = in.size();
  const auto* next_in = reinterpret_cast<const std::uint8_t*>(in.data());
  for (;;) {
    std::span<char> room = out.room();
    std::size_t available_out = room.size();
    auto* next_out = reinterpret_cast<std::uint8_t*>(room.data());
    BrotliDecoderResult rc =
        BrotliDecoderDecompressStream(state.get(), &available_in, &next_in, &available_out, &next_out, nullptr);
    out.advance(room.size() - available_out);
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) break;
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
      result.ending = Ending::kCut;
      break;
    }
    result.ending = Ending::kDamaged;
    result.error = BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get()));
    break;
  }
  result.bytes = out.take();
  return result;
}

Decoded run_zstd(std::string_view in, std::size_t max_bytes) {
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  if (!dctx) throw Error("cannot allocate a zstd decompression context");
  Output out(max_bytes, "zstd");
  Decoded result;
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  std::size_t hint = 1;
  for (;;) {
    std::span<char> room = out.room();
    ZSTD_outBuffer output{room.data(), room.size(), 0};
    hint = ZSTD_decompressStream(dctx.get(), &output, &input);
    out.advance(output.pos);
    if (ZSTD_isError(hint)) {
      result.ending = Ending::kDamaged;
      result.error = ZSTD_getErrorName(hint);
      break;
    }
    if (hint == 0 && input.pos == input.size) break;
    if (input.pos == input.size && output.pos < output.size) {
      result.ending = hint == 0 ? Ending::kComplete : Ending::kCut;
      break;
    }
  }
  result.bytes = out.take();
  return result;
}

// The chunked transfer coding removed; nullopt when `body` does not start
// with a chunk-size line. *complete is false when the last chunk is missing.
std::optional<std::string> dechunk(std::string_view body, std::size_t max_bytes, bool* complete) {
  std::string out;
  std::size_t pos = 0;
  *complete = false;
  bool first = true;
  while (pos < body.size()) {
    std::size_t line_start = pos;
    std::string_view line = next_line(body, pos);
    if (pos == body.size() && (line_start + line.size() == body.size())) {
      // A size line without its end: cut.
      if (first) return std::nullopt;
      break;
    }
    std::string_view size_text = trim(line.substr(0, line.find(';')));
    std::uint64_t size = 0;
    bool valid = !size_text.empty() && size_text.size() <= 15;
    for (char c : size_text) {
      int digit = is_digit(c)                                        ? c - '0'
                  : (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f') ? ascii_lower(c) - 'a' + 10
                                                                     : -1;
      if (digit < 0) {
        valid = false;
        break;
      }
      size = size * 16 + static_cast<std::uint64_t>(digit);
    }
    if (!valid) {
      if (first) return std::nullopt;
      break;
    }
    first = false;
    if (size == 0) {
      *complete = true;
      break;
    }
    std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(size, body.size() - pos));
    if (out.size() + take > max_bytes) {
      throw Error("the chunked body holds more than " + std::to_string(max_bytes) + " bytes, the limit for one page");
    }
    out.append(body.substr(pos, take));
    pos += take;
    if (take < size) break;
    // The CR LF after the chunk data (LF alone tolerated).
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return out;
}

// The comma-separated codings of every header named `name`, in order.
std::vector<std::string> codings(const HttpResponse& response, std::string_view name) {
  std::vector<std::string> out;
  for (const HttpHeader& header : response.headers) {
    if (!ascii_iequals(header.name, name)) continue;
    std::string_view value = header.value;
    while (!value.empty()) {
      std::size_t comma = value.find(',');
      std::string_view item = trim(value.substr(0, comma));
      // Parameters (rare; "gzip;q=1") do not change the coding.
      item = trim(item.substr(0, item.find(';')));
      if (!item.empty()) out.push_back(ascii_lower(item));
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
  return out;
}

void decompress(std::string& body, const std::string& coding, std::string_view header, std::size_t max_bytes,
                std::vector<std::string>& warnings) {
  if (body.empty()) return;
  Decoded decoded;
  if (coding == "gzip" || coding == "x-gzip") {
    decoded = run_zlib(body, 15 + 32, max_bytes, coding);
    if (decoded.ending == Ending::kDamaged && decoded.bytes.empty()) {
      Decoded raw = run_zlib(body, -15, max_bytes, coding);
      if (raw.ending != Ending::kDamaged) decoded = std::move(raw);
    }
  } else if (coding == "deflate") {
    decoded = run_zlib(body, 15, max_bytes, coding);
    if (decoded.ending == Ending::kDamaged && decoded.bytes.empty()) decoded = run_zlib(body, -15, max_bytes, coding);
  } else if (coding == "br") {
    decoded = run_brotli(body, max_bytes);
  } else if (coding == "zstd") {
    decoded = run_zstd(body, max_bytes);
  } else {
    throw Error(std::string(header) + ": " + coding + " is not a coding newsdex can decode");
  }
  const std::string what = std::string(header) + ": " + coding;
  if (decoded.ending == Ending::kDamaged && decoded.bytes.empty()) {
    if (!starts_like_html_page(body))
      throw Error(what + ", but the body is damaged " + coding + " data (" + decoded.error + ")");
    warnings.push_back(what + ", but the body is not " + coding + " data: taken as it is");
    return;
  }
  if (decoded.ending == Ending::kDamaged) {
    warnings.push_back(what + ": the data is damaged after " + std::to_string(decoded.bytes.size()) +
                       " decoded bytes (" + decoded.error + "): kept what was decoded");
  } else if (decoded.ending == Ending::kCut) {
    warnings.push_back(what + ": the data is cut short: kept the " + std::to_string(decoded.bytes.size()) +
                       " bytes decoded");
  }
  body = std::move(decoded.bytes);
}

}  // namespace

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
  for (const HttpHeader& h : headers) {
    if (ascii_iequals(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

HttpResponse parse_http_response(std::string_view bytes) {
  std::size_t pos = 0;
  for (;;) {
    HttpResponse response;
    std::size_t start = pos;
    std::string_view status_line = next_line(bytes, pos);
    if (!parse_status_line(status_line, response)) {
      throw Error("no HTTP status line: the response starts with " + quote_start(bytes.substr(start)));
    }
    while (pos < bytes.size()) {
      std::string_view line = next_line(bytes, pos);
      if (line.empty()) break;
      if ((line.front() == ' ' || line.front() == '\t') && !response.headers.empty()) {
        // A continuation of only white space adds nothing (and no space).
        std::string& value = response.headers.back().value;
        const std::string_view more = trim(line);
        if (!more.empty() && !value.empty()) value += ' ';
        value += more;
        continue;
      }
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) continue;
      response.headers.push_back(HttpHeader{.name = std::string(trim(line.substr(0, colon))),
                                            .value = std::string(trim(line.substr(colon + 1)))});
    }
    response.body_offset = pos;
    // An interim response (100 Continue) before the real one.
    if (response.status >= 100 && response.status < 200 && bytes.substr(pos).starts_with("HTTP/")) continue;
    return response;
  }
}

MediaType parse_media_type(std::string_view value) {
  MediaType type;
  std::size_t semicolon = value.find(';');
  std::string essence = ascii_lower(trim(value.substr(0, semicolon)));
  std::size_t slash = essence.find('/');
  // A type and a subtype of token characters: no white space, no control
  // character (a stray CR or form feed inside a header line), no comma.
  auto not_token = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F || c == ',';
  };
  if (slash == std::string::npos || slash == 0 || slash + 1 == essence.size() ||
      std::any_of(essence.begin(), essence.end(), not_token)) {
    return type;
  }
  type.essence = std::move(essence);
  while (semicolon != std::string_view::npos) {
    value.remove_prefix(semicolon + 1);
    semicolon = value.find(';');
    std::string_view parameter = trim(value.substr(0, semicolon));
    std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos || !ascii_iequals(trim(parameter.substr(0, equals)), "charset")) continue;
    std::string_view charset = trim(parameter.substr(equals + 1));
    if (charset.size() >= 2 && (charset.front() == '"' || charset.front() == '\'') &&
        charset.back() == charset.front()) {
      charset = charset.substr(1, charset.size() - 2);
    }
    if (type.charset.empty()) type.charset = std::string(trim(charset));
  }
  return type;
}

MediaType response_media_type(const HttpResponse& response) {
  MediaType result;
  for (const HttpHeader& header : response.headers) {
    if (!ascii_iequals(header.name, "Content-Type")) continue;
    MediaType type = parse_media_type(header.value);
    if (type.essence.empty() || type.essence == "*/*") continue;
    if (type.charset.empty() && type.essence == result.essence) type.charset = result.charset;
    result = std::move(type);
  }
  return result;
}

bool is_html_media_type(std::string_view essence) {
  return essence == "text/html" || essence == "application/xhtml+xml";
}

bool starts_like_html_page(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  while (!bytes.empty() && is_space(bytes.front())) bytes.remove_prefix(1);
  for (std::string_view start : {"<!doctype html", "<html", "<head", "<body", "<title", "<!--"}) {
    if (ascii_istarts_with(bytes, start)) return true;
  }
  return false;
}

DecodedBody decode_http_body(const HttpResponse& response, std::string_view body, std::size_t max_bytes) {
  DecodedBody result;
  if (body.size() > max_bytes) {
    throw Error("the body holds " + std::to_string(body.size()) + " bytes, more than the limit of " +
                std::to_string(max_bytes) + " for one page");
  }
  result.bytes = std::string(body);
  // Transfer codings were applied last: undo them first, then the content codings.
  std::vector<std::string> transfer = codings(response, "Transfer-Encoding");
  std::vector<std::string> content = codings(response, "Content-Encoding");
  for (auto it = transfer.rbegin(); it != transfer.rend(); ++it) {
    if (*it == "chunked") {
      bool complete = false;
      std::optional<std::string> dechunked = dechunk(result.bytes, max_bytes, &complete);
      if (!dechunked) {
        result.warnings.push_back("Transfer-Encoding: chunked, but the body is not chunked: taken as it is");
      } else {
        if (!complete) {
          result.warnings.push_back("Transfer-Encoding: chunked: the body is cut short: kept the " +
                                    std::to_string(dechunked->size()) + " bytes of its chunks");
        }
        result.bytes = std::move(*dechunked);
      }
    } else if (*it != "identity") {
      decompress(result.bytes, *it, "Transfer-Encoding", max_bytes, result.warnings);
    }
  }
  for (auto it = content.rbegin(); it != content.rend(); ++it) {
    if (*it != "identity") decompress(result.bytes, *it, "Content-Encoding", max_bytes, result.warnings);
  }
  return result;
}

}  // namespace newsdex::readers
