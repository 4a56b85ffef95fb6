// The choice of an input's format (indexer/input_format.h), the --field
// option (indexer/fields.h) and the id and date rules of extracted articles
// (indexer/extraction.h).
#include "indexer/input_format.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "common/schema.h"
#include "indexer/article_hash.h"
#include "indexer/extraction.h"
#include "indexer/fields.h"

namespace newsdex::index {
namespace {

TEST_CASE("issue 13: sniff_content recognises WARC, feeds, HTML and JSON by their first bytes") {
  CHECK(sniff_content("WARC/1.0\r\nWARC-Type: warcinfo\r\n") == InputFormat::kWarc);
  CHECK(sniff_content("filedesc://IA-001102.arc 0 19960923142103 text/plain 76\n") == InputFormat::kWarc);
  CHECK(input_kind_from_name("IA-001102.arc.gz")->format == InputFormat::kWarc);
  CHECK(parse_format_name("arc") == InputFormat::kWarc);
  CHECK(sniff_content("\xEF\xBB\xBF  {\"id\":1}\n") == InputFormat::kJsonLines);
  CHECK(sniff_content("[\n  {\"id\":1}\n]\n") == InputFormat::kJsonLines);   // a JSON array of records
  CHECK(sniff_content("[Updated] Storm closes schools\n") == std::nullopt);  // text that starts with a bracket
  CHECK(sniff_content("<?xml version=\"1.0\"?>\n<nitf><head/></nitf>") == InputFormat::kFeed);
  CHECK(sniff_content("<rss version=\"2.0\"><channel>") == InputFormat::kFeed);
  CHECK(sniff_content("<feed xmlns=\"http://www.w3.org/2005/Atom\">") == InputFormat::kFeed);
  CHECK(sniff_content("<!DOCTYPE html><html><head>") == InputFormat::kHtml);
  CHECK(sniff_content("  <html lang=en>") == InputFormat::kHtml);
  // XHTML: an XML declaration before the doctype.
  CHECK(sniff_content("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0\">"
                      "<html xmlns=\"http://www.w3.org/1999/xhtml\">") == InputFormat::kHtml);
  // A comment before <html>, and a comment before an unknown XML root.
  CHECK(sniff_content("<!-- saved page --><html>") == InputFormat::kHtml);
  CHECK_FALSE(sniff_content("<!-- generated --><svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
  CHECK_FALSE(sniff_content("<?xml version=\"1.0\"?><svg/>"));
  CHECK_FALSE(sniff_content("A plain headline\nA plain body\n"));
  CHECK_FALSE(sniff_content("id,title,body\n1,a,b\n"));
  CHECK_FALSE(sniff_content(""));
  CHECK_FALSE(sniff_content(std::string("\x89PNG\r\n\x1a\n", 8)));
}

TEST_CASE("issue 13: sniff_csv_header wants a delimiter and a known column name") {
  CHECK(sniff_csv_header("id,title,body\n1,a,b\n") == InputFormat::kCsv);
  CHECK(sniff_csv_header("\xEF\xBB\xBF\"headline\";\"text\"\r\nx;y\r\n") == InputFormat::kCsv);
  CHECK(sniff_csv_header("title\tcontent\n") == InputFormat::kTsv);
  CHECK(sniff_csv_header(",id,domain,type,url,content\n") == InputFormat::kCsv);
  CHECK_FALSE(sniff_csv_header("foo,bar\n"));                            // no known column
  CHECK_FALSE(sniff_csv_header("title,body"));                           // no end of the header row in sight
  CHECK_FALSE(sniff_csv_header("The title, as it happens, is long\n"));  // a sentence, not column names
  CHECK_FALSE(sniff_csv_header("Title of a text article\nIts body.\n"));
}

TEST_CASE("issue 13: choose_format: --format, then names that say JSON/text, content, other names") {
  using enum InputFormat;
  const auto named = InputOrigin::kNamed;
  const auto collected = InputOrigin::kCollected;
  // --format wins over everything.
  CHECK(choose_format(kHtml, "{\"id\":1}", "a.jsonl", named) == kHtml);
  // .jsonl and .txt are read as named, whatever they hold.
  CHECK(choose_format(std::nullopt, "<html>", "a.txt", named) == kText);
  CHECK(choose_format(std::nullopt, "not json", "a.jsonl", collected) == kJsonLines);
  // Content over other names.
  CHECK(choose_format(std::nullopt, "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "reddit.rss", named) == kFeed);
  CHECK(choose_format(std::nullopt, "WARC/1.1\r\n", "crawl.bin", collected) == kWarc);
  CHECK(choose_format(std::nullopt, "{\"id\":1}\n", "story.xml", named) == kJsonLines);
  // '{' decides only for a named input: a stray JSON file in a directory is no corpus.
  CHECK_FALSE(choose_format(std::nullopt, "{\"compilerOptions\":{}}", ".eslintrc", collected));
  // Names when the content says nothing.
  CHECK(choose_format(std::nullopt, "Plain words", "page.html", collected) == kHtml);
  CHECK(choose_format(std::nullopt, "1,2,3\n", "dump.csv", collected) == kCsv);
  CHECK(choose_format(std::nullopt, "title,body\nx,y\n", "export", collected) == kCsv);
  // Nothing known: a named input is text, a collected one is left out.
  CHECK(choose_format(std::nullopt, "Headline\nBody\n", "story", named) == kText);
  CHECK_FALSE(choose_format(std::nullopt, "Headline\nBody\n", "README", collected));
  // Empty standard input holds no article: JSON Lines reads it as none.
  CHECK(choose_format(std::nullopt, "  \n", "<stdin>", named) == kJsonLines);
}

TEST_CASE("issue 13: parse_format_name knows the --format names, case-insensitively") {
  CHECK(parse_format_name("JSONL") == InputFormat::kJsonLines);
  CHECK(parse_format_name("text") == InputFormat::kText);
  CHECK(parse_format_name("html") == InputFormat::kHtml);
  CHECK(parse_format_name("warc") == InputFormat::kWarc);
  CHECK(parse_format_name("csv") == InputFormat::kCsv);
  CHECK(parse_format_name("tsv") == InputFormat::kTsv);
  for (const char* feed : {"nitf", "newsml", "newsml-g2", "newsml-1", "rss", "atom", "xml"}) {
    CHECK(parse_format_name(feed) == InputFormat::kFeed);
  }
  CHECK_FALSE(parse_format_name("docx"));
  CHECK_FALSE(parse_format_name(""));
}

TEST_CASE("issue 13: --field NAME=KEY puts KEY first for NAME, and takes it from the other fields") {
  FieldKeys keys({parse_field_option("body=maintext"), parse_field_option("date=text")});
  CHECK(keys.keys(Field::kBody).front() == "maintext");
  CHECK(keys.keys(Field::kDate).front() == "text");
  // "text" now belongs to date only.
  const auto& body = keys.keys(Field::kBody);
  CHECK(std::find(body.begin(), body.end(), std::string("text")) == body.end());
  CHECK(keys.index_of("maintext").has_value());
  CHECK_FALSE(keys.index_of("unrelated").has_value());
  CHECK_THROWS_WITH(parse_field_option("bogus=x"), doctest::Contains("unknown field \"bogus\""));
  CHECK_THROWS_WITH(parse_field_option("body"), doctest::Contains("expected NAME=KEY"));
  CHECK_THROWS_WITH(parse_field_option("body="), doctest::Contains("empty"));
}

TEST_CASE("--field takes a path of nested keys, and refuses a path with an empty part") {
  CHECK(parse_field_option("title=headline.main").key == "headline.main");
  CHECK(FieldKeys({parse_field_option("body=a.b.c.d")}).path_depth() == 4);
  CHECK(FieldKeys().path_depth() == 2);  // the defaults hold headline.main and the like
  for (const char* bad : {"title=headline..main", "title=.main", "title=headline."}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH(parse_field_option(bad), doctest::Contains("each of its parts must be non-empty"));
  }
}

TEST_CASE("issue 13: id_from_url keeps a URL as the id, and hashes one too long for an id") {
  CHECK(id_from_url("https://example.org/a") == "https://example.org/a");
  std::string long_url = "https://example.org/" + std::string(schema::kMaxIdBytes, 'x');
  std::string id = id_from_url(long_url);
  CHECK(id == "u" + to_hex16(fnv1a_64(long_url)));
  CHECK(id.size() <= schema::kMaxIdBytes);
}

TEST_CASE("issue 13: extract_page: the canonical URL is the id, the WARC date a marked last resort") {
  CorpusReaderOptions options;
  const std::string page =
      "<html lang=\"de\"><head><title>Fähre kommt | Hafenblatt</title>"
      "<meta name=\"author\" content=\"Jana Berg\">"
      "<link rel=\"canonical\" href=\"https://example.org/faehre\"></head><body><article>"
      "<p>Der Hafenrat hat am Dienstag mit sechs zu einer Stimme den neuen Fährplan beschlossen, der zwei "
      "weitere Boote und einen Nachtdienst zwischen den Inseln und dem Festland vorsieht.</p>"
      "<p>Die Gegner sagten, die Kosten seien für eine Stadt dieser Größe zu hoch, und kündigten an, den Plan "
      "bei der nächsten Wahl im Herbst weiter zu bekämpfen.</p></article></body></html>";
  CorpusEntry entry;
  entry.page = RawPage{
      .bytes = page, .charset = "", .url = "https://crawl.example/x?utm=1", .capture_date = "2020-01-02T03:04:05Z"};
  extract_page(entry, options);
  REQUIRE_FALSE(entry.skip);
  REQUIRE_FALSE(entry.left_out);
  CHECK_FALSE(entry.page);
  CHECK(entry.article.id == "https://example.org/faehre");
  CHECK(entry.from.id == "url");
  CHECK(entry.from.url == "canonical");
  CHECK(entry.article.lang == "de");
  CHECK(entry.article.published_unix_s == 1577934245);
  CHECK(entry.from.date == "warc-date");

  // The same page captured in an ARC file: its date is named as an ARC date.
  CorpusEntry arc;
  arc.format = "arc";
  arc.page = RawPage{.bytes = page, .charset = "", .url = "", .capture_date = "1996-11-04T14:21:03Z"};
  extract_page(arc, options);
  REQUIRE_FALSE(arc.skip);
  CHECK(arc.article.published_unix_s == 847117263);
  CHECK(arc.from.date == "arc-date");

  // Without a URL: an id from the content, as for JSON Lines without one.
  CorpusEntry bare;
  bare.page = RawPage{.bytes = page.substr(0, page.find("<link")) + page.substr(page.find("</head>")),
                      .charset = "",
                      .url = "",
                      .capture_date = ""};
  extract_page(bare, options);
  REQUIRE_FALSE(bare.skip);
  CHECK(bare.article.id == id_from_content(bare.article.title, bare.article.body));
  CHECK(bare.from.id == "content-hash");
  CHECK_FALSE(bare.article.published_unix_s);
}

}  // namespace
}  // namespace newsdex::index
