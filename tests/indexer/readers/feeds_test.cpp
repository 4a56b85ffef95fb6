#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/dates.h"
#include "common/error.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/feed_text.h"
#include "indexer/readers/feed_xml.h"
#include "tests/indexer/test_support.h"

namespace newsdex::readers {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The articles of a document, in order.
std::vector<FeedArticle> articles_of(const FeedDocument& doc) {
  std::vector<FeedArticle> out;
  for (const FeedRecord& r : doc.records) {
    if (r.article) out.push_back(*r.article);
  }
  return out;
}

// "2013-10-20T08:27:51Z", or "undated".
std::string utc(const FeedArticle& a) {
  return a.published_unix_s ? dates::format_datetime(*a.published_unix_s) : std::string("undated");
}

// ---- sniffing

TEST_CASE("Feed sniffing decides by the root element and its namespace") {
  struct Case {
    std::string head;
    std::string name;
    FeedFormat expected;
  };
  const std::vector<Case> cases = {
      {"<?xml version=\"1.0\"?>\n<nitf><head/>", "story.xml", FeedFormat::kNitf},
      {"<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"x\">", "a", FeedFormat::kNewsMlG2},
      {"<ns0:newsMessage xmlns:ns0=\"http://iptc.org/std/nar/2006-10-01/\">", "b", FeedFormat::kNewsMlG2},
      {"<packageItem>", "c.xml", FeedFormat::kNewsMlG2},
      {"<conceptItem>", "c.xml", FeedFormat::kNewsMlG2},
      {"<planningItem>", "c.xml", FeedFormat::kNewsMlG2},
      {"<?xml version=\"1.0\"?><NewsML Version=\"1.2\">", "n.xml", FeedFormat::kNewsMl1},
      {"<rss version=\"2.0\"><channel>", "feed.xml", FeedFormat::kRss},
      {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">",
       "f.rdf", FeedFormat::kRss},
      // An RDF document that is no RSS (no RSS namespace declared).
      {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description/>", "f.rdf",
       FeedFormat::kUnknown},
      // An Atom feed under an .rss name: the root decides.
      {"<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", "home.rss",
       FeedFormat::kAtom},
      {"<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\">", "x", FeedFormat::kAtom},
      // A <feed> outside the Atom namespace is not Atom.
      {"<feed xmlns=\"http://example.com/feeds\">", "x.atom", FeedFormat::kUnknown},
      // BOM, comments, processing instructions and a DOCTYPE with an internal subset before the root.
      {"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- a <nitf> in a comment -->\n<?xml-stylesheet href=\"s.xsl\"?>\n"
       "<!DOCTYPE nitf SYSTEM \"nitf.dtd\" [ <!ENTITY x \"<y>\"> ]>\n<nitf>",
       "x", FeedFormat::kNitf},
      // Not XML at all: HTML pages, JSON, text, whatever the name says.
      {"<!DOCTYPE html><html><head>", "page.rss", FeedFormat::kUnknown},
      {"{\"title\": \"x\"}", "feed.rss", FeedFormat::kUnknown},
      {"Plain text story", "story.nitf", FeedFormat::kUnknown},
      // Cut off before the root: the name decides.
      {"<?xml version=\"1.0\"?>\n<!-- a long comment", "story.nitf", FeedFormat::kNitf},
      {"<?xml version=\"1.0\"?>\n<!-- a long comment", "news.RSS", FeedFormat::kRss},
      {"<?xml version=\"1.0\"?>\n<!-- a long comment", "news.atom", FeedFormat::kAtom},
      {"<?xml version=\"1.0\"?>\n<!-- a long comment", "news.xml", FeedFormat::kUnknown},
      {"", "empty.rss", FeedFormat::kRss},
  };
  for (const Case& c : cases) {
    CAPTURE(c.head);
    CHECK(sniff_feed_format(c.head, c.name) == c.expected);
  }
  // UTF-16 with a byte-order mark.
  const std::string utf16 = std::string("\xFF\xFE", 2) + std::string("<\0r\0s\0s\0>\0", 10);
  CHECK(sniff_feed_format(utf16, "x") == FeedFormat::kRss);
  CHECK(describe(FeedFormat::kNewsMlG2) == "newsml-g2");
}

// ---- NITF

const std::string kNitf = R"(<?xml version="1.0" encoding="UTF-8"?>
<nitf baselang="en-GB">
  <head>
    <title>Harbour pier closes</title>
    <docdata>
      <doc-id id-string="HL.2024.0042"/>
      <date.issue norm="YYYYMMDD000000-HHMM"/>
      <date.release norm="20240305T101500+0100"/>
      <doc.copyright holder="Harbour Ledger Wire"/>
    </docdata>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Pier closed after cracks found</hl1><hl2>Boats move south</hl2></hedline>
      <note noteclass="editorsnote"><body.content><p>Editors: not for publication.</p></body.content></note>
      <byline>By <person>Ann Lee</person><byttl>Harbour Reporter</byttl></byline>
      <distributor>Harbour Ledger</distributor>
    </body.head>
    <body.content>
      <media><media-reference source="pier.jpg"/><media-caption>The pier at dawn.</media-caption></media>
      <p>The <org>harbour authority</org> closed the pier on <chron>Tuesday</chron>.</p>
      <hl2>Repairs</hl2>
      <block><p>Work takes eleven weeks,<br/>weather permitting.</p>
        <ul><li>North quay: closed</li><li>South quay: open</li></ul></block>
      <table><tr><td>Boats</td><td>42</td></tr><tr><td>Stalls</td><td>17</td></tr></table>
    </body.content>
  </body>
</nitf>)";

TEST_CASE("NITF gives the headline, the body as paragraphs and the docdata fields") {
  const FeedDocument doc = read_feed(kNitf, "story.xml");
  CHECK(doc.format == FeedFormat::kNitf);
  CHECK(doc.problems.empty());
  CHECK(doc.complete);
  REQUIRE(doc.records.size() == 1);
  CHECK(doc.records[0].where == "document");
  REQUIRE(doc.records[0].article);
  const FeedArticle& a = *doc.records[0].article;
  CHECK(a.title == "Pier closed after cracks found");
  CHECK(a.title_from == "hl1");
  CHECK(a.body ==
        "The harbour authority closed the pier on Tuesday.\n\n"
        "Repairs\n\n"
        "Work takes eleven weeks,\nweather permitting.\n\n"
        "North quay: closed\nSouth quay: open\n\n"
        "Boats 42\nStalls 17");
  CHECK(a.body_from == "body.content");
  // The placeholder date.issue is passed over for the first date that parses.
  CHECK(a.date == "20240305T101500+0100");
  CHECK(a.date_from == "date.release");
  CHECK(utc(a) == "2024-03-05T09:15:00Z");
  CHECK(a.author == "Ann Lee");
  CHECK(a.author_from == "byline");
  CHECK(a.source == "Harbour Ledger");
  CHECK(a.source_from == "distributor");
  CHECK(a.id == "HL.2024.0042");
  CHECK(a.lang == "en");
  CHECK(a.lang_from == "baselang");
}

TEST_CASE("NITF leaves out captions and editors' notes") {
  const FeedArticle a = *read_feed(kNitf, "story.xml").records.at(0).article;
  CHECK_FALSE(contains(a.body, "dawn"));
  CHECK_FALSE(contains(a.body, "Editors"));
  CHECK_FALSE(contains(a.body, "Harbour Reporter"));
}

TEST_CASE("NITF without a headline falls back to head/title; an empty story is no article") {
  const FeedDocument doc = read_feed(
      "<nitf><head><title>Only a title</title></head><body><body.content><p>Text.</p></body.content></body></nitf>",
      "t.xml");
  CHECK(doc.records.at(0).article->title == "Only a title");
  CHECK(doc.records.at(0).article->title_from == "title");
  const FeedDocument empty = read_feed("<nitf><head/><body><body.content/></body></nitf>", "e.xml");
  REQUIRE(empty.records.size() == 1);
  CHECK_FALSE(empty.records[0].article);
  CHECK(empty.records[0].skip_reason == "no headline or text");
  CHECK(record_message("e.xml", empty.records[0]) == "e.xml:1: document: no headline or text");
}

