// HTTP responses as web archives store them: the status line and headers
// (lines ending in CRLF or LF alone), the media type and charset of the body,
// and the body with its transfer and content codings removed (chunked; gzip,
// deflate, br, zstd through zlib, brotli and zstd). Thread safety: the
// functions share no state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::readers {

struct HttpHeader {
  std::string name{};   // as written ("Content-Type")
  std::string value{};  // white space around it trimmed; folded lines joined by a space
};

struct HttpResponse {
  std::string version{};  // "HTTP/1.1"
  int status = 0;         // 200
  std::string reason{};   // "OK"; may be empty
  std::vector<HttpHeader> headers{};
  std::size_t body_offset = 0;  // where the body starts in the parsed bytes

  // The value of the first header named `name` (case-insensitive); nullopt if none.
  std::optional<std::string_view> header(std::string_view name) const;
};

// Parses the head of the HTTP response at the start of `bytes`: the status
// line ("HTTP/1.1 200 OK", "HTTP/2 404"), then header lines up to an empty line
// (or the end of `bytes`). Lines may end in CRLF or LF alone; a line starting
// with a space or tab continues the previous header; a line without a colon is
// ignored. Interim 1xx responses before the final one are passed over.
// Throws newsdex::Error when `bytes` do not start with a status line (the
// message quotes the start of the first line).
HttpResponse parse_http_response(std::string_view bytes);

struct MediaType {
  std::string essence{};  // type/subtype, lower case ("text/html"); "" when none could be read
  std::string charset{};  // the charset parameter, unquoted, as written ("EUC-JP"); "" if none
};

// The media type of one Content-Type value ("text/html; charset=utf-8";
// "application/http;msgtype=response" needs no space).
MediaType parse_media_type(std::string_view value);

// The media type of a response from all its Content-Type headers, as WHATWG
// Fetch extracts it: the last valid one wins, and keeps the charset of an
// earlier one with the same essence when it states none itself
// ("text/html; charset=utf-8" then "text/html" -> utf-8).
MediaType response_media_type(const HttpResponse& response);

// True for the media types of HTML pages: text/html, application/xhtml+xml.
bool is_html_media_type(std::string_view essence);

// True when `bytes` start like an HTML page: after a byte order mark and white
// space, "<!doctype html", "<html", "<head", "<body", "<title" or "<!--"
// (case-insensitive). For payloads without a Content-Type.
bool starts_like_html_page(std::string_view bytes);

struct DecodedBody {
  std::string bytes{};
  std::vector<std::string> warnings{};  // a coding not applied, or applied to a cut stream
};

// `body` (the bytes after the response's head) with the codings of its
// Transfer-Encoding and Content-Encoding headers removed, last applied first:
// chunked, gzip (x-gzip), deflate (zlib-wrapped or raw, as servers send it),
// br, zstd, identity. Only these header names count: renamed copies such as
// Common Crawl's X-Crawler-Content-Encoding describe what the crawler undid
// already and are not applied. Tolerant as browsers are, each time with a
// warning: a body declared chunked or compressed that is not (stored decoded
// already, as ClueWeb09 did) is taken as it is, and a chunked or compressed
// body cut short gives what was decoded before the cut.
// Throws newsdex::Error when the decoded body would exceed `max_bytes`, when a
// coding is unknown, or when compressed data is damaged from its start and
// does not look like HTML either.
DecodedBody decode_http_body(const HttpResponse& response, std::string_view body, std::size_t max_bytes);

}  // namespace newsdex::readers
