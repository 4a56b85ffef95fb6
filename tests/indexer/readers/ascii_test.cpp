#include "indexer/readers/ascii.h"

#include <doctest/doctest.h>

#include <string>

namespace newsdex::readers {
namespace {

TEST_CASE("ascii_lower folds A-Z only: other bytes, UTF-8 included, stay as they are") {
  CHECK(ascii_lower('A') == 'a');
  CHECK(ascii_lower('Z') == 'z');
  CHECK(ascii_lower('a') == 'a');
  CHECK(ascii_lower('@') == '@');  // the byte before 'A'
  CHECK(ascii_lower('[') == '[');  // the byte after 'Z'
  CHECK(ascii_lower('\xC3') == '\xC3');
  CHECK(ascii_lower(std::string_view("Content-TYPE: Text/HTML")) == "content-type: text/html");
  // "É" (C3 89) is not ASCII: no ICU case folding here.
  CHECK(ascii_lower(std::string_view("\xC3\x89T\xC3\x89")) == "\xC3\x89t\xC3\x89");
  CHECK(ascii_lower(std::string_view(std::string("A\0B", 3))) == std::string("a\0b", 3));
  CHECK(ascii_lower(std::string_view()).empty());
}

TEST_CASE("ascii_iequals compares whole names without case, and never a prefix") {
  CHECK(ascii_iequals("WARC-Target-URI", "warc-target-uri"));
  CHECK(ascii_iequals("", ""));
  CHECK_FALSE(ascii_iequals("charset", "charse"));
  CHECK_FALSE(ascii_iequals("charse", "charset"));
  CHECK_FALSE(ascii_iequals("Content-Type", "Content_Type"));
  // '@' and '`' differ from 'A' and 'a' by the case bit alone: they must not match.
  CHECK_FALSE(ascii_iequals("@", "`"));
  CHECK_FALSE(ascii_iequals("\xC3\x89", "\xC3\xA9"));  // É and é are not ASCII
  static_assert(ascii_iequals("GZIP", "gzip"));
}

TEST_CASE("ascii_istarts_with matches a prefix without case") {
  CHECK(ascii_istarts_with("<!DOCTYPE html>", "<!doctype"));
  CHECK(ascii_istarts_with("abc", ""));
  CHECK(ascii_istarts_with("HTTP/1.1 200 OK", "http/"));
  CHECK_FALSE(ascii_istarts_with("<!doc", "<!doctype"));
  CHECK_FALSE(ascii_istarts_with("x<html", "<html"));
}

}  // namespace
}  // namespace newsdex::readers