// Shaped like the New York Times Annotated Corpus: a lead paragraph block
// that the full text repeats, a print byline and its normalised copy, and the
// story's address in pubdata's ex-ref.
const std::string kArchiveNitf = R"(<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.3//EN">
  <head>
    <title>Harbor Board Votes to Dredge the Channel</title>
    <docdata><doc-id id-string="0674321"/></docdata>
    <pubdata date.publication="19940301T000000" ex-ref="http://archive.example.com/1994/03/01/dredge.html"
             name="The Example Times"/>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Harbor Board Votes to Dredge the Channel</hl1></hedline>
      <byline class="print_byline">By JANE DOE and JOHN ROE</byline>
      <byline class="normalized_byline">Doe, Jane; Roe, John</byline>
    </body.head>
    <body.content>
      <block class="lead_paragraph"><p>The harbor board voted to dredge the channel.</p><p>The vote was 5 to 2.</p></block>
      <block class="full_text"><p>The harbor board voted to dredge the channel.</p><p>The vote was 5 to 2.</p>
        <p>Opponents said the work would stir up sediment.</p></block>
    </body.content>
  </body>
</nitf>)";

TEST_CASE("NITF from archives: a block the full text repeats is read once; a normalised byline is no second author") {
  const FeedArticle a = *read_feed(kArchiveNitf, "0674321.xml").records.at(0).article;
  CHECK(a.body ==
        "The harbor board voted to dredge the channel.\n\nThe vote was 5 to 2.\n\n"
        "Opponents said the work would stir up sediment.");
  // The same persons: one byline, spelled as the normalised one has it.
  CHECK(a.author == "Jane Doe, John Roe");
  CHECK(a.url == "http://archive.example.com/1994/03/01/dredge.html");
  CHECK(a.url_from == "pubdata");
  CHECK(utc(a) == "1994-03-01T00:00:00Z");
  CHECK(a.source == "The Example Times");
}

TEST_CASE("NITF: blocks that are not repeated, and bylines of other persons, are all kept") {
  const FeedDocument doc = read_feed(R"(<nitf><head><pubdata ex-ref="urn:publication:1"/></head><body><body.head>
    <hedline><hl1>Two blocks</hl1></hedline>
    <byline>By Ann Lee</byline><byline>LEE, ANN</byline><byline>Ben Ortiz, Staff Writer</byline></body.head>
    <body.content><block><p>The vote</p></block><block><p>The voters said no.</p></block>
    <block><p>Same text.</p></block><block><p>Same text.</p><p>And more.</p></block></body.content></body></nitf>)",
                                     "t.xml");
  const FeedArticle& a = *doc.records.at(0).article;
  // "The vote" is not a paragraph the next block starts with; the third block is.
  CHECK(a.body == "The vote\n\nThe voters said no.\n\nSame text.\n\nAnd more.");
  // "LEE, ANN" names Ann Lee again, in capitals: the first spelling stays.
  CHECK(a.author == "Ann Lee, Ben Ortiz, Staff Writer");
  CHECK(a.url.empty());  // an ex-ref that is no web address
}

// ---- charsets

std::string nitf_with(const std::string& declaration, const std::string& text) {
  return declaration + "<nitf><body><body.head><hedline><hl1>" + text +
         "</hl1></hedline></body.head><body.content><p>" + text + "</p></body.content></body></nitf>";
}

TEST_CASE("Feed charsets: valid UTF-8 wins over a declared ISO-8859-1") {
  // "København" in UTF-8 bytes under a Latin-1 declaration.
  const FeedDocument doc = read_feed(nitf_with("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n",
                                               "K\xC3\xB8"
                                               "benhavn"),
                                     "ritzau.xml");
  CHECK(doc.records.at(0).article->title ==
        "K\xC3\xB8"
        "benhavn");
  CHECK(doc.charset == "UTF-8");
  CHECK(doc.charset_from == "utf-8");
}

TEST_CASE("Feed charsets: real Latin-1 bytes are read as declared, with numeric references") {
  const FeedDocument doc = read_feed(nitf_with("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n",
                                               "\xA3"
                                               "66bn and &#163;5 for Malm&#246;"),
                                     "pa.xml");
  CHECK(doc.records.at(0).article->title ==
        "\xC2\xA3"
        "66bn and \xC2\xA3"
        "5 for Malm\xC3\xB6");
  CHECK(doc.charset == "windows-1252");
  CHECK(doc.charset_from == "xml");
}

TEST_CASE("Feed charsets: undeclared Latin-1 bytes are detected, not rejected") {
  std::string rss =
      "<rss><channel><title>Not\xED"
      "cias</title>";
  for (int i = 0; i < 6; ++i) {
    rss +=
        "<item><title>Elei\xE7\xF5"
        "es: candidato l\xED"
        "der na pesquisa de inten\xE7\xE3o de voto " +
        std::to_string(i) +
        "</title><description>Pol\xEDtica e \xFAltimas not\xED"
        "cias do dia.</description>" +
        "</item>";
  }
  rss += "</channel></rss>";
  const FeedDocument doc = read_feed(rss, "uol.rss");
  CHECK(doc.charset_from == "detected");
  REQUIRE(doc.records.size() == 6);
  CHECK(doc.records[0].article->source ==
        "Not\xC3\xAD"
        "cias");
  CHECK(contains(doc.records[0].article->title,
                 "Elei\xC3\xA7\xC3\xB5"
                 "es"));
}

TEST_CASE("Feed charsets: a BOM, the 'utf8' alias and CRLF line ends") {
  const std::string crlf =
      "\xEF\xBB\xBF<?xml version='1.0' encoding='utf8'?>\r\n<nitf>\r\n<body><body.content>\r\n"
      "<p>One\r\nline.</p>\r\n<p>Two.</p>\r\n</body.content></body></nitf>\r\n";
  const FeedDocument doc = read_feed(crlf, "crlf.xml");
  CHECK(doc.charset == "UTF-8");
  CHECK(doc.records.at(0).article->body == "One line.\n\nTwo.");
}

TEST_CASE("Feed charsets: UTF-16 with a byte-order mark") {
  const std::string text =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>Gr\u00FC\u00DFe"
      "</title></item></channel></rss>";
  std::string utf16 = "\xFF\xFE";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    unsigned cp = c;
    if (c >= 0xC0) cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[++i]) & 0x3Fu);  // two-byte UTF-8 only
    utf16.push_back(static_cast<char>(cp & 0xFF));
    utf16.push_back(static_cast<char>(cp >> 8));
  }
  const FeedDocument doc = read_feed(utf16, "utf16.rss");
  CHECK(doc.charset_from == "bom");
  CHECK(doc.records.at(0).article->title ==
        "Gr\xC3\xBC\xC3\x9F"
        "e");
}

// ---- what is never fetched or expanded

TEST_CASE("Feeds never load a DTD or an external entity") {
  index::testing::TempDir dir;
  const std::filesystem::path dtd = dir.write("nitf.dtd", "<!ENTITY secret \"LEAKED-FROM-DTD\">");
  const std::filesystem::path file = dir.write("secret.txt", "LEAKED-FROM-FILE");
  SUBCASE("a DOCTYPE's DTD on disk is not read") {
    const std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"file://" + dtd.string() +
                            "\">\n<nitf><body><body.content><p>a &secret; b</p></body.content></body></nitf>";
    const FeedDocument doc = read_feed(xml, "dtd.xml");
    CHECK(doc.records.at(0).article->body == "a b");
  }
  SUBCASE("a DOCTYPE's DTD on the network is not fetched") {
    const std::string xml =
        "<!DOCTYPE nitf PUBLIC \"-//IPTC//DTD NITF 3.2//EN\" \"http://127.0.0.1:9/nitf.dtd\">"
        "<nitf><body><body.content><p>text</p></body.content></body></nitf>";
    CHECK(read_feed(xml, "net.xml").records.at(0).article->body == "text");
  }
  SUBCASE("an external entity (XXE) is not read") {
    const std::string xml = "<!DOCTYPE rss [ <!ENTITY xxe SYSTEM \"file://" + file.string() +
                            "\"> ]><rss><channel><item><title>x &xxe; y</title></item></channel></rss>";
    const FeedDocument doc = read_feed(xml, "xxe.rss");
    CHECK_FALSE(contains(doc.records.at(0).article->title, "LEAKED"));
  }
}

