// The facts of common/schema.h that code on both sides relies on: the
// spelling-word rule, the facet table and its lookup, the term limits.
#include "common/schema.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace newsdex::schema {
namespace {

TEST_CASE("is_spelling_word: unprefixed words of letters, 3 to 30 bytes") {
  CHECK(is_spelling_word("ferry"));
  CHECK(is_spelling_word("abc"));                       // kMinSpellingBytes
  CHECK(is_spelling_word(std::string(30, 'a')));        // kMaxSpellingBytes
  CHECK(is_spelling_word("caf\xc3\xa9"));               // "café": bytes of other scripts count as letters
  CHECK(is_spelling_word("\xd0\xbc\xd0\xb8\xd1\x80"));  // "мир"
  CHECK_FALSE(is_spelling_word(""));
  CHECK_FALSE(is_spelling_word("ab"));                  // too short to correct
  CHECK_FALSE(is_spelling_word(std::string(31, 'a')));  // junk
  CHECK_FALSE(is_spelling_word("Zferri"));              // a stem term (prefix Z)
  CHECK_FALSE(is_spelling_word("XSRCbbc"));             // any prefixed term
  CHECK_FALSE(is_spelling_word("Qabc"));
  CHECK_FALSE(is_spelling_word("2016"));  // numbers are not spelt
  CHECK_FALSE(is_spelling_word("covid19"));
  CHECK_FALSE(is_spelling_word("john kerry"));  // entity values hold spaces
  CHECK_FALSE(is_spelling_word("o'neil"));
}

TEST_CASE("is_spelling_word counts bytes, not characters") {
  CHECK(is_spelling_word("\xc3\xa9t"));       // "ét": two characters, three bytes
  CHECK_FALSE(is_spelling_word("\xc3\xa9"));  // "é": two bytes
}

TEST_CASE("facet_named finds every facet by its name and nothing else") {
  std::set<std::string_view> names;
  for (const FacetSpec& f : kFacetSpecs) {
    CAPTURE(f.name);
    REQUIRE(facet_named(f.name).has_value());
    CHECK(*facet_named(f.name) == f.kind);
    CHECK(facet(f.kind).name == f.name);
    names.insert(f.name);
  }
  CHECK(names == (std::set<std::string_view>{"speaker", "country", "person", "org", "source"}));
  CHECK_FALSE(facet_named("").has_value());
  CHECK_FALSE(facet_named("day").has_value());  // a facet-columns group, not a facet
  CHECK_FALSE(facet_named("Speaker").has_value());
  CHECK_FALSE(facet_named("speakers").has_value());
  static_assert(facet_named("org") == FacetKind::kOrg);
}

TEST_CASE("the facet table names each facet's slots, which no two facets share") {
  static_assert(kFacetRanks == 3);
  static_assert(kSlotPerson0 == 10 && kSlotSpeaker0 == 13 && kSlotCountry0 == 16 && kSlotOrg0 == 19 && kSlotOrg2 == 21);
  std::set<Xapian::valueno> slots;
  for (const FacetSpec& f : kFacetSpecs) {
    CAPTURE(f.name);
    CHECK(f.ranks == (f.kind == FacetKind::kSource ? 1 : kFacetRanks));
    for (int r = 0; r < f.ranks; ++r) CHECK(slots.insert(f.first_slot + static_cast<Xapian::valueno>(r)).second);
  }
  CHECK(slots.size() == 13);
  CHECK(slots.contains(kSlotSource));
  CHECK(facet(FacetKind::kCountry).first_slot == kSlotCountry0);
}

TEST_CASE("the term limits: Xapian's, the id's and the analyzer's") {
  CHECK(kMaxXapianTermBytes == 245);  // glass's limit, prefix included
  CHECK(kMaxIdBytes + kPrefixId.size() == kMaxXapianTermBytes);
  CHECK(kMaxTermBytes + kPrefixTitleStem.size() <= kMaxXapianTermBytes);
}

}  // namespace
}  // namespace newsdex::schema
