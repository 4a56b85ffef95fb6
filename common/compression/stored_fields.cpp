#include "common/compression/stored_fields.h"

#include <zstd.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "common/analysis/analyzer.h"
#include "common/error.h"

namespace newsdex::compression {
namespace {

constexpr std::uint8_t kFormatVersion = 1;

// A zstd block holds at most 128 KiB of content behind a header of at least
// 3 bytes (the format's Block_Maximum_Size), so no true frame decompresses to
// more than this per 3 bytes of frame: a larger claimed size is damage, and
// must not become an allocation.
constexpr std::uint64_t kMaxBlockContentBytes = std::uint64_t{128} * 1024;

enum Tag : std::uint64_t {
  kTagId = 1,
  kTagTitle = 2,
  kTagBody = 3,
  kTagPublished = 4,
  kTagSource = 5,
  kTagUrl = 6,
  kTagAuthor = 7,
  kTagLang = 8,
  kTagEntities = 9,
};

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::uint64_t get_varint(std::string_view& in) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) throw Error("stored article: truncated varint");
    auto byte = static_cast<std::uint8_t>(in.front());
    in.remove_prefix(1);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return v;
  }
  throw Error("stored article: varint too long");
}

void put_field(std::string& out, Tag tag, std::string_view value) {
  if (value.empty()) return;
  put_varint(out, tag);
  put_varint(out, value.size());
  out.append(value);
}

}  // namespace

std::string zstd_compress(std::string_view payload, int level) {
  // One context per thread: creating a ZSTD_CCtx costs more than compressing a
  // short article.
  thread_local std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> ctx(ZSTD_createCCtx(), &ZSTD_freeCCtx);
  std::string out(ZSTD_compressBound(payload.size()), '\0');
  std::size_t n = ZSTD_compressCCtx(ctx.get(), out.data(), out.size(), payload.data(), payload.size(), level);
  if (ZSTD_isError(n)) throw Error(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

std::string zstd_decompress(std::string_view frame) {
  unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    throw Error("stored article: not a zstd frame with a known size");
  }
  if (size > frame.size() / 3 * kMaxBlockContentBytes) {
    throw Error("stored article: zstd frame claims " + std::to_string(size) + " bytes of content, more than its " +
                std::to_string(frame.size()) + " bytes can hold");
  }
  thread_local std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> ctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  std::string out(static_cast<std::size_t>(size), '\0');
  std::size_t n = ZSTD_decompressDCtx(ctx.get(), out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n)) throw Error(std::string("stored article: zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

std::string encode_article(const Article& a) {
  std::string payload;
  payload.reserve(a.title.size() + a.body.size() + a.id.size() + a.source.size() + a.url.size() +
                  a.entities_json.size() + 32);
  payload.push_back(static_cast<char>(kFormatVersion));
  put_field(payload, kTagId, a.id);
  put_field(payload, kTagTitle, a.title);
  put_field(payload, kTagBody, a.body);
  if (a.published_unix_s) {
    std::int64_t t = *a.published_unix_s;
    std::string v;
    put_varint(v, (static_cast<std::uint64_t>(t) << 1) ^ static_cast<std::uint64_t>(t >> 63));
    put_field(payload, kTagPublished, v);
  }
  put_field(payload, kTagSource, a.source);
  put_field(payload, kTagUrl, a.url);
  put_field(payload, kTagAuthor, a.author);
  put_field(payload, kTagLang, a.lang);
  put_field(payload, kTagEntities, a.entities_json);
  return zstd_compress(payload);
}

Article decode_article(std::string_view data) {
  std::string payload = zstd_decompress(data);
  std::string_view in(payload);
  if (in.empty() || static_cast<std::uint8_t>(in.front()) != kFormatVersion) {
    throw Error("stored article: unknown format version");
  }
  in.remove_prefix(1);
  Article a;
  while (!in.empty()) {
    std::uint64_t tag = get_varint(in);
    std::uint64_t len = get_varint(in);
    if (len > in.size()) throw Error("stored article: truncated field");
    std::string_view value = in.substr(0, len);
    in.remove_prefix(len);
    switch (tag) {
      case kTagId:
        a.id = value;
        break;
      case kTagTitle:
        a.title = value;
        break;
      case kTagBody:
        a.body = value;
        break;
      case kTagPublished: {
        std::string_view v = value;
        std::uint64_t z = get_varint(v);
        a.published_unix_s = static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
        break;
      }
      case kTagSource:
        a.source = value;
        break;
      case kTagUrl:
        a.url = value;
        break;
      case kTagAuthor:
        a.author = value;
        break;
      case kTagLang:
        a.lang = value;
        break;
      case kTagEntities:
        a.entities_json = value;
        break;
      default:
        break;  // a newer writer's field: skip
    }
  }
  // The indexer stores UTF-8 only; anything else is damage, which would
  // reach snippets and the terminal byte for byte.
  const std::pair<const char*, const std::string*> text_fields[] = {
      {"id", &a.id},   {"title", &a.title},   {"body", &a.body}, {"source", &a.source},
      {"url", &a.url}, {"author", &a.author}, {"lang", &a.lang}, {"entities", &a.entities_json}};
  for (const auto& [name, field] : text_fields) {
    if (!analysis::is_valid_utf8(*field)) throw Error(std::string("stored article: invalid UTF-8 in the ") + name);
  }
  return a;
}

}  // namespace newsdex::compression