TEST_CASE("Feeds expand entities the document declares, within bounds") {
  SUBCASE("a declared entity") {
    const std::string xml =
        "<!DOCTYPE nitf [ <!ENTITY co \"Acme &amp; Co\"> <!ENTITY nb \"&#160;\"> ]>"
        "<nitf><body><body.content><p>&co;&nb;said</p></body.content></body></nitf>";
    CHECK(read_feed(xml, "e.xml").records.at(0).article->body == "Acme & Co said");
  }
  SUBCASE("billion laughs stays small") {
    std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lollollollollollollollollollol\">";
    std::string previous = "lol";
    for (int level = 1; level <= 9; ++level) {
      const std::string name = "lol" + std::to_string(level);
      xml += "<!ENTITY " + name + " \"";
      for (int i = 0; i < 10; ++i) xml += "&" + previous + ";";
      xml += "\">";
      previous = name;
    }
    xml +=
        "]><rss><channel><item><title>t</title><description>&lol9;</description></item>"
        "<item><title>after</title></item></channel></rss>";
    // libxml2 detects the amplification and stops; what came before is kept.
    const FeedDocument doc = read_feed(xml, "lol.rss");
    REQUIRE(doc.records.size() >= 1);
    REQUIRE(doc.records[0].article);
    CHECK(doc.records[0].article->title == "t");
    CHECK(doc.records[0].article->body.size() <= (1u << 20));
    CHECK_FALSE(doc.complete);
    REQUIRE_FALSE(doc.problems.empty());
    CHECK(contains(doc.problems.front(), "lol.rss:1: malformed XML: Detected an entity reference loop"));
  }
}

TEST_CASE("Feeds read HTML's named entities that the XML does not declare") {
  const FeedDocument doc =
      read_feed("<rss><channel><item><title>Caf&eacute;&nbsp;society &amp; more</title></item></channel></rss>",
                "html-entities.rss");
  CHECK(doc.problems.empty());
  CHECK(doc.records.at(0).article->title == "Caf\xC3\xA9 society & more");
}

// ---- bad input

TEST_CASE("Malformed XML: problems name the file and line, and the records are kept") {
  const std::string xml =
      "<rss>\n<channel>\n<item><title>one</title></item>\n"
      "<item><title>two</b></title></item>\n"
      "<item><title>three &amp four</title></item>\n"
      "<item><title>five</title></item>\n</channel></rss>";
  const FeedDocument doc = read_feed(xml, "broken.rss");
  REQUIRE_FALSE(doc.problems.empty());
  CHECK(doc.problems[0].rfind("broken.rss:4: malformed XML: ", 0) == 0);
  CHECK(doc.complete);
  std::vector<std::string> titles;
  for (const FeedArticle& a : articles_of(doc)) titles.push_back(a.title);
  CHECK(std::find(titles.begin(), titles.end(), "one") != titles.end());
  CHECK(std::find(titles.begin(), titles.end(), "five") != titles.end());
}

TEST_CASE("Malformed XML: where the parser gives up, the records before are kept") {
  std::string xml = "<rss><channel>\n<item><title>before</title></item>\n<item><description>";
  for (int i = 0; i < 300; ++i) xml += "<d>";
  xml += "deep";
  for (int i = 0; i < 300; ++i) xml += "</d>";
  xml += "</description></item>\n<item><title>after</title></item></channel></rss>";
  const FeedDocument doc = read_feed(xml, "deep.rss");
  CHECK_FALSE(doc.complete);
  REQUIRE_FALSE(doc.records.empty());
  CHECK(doc.records[0].article->title == "before");
  REQUIRE_FALSE(doc.problems.empty());
  CHECK(contains(doc.problems.back(), "deep.rss:3: the XML parser stopped here"));
  for (const FeedRecord& r : doc.records) {
    if (r.article) CHECK(r.article->title != "after");
  }
}

TEST_CASE("Malformed XML: a cut-off feed keeps its complete items") {
  const FeedDocument doc = read_feed("<rss><channel><item><title>whole</title></item><item><title>cut", "cut.rss");
  REQUIRE(doc.records.size() >= 1);
  CHECK(doc.records[0].article->title == "whole");
  CHECK_FALSE(doc.problems.empty());
}

TEST_CASE("Malformed XML: a problem quoting the document is one line of valid UTF-8") {
  // libxml2 quotes 50 bytes of an unfinished CDATA section, cutting a
  // three-byte character; the problem line must still print as text.
  std::string xml = "<rss><channel><item><title>t</title><description><![CDATA[\n";
  for (int i = 0; i < 40; ++i) xml += "\xE2\x82\xAC";  // U+20AC, three bytes each
  xml += "\n";
  const FeedDocument doc = read_feed(xml, "cdata.rss");
  bool quoted = false;
  for (const std::string& p : doc.problems) {
    CAPTURE(p);
    CHECK(analysis::is_valid_utf8(p));
    CHECK(p.find('\n') == std::string::npos);
    quoted = quoted || contains(p, "CData section not finished");
  }
  CHECK(quoted);
}

TEST_CASE("Feed problems are capped, with a count of the rest") {
  std::string xml = "<rss><channel>";
  for (int i = 0; i < 50; ++i) xml += "<item><title>a & b " + std::to_string(i) + "</title></item>\n";
  xml += "</channel></rss>";
  const FeedDocument doc = read_feed(xml, "many.rss");
  CHECK(doc.records.size() == 50);
  REQUIRE(doc.problems.size() == kMaxFeedProblems + 1);
  CHECK(contains(doc.problems.back(), "and 30 more problems"));
}

TEST_CASE("Feed problems stay within the cap when the parser also stops: where it stopped is kept") {
  std::string xml = "<rss><channel>";
  for (int i = 0; i < 30; ++i) xml += "<item><title>a & b " + std::to_string(i) + "</title></item>\n";
  xml += "<item><description>";
  for (int i = 0; i < 300; ++i) xml += "<d>";  // deeper than libxml2's limit: it stops
  const FeedDocument doc = read_feed(xml, "many-then-deep.rss");
  CHECK_FALSE(doc.complete);
  REQUIRE(doc.problems.size() == kMaxFeedProblems + 1);
  CHECK(contains(doc.problems[kMaxFeedProblems - 1], "and 12 more problems"));
  CHECK(contains(doc.problems.back(), "many-then-deep.rss:31: the XML parser stopped here"));
}

TEST_CASE("Feed documents that are too large, not XML or of no known format are errors naming the file") {
  const std::string big(kMaxFeedBytes + 1, ' ');
  CHECK_THROWS_WITH_AS(read_feed(big, "big.xml"),
                       doctest::Contains("big.xml: XML document of 32.0 MiB is larger than the 32.0 MiB limit"), Error);
  CHECK_THROWS_WITH_AS(read_feed("just text", "t.xml"), doctest::Contains("t.xml: no XML root element"), Error);
  CHECK_THROWS_WITH_AS(read_feed("", "empty.xml"), doctest::Contains("empty.xml: no XML root element"), Error);
  CHECK_THROWS_WITH_AS(read_feed("<html><body><p>x</p></body></html>", "page.xml"),
                       doctest::Contains("page.xml: not a news feed or agency format (root element <html>)"), Error);
  CHECK_THROWS_WITH_AS(read_feed("<feed xmlns=\"http://example.com/x\"/>", "f.atom"),
                       doctest::Contains("not a news feed"), Error);
}

// ---- NewsML-G2

const std::string kG2Message = R"(<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2024-03-05T12:00:00Z</sent><sender>wire.example</sender></header>
  <itemSet>
    <packageItem guid="pkg-1"><groupSet/></packageItem>
    <newsItem guid="urn:newsml:wire.example:2024:pier" version="3" xml:lang="en-US">
      <rightsInfo><copyrightHolder literal="Wire Example Ltd"/></rightsInfo>
      <itemMeta>
        <itemClass qcode="ninat:text"/>
        <provider qcode="nprov:wire"><name>Wire Example</name></provider>
        <firstCreated>2024-03-05T10:15:00+01:00</firstCreated>
        <versionCreated>2024-03-06T08:00:00+01:00</versionCreated>
        <edNote role="notepad"><section xmlns="http://www.w3.org/1999/xhtml"><p>Secret.</p></section></edNote>
      </itemMeta>
      <contentMeta>
        <creator qcode="staff:alee"><name>Ann Lee</name></creator>
        <language tag="en-GB"/>
        <headline role="hld:subHeadline">Boats move south</headline>
        <headline>Pier closed after cracks found</headline>
      </contentMeta>
      <contentSet>
        <inlineXML contenttype="application/xhtml+xml">
          <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Pier closed after cracks found</title></head>
            <body><header><h1>Pier closed after cracks found</h1><p class="byline">By Ann Lee</p></header>
              <section class="main"><h1>Pier closed after cracks found</h1><p>The harbour authority closed the pier.</p>
                <p>Boats dock at the south quay.</p></section></body></html>
        </inlineXML>
        <inlineData contenttype="text/plain" rendition="nonpublic">Contact: editor@wire.example</inlineData>
      </contentSet>
    </newsItem>
    <newsItem guid="photo-1"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
      <contentMeta><headline>Sunset</headline><description>A caption.</description></contentMeta></newsItem>
    <conceptItem guid="c-1"/>
    <planningItem guid="p-1"/>
    <knowledgeItem guid="k-1"/>
    <newsItem guid="N9"> ..... </newsItem>
  </itemSet>
</newsMessage>)";

TEST_CASE("NewsML-G2 reads text items and says why the other items are no articles") {
  const FeedDocument doc = read_feed(kG2Message, "message.xml");
  CHECK(doc.format == FeedFormat::kNewsMlG2);
  REQUIRE(doc.records.size() == 7);
  std::vector<std::string> messages;
  for (const FeedRecord& r : doc.records) messages.push_back(record_message("message.xml", r));
  CHECK(messages[0] == "message.xml:5: packageItem 1: packageItem refers to items; not an article");
  CHECK(messages[2] == "message.xml:31: newsItem 3: picture item (itemClass ninat:picture); not an article");
  CHECK(messages[3] == "message.xml:33: conceptItem 4: conceptItem describes a concept; not an article");
  CHECK(messages[4] == "message.xml:34: planningItem 5: planningItem plans coverage; not an article");
  CHECK(messages[5] == "message.xml:35: knowledgeItem 6: knowledgeItem holds concepts; not an article");
  CHECK(messages[6] == "message.xml:36: newsItem 7: text item without headline or text");

  REQUIRE(doc.records[1].article);
  const FeedArticle& a = *doc.records[1].article;
  CHECK(a.title == "Pier closed after cracks found");
  CHECK(a.title_from == "headline");
  // XHTML: the header and the heading repeating the headline are left out,
  // and so are the edNote and the non-public rendition.
  CHECK(a.body == "The harbour authority closed the pier.\n\nBoats dock at the south quay.");
  CHECK(a.body_from == "inlineXML");
  CHECK(a.date == "2024-03-05T10:15:00+01:00");
  CHECK(a.date_from == "firstCreated");
  CHECK(a.author == "Ann Lee");
  CHECK(a.author_from == "creator");
  CHECK(a.source == "Wire Example");
  CHECK(a.source_from == "provider");
  CHECK(a.id == "urn:newsml:wire.example:2024:pier");
  CHECK(a.lang == "en");
  CHECK(a.lang_from == "language");
}

TEST_CASE("NewsML-G2 reads inline NITF and takes what contentMeta lacks from it") {
  const std::string xml = R"(<ns0:newsItem xmlns:ns0="http://iptc.org/std/nar/2006-10-01/" guid="g-7">
  <ns0:itemMeta><ns0:itemClass qcode="icls:text"/>
    <ns0:versionCreated>2016-01-12 12:35:40</ns0:versionCreated></ns0:itemMeta>
  <ns0:contentMeta/>
  <ns0:contentSet><ns0:inlineXML contenttype="application/nitf+xml">
    <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><head><title>Receivers appoint interim chief</title></head>
      <body><body.head><byline>By<person>Staff Reporter</person><byttl>Desk</byttl></byline></body.head>
        <body.content><p>The receivers appointed a chief.</p></body.content></body></nitf>
  </ns0:inlineXML></ns0:contentSet>
</ns0:newsItem>)";
  const FeedDocument doc = read_feed(xml, "scoop.xml");
  REQUIRE(doc.records.size() == 1);
  const FeedArticle& a = *doc.records[0].article;
  CHECK(a.title == "Receivers appoint interim chief");
  CHECK(a.title_from == "nitf title");
  CHECK(a.body == "The receivers appointed a chief.");
  CHECK(a.author == "Staff Reporter");
  CHECK(a.author_from == "nitf byline");
  CHECK(a.date == "2016-01-12 12:35:40");
  CHECK(utc(a) == "2016-01-12T12:35:40Z");
}

TEST_CASE("NewsML-G2 inlineData: text/plain with paragraph markup, plain copy, and the longest public rendition") {
  SUBCASE("markup in text/plain is read as HTML") {
    const std::string xml =
        "<newsItem guid=\"a\"><contentMeta><headline>H</headline></contentMeta><contentSet>"
        "<inlineData contenttype=\"text/plain\" wordcount=\"0\"><![CDATA[\n<p>\n  (ANSA) - Rome"
        " - First.\n</p><p>Second.</p>]]></inlineData></contentSet></newsItem>";
    const FeedArticle a = *read_feed(xml, "ansa.xml").records.at(0).article;
    CHECK(a.body == "(ANSA) - Rome - First.\n\nSecond.");
    CHECK(a.body_from == "inlineData");
  }
  SUBCASE("plain copy keeps its paragraphs") {
    const std::string xml =
        "<newsItem guid=\"a\"><contentSet>"
        "<inlineData contenttype=\"text/plain\" rendition=\"headline\">Short</inlineData>"
        "<inlineData contenttype=\"text/plain\">"
        "First line\nwraps here.\n\nSecond   one.</inlineData>"
        "<inlineData contenttype=\"text/plain\" rendition=\"dpa:nonpublic\">Contacts: a long"
        " list of telephone numbers that must never be indexed as article text</inlineData>"
        "<inlineData contenttype=\"image/jpeg\">AAAA</inlineData>"
        "</contentSet></newsItem>";
    const FeedArticle a = *read_feed(xml, "plain.xml").records.at(0).article;
    CHECK(a.body == "First line\nwraps here.\n\nSecond one.");
  }
}

// ---- NewsML 1

const std::string kNewsMl1 = R"(<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2">
  <NewsEnvelope><DateAndTime>20240305T120000Z</DateAndTime></NewsEnvelope>
  <NewsItem xml:lang="fr">
    <Identification><NewsIdentifier><ProviderId>wire.example</ProviderId><DateId>20240305</DateId>
      <NewsItemId>TX-1</NewsItemId><RevisionId PreviousRevision="0" Update="N">2</RevisionId>
      <PublicIdentifier>urn:newsml:wire.example:20240305:TX-1:2</PublicIdentifier></NewsIdentifier></Identification>
    <NewsManagement><FirstCreated>20240305T101500+0100</FirstCreated></NewsManagement>
    <NewsComponent>
      <NewsLines><HeadLine><![CDATA[Le port ferme la jetée]]></HeadLine><ByLine>Par Anne Leroy</ByLine></NewsLines>
      <AdministrativeMetadata><Provider><Party FormalName="WIRE"/></Provider></AdministrativeMetadata>
      <DescriptiveMetadata><Language FormalName="FR"/></DescriptiveMetadata>
      <NewsComponent><ContentItem><MediaType FormalName="Text"/><Format FormalName="HTML"/>
        <DataContent><![CDATA[<P>Premier paragraphe.</P>
<P>Second paragraphe.</P>]]></DataContent></ContentItem></NewsComponent>
    </NewsComponent>
  </NewsItem>
  <NewsItem>
    <NewsComponent><NewsLines><HeadLine>Sunset</HeadLine></NewsLines>
      <ContentItem Href="sunset.jpg"><MediaType FormalName="Photo"/></ContentItem></NewsComponent>
  </NewsItem>
  <NewsItem>
    <NewsComponent><NewsLines><HeadLine>Inline NITF</HeadLine></NewsLines>
      <ContentItem><MediaType FormalName="Text"/><DataContent><nitf><body><body.content><p>One.</p><p>Two.</p>
      </body.content></body></nitf></DataContent></ContentItem></NewsComponent>
  </NewsItem>
</NewsML>)";

TEST_CASE("NewsML 1 reads each NewsItem: headline, DataContent in any form, dates, id without revision") {
  const FeedDocument doc = read_feed(kNewsMl1, "afp.xml");
  CHECK(doc.format == FeedFormat::kNewsMl1);
  REQUIRE(doc.records.size() == 3);
  const FeedArticle& a = *doc.records[0].article;
  CHECK(a.title ==
        "Le port ferme la jet\xC3\xA9"
        "e");
  CHECK(a.title_from == "HeadLine");
  CHECK(a.body == "Premier paragraphe.\n\nSecond paragraphe.");
  CHECK(a.body_from == "DataContent");
  CHECK(a.date_from == "FirstCreated");
  CHECK(utc(a) == "2024-03-05T09:15:00Z");
  CHECK(a.author == "Anne Leroy");
  CHECK(a.source == "WIRE");
  CHECK(a.id == "urn:newsml:wire.example:20240305:TX-1");
  CHECK(a.id_from == "PublicIdentifier");
  CHECK(a.lang == "fr");
  CHECK(a.lang_from == "Language");

  CHECK_FALSE(doc.records[1].article);
  CHECK(doc.records[1].skip_reason == "Photo item without text; not an article");
  CHECK(doc.records[1].where == "NewsItem 2");

  const FeedArticle& c = *doc.records[2].article;
  CHECK(c.body == "One.\n\nTwo.");
  CHECK(c.date_from == "DateAndTime");  // nothing closer to the item
}

// ---- RSS

const std::string kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
     xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
  <channel>
    <title><![CDATA[  The Harbour Ledger  ]]></title>
    <link>https://ledger.example/</link>
    <atom:link rel="self" href="https://ledger.example/feed"/>
    <language>en-gb</language>
    <item>
      <title>Pier closed &amp;amp; boats moved</title>
      <link>https://ledger.example/pier</link>
      <guid isPermaLink="false">ledger-4711</guid>
      <pubDate>Tue, 05 Mar 2024 10:15:00 +0100</pubDate>
      <dc:creator>Ann Lee</dc:creator>
      <description>&lt;p&gt;Short summary.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>The harbour authority closed the pier.</p><script>track()</script>
        <p>Boats dock at<br>the south quay.</p><img src="x.jpg">]]></content:encoded>
    </item>
    <item>
      <title>Second</title>
      <feedburner:origLink>https://ledger.example/second</feedburner:origLink>
      <link>https://feeds.example/~r/ledger/second</link>
      <author>desk@ledger.example (News Desk)</author>
      <description><![CDATA[A <b>summary</b> only.]]></description>
      <dc:date>2024-03-04T08:00:00Z</dc:date>
    </item>
    <item><link>https://ledger.example/empty</link></item>
    <item><title>Fourth</title><pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate></item>
  </channel>
</rss>)";

TEST_CASE("RSS: one article per item, full content over the summary, HTML turned into text") {
  const FeedDocument doc = read_feed(kRss, "ledger.rss");
  CHECK(doc.format == FeedFormat::kRss);
  REQUIRE(doc.records.size() == 4);
  const FeedArticle& a = *doc.records[0].article;
  CHECK(a.title == "Pier closed & boats moved");
  CHECK(a.body == "The harbour authority closed the pier.\n\nBoats dock at\nthe south quay.");
  CHECK(a.body_from == "content:encoded");
  CHECK(a.date_from == "pubDate");
  CHECK(utc(a) == "2024-03-05T09:15:00Z");
  CHECK(a.author == "Ann Lee");
  CHECK(a.author_from == "dc:creator");
  CHECK(a.url == "https://ledger.example/pier");
  CHECK(a.url_from == "link");
  CHECK(a.id == "ledger-4711");
  CHECK(a.id_from == "guid");
  CHECK(a.source == "The Harbour Ledger");
  CHECK(a.source_from == "channel title");
  CHECK(a.lang == "en");

  const FeedArticle& b = *doc.records[1].article;
  CHECK(b.body == "A summary only.");
  CHECK(b.body_from == "description");
  CHECK(b.url == "https://ledger.example/second");
  CHECK(b.url_from == "feedburner:origLink");
  CHECK(b.author == "News Desk");
  CHECK(b.date_from == "dc:date");
  CHECK(b.id == "https://feeds.example/~r/ledger/second");
  CHECK(b.id_from == "link");

  CHECK_FALSE(doc.records[2].article);
  CHECK(record_message("ledger.rss", doc.records[2]) == "ledger.rss:28: item 3: no title or text");

  const FeedArticle& d = *doc.records[3].article;
  CHECK(d.date == "Seg, 24 Set 2018 19:42:40 -0300");
  CHECK(utc(d) == "2018-09-24T22:42:40Z");
}

TEST_CASE("RSS items before, in and after the channel are numbered in document order") {
  // A malformed feed recovered by libxml2 can hold items in both places.
  const std::string xml = R"(<rss version="2.0">
<item><title>First</title><description>One.</description></item>
<channel><title>Wire</title>
<item><title>Second</title><description>Two.</description></item>
</channel>
<item><title>Third</title><description>Three.</description></item>
</rss>)";
  const FeedDocument doc = read_feed(xml, "mixed.xml");
  REQUIRE(doc.records.size() == 3);
  CHECK(doc.records[0].article->title == "First");
  CHECK(doc.records[1].article->title == "Second");
  CHECK(doc.records[2].article->title == "Third");
  CHECK(doc.records[0].line == 2);
  CHECK(doc.records[1].line == 4);
  CHECK(doc.records[2].line == 6);
  CHECK(doc.records[2].number == 3);
}

TEST_CASE("RSS 1.0 (RDF): items beside the channel") {
  const std::string xml = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://journal.example/"><title>Journal weekly</title><dc:language>en</dc:language></channel>
  <item rdf:about="https://journal.example/a1"><title><![CDATA[Food for thought]]></title><description></description>
    <dc:creator>Lee, A.</dc:creator><dc:creator>Roe, B.</dc:creator><dc:date>2017-06-15T10:29:47-07:00</dc:date></item>
  <item rdf:about="https://journal.example/a2"><title>Second</title><link>https://journal.example/a2?rss=1</link></item>
</rdf:RDF>)";
  const FeedDocument doc = read_feed(xml, "weekly.rdf");
  REQUIRE(doc.records.size() == 2);
  const FeedArticle& a = *doc.records[0].article;
  CHECK(a.title == "Food for thought");
  CHECK(a.body.empty());
  CHECK(a.author == "Lee, A., Roe, B.");
  CHECK(a.url == "https://journal.example/a1");
  CHECK(a.url_from == "rdf:about");
  CHECK(a.id == "https://journal.example/a1");
  CHECK(a.id_from == "rdf:about");
  CHECK(a.source == "Journal weekly");
  CHECK(a.lang == "en");
  CHECK(a.lang_from == "dc:language");
  CHECK(utc(a) == "2017-06-15T17:29:47Z");
  CHECK(doc.records[1].article->url == "https://journal.example/a2?rss=1");
}

// ---- Atom

TEST_CASE("Atom: content by its type, summary as fallback, alternate link, authors, xml:lang") {
  const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-DE">
  <title type="html">Entwickler &amp;lt;Meldungen&amp;gt;</title>
  <author><name>Redaktion</name></author>
  <entry>
    <title type="text">Server freigegeben</title>
    <id>tag:example.com,2016:1</id>
    <updated>2016-02-01T17:54:50+01:00</updated>
    <published>2016-02-01T17:22:00+01:00</published>
    <link rel="self" href="https://example.com/api/1"/>
    <link rel="alternate" type="text/html" href="https://example.com/1.html"/>
    <summary>Kurz.</summary>
    <content type="html"><![CDATA[<p>Erster Absatz.</p><p>Zweiter Absatz.</p>]]></content>
  </entry>
  <entry xml:lang="en">
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <em>XHTML</em> title</div></title>
    <id>tag:example.com,2016:2</id>
    <updated>2016-02-02T09:00:00Z</updated>
    <link href="https://example.com/2.html"/>
    <author><name>Jo Doe</name></author><author><name>Al Roe</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>One.</p><ul><li>a</li><li>b</li></ul></div></content>
  </entry>
  <entry>
    <title>Text only</title><id>3</id><updated>2016-02-03T00:00:00Z</updated>
    <content src="https://example.com/3.mp4" type="video/mp4"/>
    <summary type="text">Line one
line two</summary>
  </entry>
</feed>)";
  const FeedDocument doc = read_feed(xml, "dev.atom");
  CHECK(doc.format == FeedFormat::kAtom);
  REQUIRE(doc.records.size() == 3);
  const FeedArticle& a = *doc.records[0].article;
  CHECK(a.title == "Server freigegeben");
  CHECK(a.body == "Erster Absatz.\n\nZweiter Absatz.");
  CHECK(a.body_from == "content");
  CHECK(a.date_from == "published");
  CHECK(utc(a) == "2016-02-01T16:22:00Z");
  CHECK(a.url == "https://example.com/1.html");
  CHECK(a.author == "Redaktion");
  CHECK(a.author_from == "feed author");
  CHECK(a.id == "tag:example.com,2016:1");
  CHECK(a.source == "Entwickler <Meldungen>");
  CHECK(a.source_from == "feed title");
  CHECK(a.lang == "de");

  const FeedArticle& b = *doc.records[1].article;
  CHECK(b.title == "An XHTML title");
  CHECK(b.body == "One.\n\na\nb");
  CHECK(b.date_from == "updated");
  CHECK(b.url == "https://example.com/2.html");
  CHECK(b.author == "Jo Doe, Al Roe");
  CHECK(b.lang == "en");

  const FeedArticle& c = *doc.records[2].article;
  CHECK(c.body == "Line one\nline two");
  CHECK(c.body_from == "summary");
}

TEST_CASE("Atom: relative links resolve against xml:base, nested, else the feed's own page") {
  const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.net/journal/">
  <title>Journal</title><id>tag:example.net,2021:feed</id><updated>2021-09-07T10:00:00Z</updated>
  <entry>
    <title>Relative to the feed's base</title><id>tag:example.net,2021:1</id><updated>2021-09-07T10:00:00Z</updated>
    <link rel="alternate" type="text/html" href="posts/storm"/>
    <content>Text one.</content>
  </entry>
  <entry xml:base="/archive/2021/">
    <title>Base within base</title><id>tag:example.net,2021:2</id><updated>2021-09-07T10:00:00Z</updated>
    <link href="flood.html"/>
    <content>Text two.</content>
  </entry>
  <entry>
    <title>Absolute stays</title><id>tag:example.net,2021:3</id><updated>2021-09-07T10:00:00Z</updated>
    <link href="https://other.example/x"/>
    <content>Text three.</content>
  </entry>
</feed>)";
  std::vector<FeedArticle> a = articles_of(read_feed(xml, "journal.atom"));
  REQUIRE(a.size() == 3);
  CHECK(a[0].url == "https://blog.example.net/journal/posts/storm");
  CHECK(a[1].url == "https://blog.example.net/archive/2021/flood.html");
  CHECK(a[2].url == "https://other.example/x");

  // No xml:base: the feed's alternate link is the page the links are on.
  const std::string plain = R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
  <link rel="self" href="https://news.example.org/feeds/all.atom"/>
  <link rel="alternate" href="https://news.example.org/world/"/>
  <entry><title>E</title><id>1</id><updated>2021-09-07T10:00:00Z</updated><link href="/world/e1"/>
  <content>Text.</content></entry></feed>)";
  a = articles_of(read_feed(plain, "all.atom"));
  REQUIRE(a.size() == 1);
  CHECK(a[0].url == "https://news.example.org/world/e1");
  // Nothing to resolve against: the link is kept as written.
  a = articles_of(read_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>E</title>
  <id>1</id><updated>2021-09-07T10:00:00Z</updated><link href="e1.html"/><content>Text.</content></entry></feed>)",
                            "bare.atom"));
  REQUIRE(a.size() == 1);
  CHECK(a[0].url == "e1.html");
}

TEST_CASE("RSS: relative item links resolve against the channel's link; the id follows") {
  const std::string xml = R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Gazette</title><link>https://gazette.example/news/index.html</link>
  <item><title>One</title><link>/news/2021/one</link><description>Body one.</description></item>
  <item><title>Two</title><link>two.html</link><description>Body two.</description></item>
  <item><title>Three</title><link>https://elsewhere.example/3</link><description>Body three.</description></item>
</channel></rss>)";
  std::vector<FeedArticle> a = articles_of(read_feed(xml, "gazette.rss"));
  REQUIRE(a.size() == 3);
  CHECK(a[0].url == "https://gazette.example/news/2021/one");
  CHECK(a[0].id == "https://gazette.example/news/2021/one");
  CHECK(a[0].id_from == "link");
  CHECK(a[1].url == "https://gazette.example/news/two.html");
  CHECK(a[2].url == "https://elsewhere.example/3");
}

// ---- helpers

TEST_CASE("parse_feed_date reads the dates agency formats write") {
  struct Case {
    std::string text;
    std::string expected;  // UTC, or "" for nullopt
  };
  const std::vector<Case> cases = {
      {"20131020T192751+1100", "2013-10-20T08:27:51Z"},
      {"20141126T152703", "2014-11-26T15:27:03Z"},
      {"20151210T191044Z", "2015-12-10T19:10:44Z"},
      {"20020226T000000-0500", "2002-02-26T05:00:00Z"},
      {"20240710", "2024-07-10T00:00:00Z"},
      {"20240710T1259Z", "2024-07-10T12:59:00Z"},
      {"2016-05-12T00:05:13+02:00", "2016-05-11T22:05:13Z"},
      {"2018-10-19T11:17:00.150Z", "2018-10-19T11:17:00Z"},
      {"Wed, 31 Jan 2018 20:15:15 GMT", "2018-01-31T20:15:15Z"},
      {"Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z"},
      {"Qua, 03 Out 2018 08:00:00 -0300", "2018-10-03T11:00:00Z"},
      {"Mi, 14 Okt 2015 10:00:00 +0200", "2015-10-14T08:00:00Z"},
      {"jeu., 05 déc. 2019 09:30:00 +0100", "2019-12-05T08:30:00Z"},
      {"Lun, 5 Sep 2016 10:00:00 GMT", "2016-09-05T10:00:00Z"},
      {"YYYYMMDD000000-HHMM", ""},
      {"20161301T000000", ""},
      {"soon", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const std::optional<std::int64_t> t = parse_feed_date(c.text);
    CHECK((t ? dates::format_datetime(*t) : std::string()) == c.expected);
  }
}

TEST_CASE("Feed text helpers: bylines, plain copy, HTML detection") {
  CHECK(clean_byline("  By BERNARD CONDON ") == "BERNARD CONDON");
  CHECK(clean_byline("Von Annett Gehler, dpa") == "Annett Gehler, dpa");
  CHECK(clean_byline("Byron Smith") == "Byron Smith");
  CHECK(clean_byline("By") == "By");
  CHECK(plain_text("  One\r\n two  three\r\n\r\n\r\nFour\n") == "One\ntwo three\n\nFour");
  CHECK(looks_like_html("<p>x</p>"));
  CHECK(looks_like_html("a<br/>b"));
  CHECK(looks_like_html("see <a href=\"x\">"));
  CHECK_FALSE(looks_like_html("if a<b and c>d"));
  CHECK_FALSE(looks_like_html("<unknown>tag</unknown>"));
  CHECK(html_text("<p>One &amp; two</p><p>Three<br>four</p><style>p{}</style>") == "One & two\n\nThree\nfour");
}

// ---- the shared sample files

struct Expected {
  std::string path;      // below ../shared/corpora/formats
  std::size_t articles;  // as the corpus README states
};

// Every file of the five folders, with the number of articles the README of
// ../shared/corpora/formats gives for it.
const std::vector<Expected> kExpected = {
    {"nitf/superdesk__superdesk-core/aap.xml", 1},
    {"nitf/superdesk__superdesk-core/aap-finance.xml", 1},
    {"nitf/superdesk__superdesk-core/aap-sports.xml", 1},
    {"nitf/superdesk__superdesk-core/ap-nitf.xml", 1},
    {"nitf/superdesk__superdesk-core/ap_media_text_nitf.xml", 1},
    {"nitf/superdesk__superdesk-core/handle_invalid_fields.xml", 1},
    {"nitf/superdesk__superdesk-core/mapping_test.xml", 1},
    {"nitf/superdesk__superdesk-core/nitf-fishing.xml", 1},
    {"nitf/superdesk__superdesk-core/nitf-ntb.xml", 1},
    {"nitf/superdesk__superdesk-core/pa1.xml", 1},
    {"nitf/superdesk__superdesk-core/pa4.xml", 1},
    {"nitf/superdesk__superdesk-core/pa5.xml", 1},
    {"newsml-g2/iptc__newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml", 1},
    {"newsml-g2/iptc__newsml-g2/LISTING_2_NewsML-G2_Text_Document.xml", 1},
    {"newsml-g2/iptc__newsml-g2/LISTING_22_Sports_story_in_NewsML-G2NITF.xml", 1},
    {"newsml-g2/iptc__newsml-g2/LISTING_27_Company_Financial_Information.xml", 1},
    {"newsml-g2/iptc__newsml-g2/LISTING_6_Simple_NewsML-G2_Package.xml", 0},
    {"newsml-g2/iptc__newsml-g2/LISTING_24_News_Message_conveying_a_complete_News_Package.xml", 0},
    {"newsml-g2/iptc__newsml-g2/LISTING_3_Photo_in_NewsML-G2.xml", 0},
    {"newsml-g2/iptc__newsml-g2/LISTING_18_Planning_Item_at_PCL.xml", 0},
    {"newsml-g2/iptc__newsml-g2/LISTING_11_Person_Concept_conveyed_in_a_NewsML-G2_Concept_Item.xml", 0},
    {"newsml-g2/superdesk__superdesk-core/ap.xml", 3},
    {"newsml-g2/superdesk__superdesk-core/dpa.xml", 1},
    {"newsml-g2/superdesk__superdesk-core/ansa-newsmlg2-text.xml", 1},
    {"newsml-g2/superdesk__superdesk-core/scoop.xml", 1},
    {"newsml-g2/superdesk__superdesk-core/stt_newsml_test.xml", 1},
    {"newsml-g2/superdesk__superdesk-core/stt_newsml_no_truncated_text_test.xml", 1},
    {"newsml-g2/superdesk__superdesk-core/tag_reuters.com_2014_newsml_KBN0FL0NN_version_5", 1},
    {"newsml-g2/superdesk__superdesk-core/tag_reuters.com_2014_newsml_KBN0FL0NM_version_10", 0},
    {"newsml-g2/superdesk__superdesk-core/tag_reuters.com_0000_newsml_GM1EA7M13RP01_version_484616934", 0},
    {"newsml-g2/superdesk__superdesk-core/tag_reuters.com_2016_newsml_L1N14N0FF_version_978556838", 1},
    {"newsml-g2/superdesk__superdesk-core/video.xml", 1},
    {"newsml-1/superdesk__superdesk-core/afp.xml", 1},
    {"newsml-1/superdesk__superdesk-core/afp20.xml", 1},
    {"newsml-1/superdesk__superdesk-core/ana1.xml", 1},
    {"rss/rbren__rss-parser/guardian.rss", 55},
    {"rss/rbren__rss-parser/encoding.rss", 40},
    {"rss/rbren__rss-parser/customfields.rss", 15},
    {"rss/rbren__rss-parser/uolNoticias.rss", 15},
    {"rss/rbren__rss-parser/rss-1.rss", 69},
    {"atom/rbren__rss-parser/heise.atom", 15},
    {"atom/rbren__rss-parser/reddit-home.rss", 24},
    {"atom/rbren__rss-parser/feedburner.atom", 25},
};

std::filesystem::path formats_dir() {
  std::filesystem::path dir = std::filesystem::path(NEWSDEX_SHARED_DIR) / "corpora" / "formats";
  REQUIRE_MESSAGE(std::filesystem::exists(dir / "README.md"),
                  "../shared/corpora/formats is missing: this test needs the shared corpora");
  return dir;
}

FeedDocument read_shared(const std::string& path) {
  const std::filesystem::path file = formats_dir() / path;
  REQUIRE_MESSAGE(std::filesystem::exists(file), file.string());
  return read_feed(read_file(file), path);
}

const FeedArticle& first_article(const FeedDocument& doc) {
  for (const FeedRecord& r : doc.records) {
    if (r.article) return *r.article;
  }
  FAIL("no article");
  throw Error("unreachable");
}

TEST_CASE("Feed readers find the articles the formats corpus README states, in every file") {
  const std::filesystem::path dir = formats_dir();
  // Every file of the five folders is in the table (the dpa archive aside: see below).
  std::size_t files = 0;
  for (const char* kind : {"nitf", "newsml-g2", "newsml-1", "rss", "atom"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / kind)) {
      if (!entry.is_regular_file() || entry.path().extension() == ".xz") continue;
      const std::string rel = std::filesystem::relative(entry.path(), dir).generic_string();
      const bool listed =
          std::any_of(kExpected.begin(), kExpected.end(), [&rel](const Expected& e) { return e.path == rel; });
      CHECK_MESSAGE(listed, rel << " is not in the table of this test");
      ++files;
    }
  }
  CHECK(files == kExpected.size());
  for (const Expected& e : kExpected) {
    CAPTURE(e.path);
    const std::string bytes = read_file(dir / e.path);
    const FeedDocument doc = read_feed(bytes, e.path);
    CHECK(articles_of(doc).size() == e.articles);
    CHECK(doc.complete);
    CHECK(doc.problems.empty());
    // Sniffing from the first 4 KiB agrees with the reader.
    CHECK(sniff_feed_format(std::string_view(bytes).substr(0, 4096), e.path) == doc.format);
    for (const FeedArticle& a : articles_of(doc)) {
      CHECK_FALSE(a.title.empty());
      CHECK_FALSE(contains(a.body, "\r"));
      CHECK_FALSE(contains(a.title + a.body, "\xC3\x83"));  // "Ã": UTF-8 read as Latin-1
    }
  }
}

TEST_CASE("Feed readers: titles, dates and URLs of the shared sample files") {
  SUBCASE("NITF") {
    const FeedArticle aap = first_article(read_shared("nitf/superdesk__superdesk-core/aap.xml"));
    CHECK(aap.title == "The main stories on today's 1900 ABC TV news");
    CHECK(utc(aap) == "2013-10-20T08:27:51Z");
    // The placeholder "YYYYMMDD000000-HHMM" is not the date.
    const FeedArticle cp = first_article(read_shared("nitf/superdesk__superdesk-core/handle_invalid_fields.xml"));
    CHECK(utc(cp) == "2020-07-03T20:51:36Z");
    CHECK(cp.date_from == "date.issue");
    // Declared ISO-8859-1, UTF-8 bytes: no mojibake; ISO 8601 extended date.
    const FeedArticle ritzau = first_article(read_shared("nitf/superdesk__superdesk-core/mapping_test.xml"));
    CHECK(contains(ritzau.body,
                   "K\xC3\xB8"
                   "benhavn"));
    CHECK(utc(ritzau) == "2016-05-11T22:05:13Z");
    // Real Latin-1 "£" and &#163; side by side.
    const FeedArticle pa5 = first_article(read_shared("nitf/superdesk__superdesk-core/pa5.xml"));
    CHECK(pa5.title ==
          "HARD BREXIT TO COST UK UP TO \xC2\xA3"
          "66BN A YEAR, SAYS TREASURY");
    const FeedArticle pa4 = first_article(read_shared("nitf/superdesk__superdesk-core/pa4.xml"));
    CHECK(contains(pa4.body, "\xC2\xA3"));
    // Numeric character references only.
    const FeedArticle ntb = first_article(read_shared("nitf/superdesk__superdesk-core/nitf-ntb.xml"));
    CHECK(contains(ntb.body, "\xC3\xA5"));  // "å"
    // The external DTD is not fetched; the editors' note and the caption are no story text.
    const FeedArticle fishing = first_article(read_shared("nitf/superdesk__superdesk-core/nitf-fishing.xml"));
    CHECK(fishing.title == "Weather and Tide Updates for Norfolk");
    CHECK_FALSE(contains(fishing.body, "from scratch"));
    CHECK_FALSE(contains(fishing.body, "captured on film"));
    CHECK(contains(fishing.body, "Happy fishing everybody!"));
    const FeedArticle ap = first_article(read_shared("nitf/superdesk__superdesk-core/ap-nitf.xml"));
    CHECK(ap.author == "BERNARD CONDON");
  }
  SUBCASE("NewsML-G2") {
    const std::vector<FeedArticle> ap = articles_of(read_shared("newsml-g2/superdesk__superdesk-core/ap.xml"));
    REQUIRE(ap.size() == 3);
    CHECK(ap[0].title == "Nutrisystem beats 4Q earnings and revenue expectations");
    CHECK(utc(ap[0]) == "2018-02-26T21:20:36Z");
    const FeedArticle dpa = first_article(read_shared("newsml-g2/superdesk__superdesk-core/dpa.xml"));
    CHECK(dpa.title == "Eintracht in London: Hintereggers Tr\xC3\xA4nen und Attacke auf Reporter");
    CHECK_FALSE(contains(dpa.body, "Notizblock"));
    CHECK_FALSE(contains(dpa.body,
                         "nicht zur Ver\xC3\xB6"
                         "ffentlichung"));
    CHECK(dpa.body.rfind("London (dpa) - ", 0) == 0);
    const FeedArticle ansa = first_article(read_shared("newsml-g2/superdesk__superdesk-core/ansa-newsmlg2-text.xml"));
    CHECK(ansa.body.rfind("(ANSA) - Rome, October 11 - Italian Foreign Minister", 0) == 0);
    CHECK_FALSE(contains(ansa.body, "<p>"));
    const FeedArticle scoop = first_article(read_shared("newsml-g2/superdesk__superdesk-core/scoop.xml"));
    CHECK(utc(scoop) == "2016-01-12T12:35:40Z");
    const FeedArticle reuters = first_article(
        read_shared("newsml-g2/superdesk__superdesk-core/tag_reuters.com_2016_newsml_L1N14N0FF_version_978556838"));
    CHECK(reuters.title == "CORRECTED-S. Illinois battles flooding as Mississippi River builds downstream");
    const FeedArticle video = first_article(read_shared("newsml-g2/superdesk__superdesk-core/video.xml"));
    CHECK(video.title == "Cardinals arrive for pre-conclave meeting");
  }
  SUBCASE("NewsML 1") {
    const FeedArticle afp20 = first_article(read_shared("newsml-1/superdesk__superdesk-core/afp20.xml"));
    CHECK(afp20.title ==
          "D\xC3\xA9"
          "c\xC3\xA8"
          "s de Naomi Musenga: l'op\xC3\xA9"
          "ratrice du Samu d\xC3\xA9"
          "finitivement condamn\xC3\xA9"
          "e");
    CHECK(utc(afp20) == "2024-07-10T12:59:02Z");
    const FeedArticle ana = first_article(read_shared("newsml-1/superdesk__superdesk-core/ana1.xml"));
    CHECK(ana.title == "Wage employment balance positive in Jan-March");
    CHECK_FALSE(contains(ana.body, "<P>"));
  }
  SUBCASE("RSS") {
    const FeedArticle guardian = first_article(read_shared("rss/rbren__rss-parser/guardian.rss"));
    CHECK(guardian.title == "Trump State of the Union address promised unity but emphasized discord");
    CHECK(guardian.url ==
          "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord");
    CHECK(utc(guardian) == "2018-01-31T07:26:05Z");
    CHECK(guardian.source == "The Guardian");
    const FeedArticle uol = first_article(read_shared("rss/rbren__rss-parser/uolNoticias.rss"));
    CHECK(utc(uol) == "2018-09-24T22:42:40Z");
    CHECK(contains(uol.title,
                   "simula\xC3\xA7\xC3\xB5"
                   "es"));
    const FeedArticle jn = first_article(read_shared("rss/rbren__rss-parser/encoding.rss"));
    CHECK(jn.source ==
          "Jornal de Not\xC3\xAD"
          "cias - \xC3\x9Altimas Not\xC3\xAD"
          "cias");
    const FeedArticle science = first_article(read_shared("rss/rbren__rss-parser/rss-1.rss"));
    CHECK(science.title == "Food for fungi");
    CHECK(science.author == "Hines, P. J.");
  }
  SUBCASE("Atom") {
    const FeedArticle heise = first_article(read_shared("atom/rbren__rss-parser/heise.atom"));
    CHECK(heise.title == "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei");
    CHECK(heise.url ==
          "http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html"
          "?wt_mc=rss.developer.beitrag.atom");
    CHECK(utc(heise) == "2016-02-01T16:22:00Z");
    const FeedDocument reddit = read_shared("atom/rbren__rss-parser/reddit-home.rss");
    CHECK(reddit.format == FeedFormat::kAtom);
  }
}

// The dpa sample is a tar archive of 100 NewsML-G2 files; reading archives is
// not the feed readers' job, so the test unpacks it with tar(1) first.
TEST_CASE("Feed readers: the 100 items of the dpa NewsML-G2 archive, without the editorial notepad") {
  const std::filesystem::path archive =
      formats_dir() / "newsml-g2" / "dpa-newslab__newsmlg2-testdata" / "20170629-dpa-sample.tar.xz";
  REQUIRE(std::filesystem::exists(archive));
  index::testing::TempDir dir;
  const std::string command = "tar -xf '" + archive.string() + "' -C '" + dir.path().string() + "'";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
  std::size_t files = 0;
  std::size_t articles = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const FeedDocument doc = read_feed(read_file(entry.path()), entry.path().filename().string());
    CAPTURE(entry.path().filename().string());
    CHECK(doc.problems.empty());
    for (const FeedArticle& a : articles_of(doc)) {
      ++articles;
      CHECK(a.lang == "de");
      CHECK(a.published_unix_s.has_value());
      CHECK_FALSE(contains(a.body,
                           "Die folgenden Informationen sind nicht zur Ver\xC3\xB6"
                           "ffentlichung bestimmt"));
      CHECK_FALSE(contains(a.body, "Notizblock"));
    }
  }
  CHECK(files == 100);
  CHECK(articles == 100);
}

}  // namespace
}  // namespace newsdex::readers
