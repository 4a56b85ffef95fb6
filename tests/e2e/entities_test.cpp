// End-to-end for entity facets and filters on the sample corpus: the real
// binaries, a real database. The worked example is sample_corpus article
// bt-2016-0001 (Kerry in Bogotá; Lavrov only mentioned; Al-Meslet quoted).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"
#include "tests/e2e/tcp_server.h"

using newsdex::test::find_type;
using newsdex::test::hit_ids;
using newsdex::test::parse_json_lines;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::sample_database;
using newsdex::test::search_json;
using newsdex::test::TcpServer;
using newsdex::test::TempDir;

namespace {

const std::string kSample = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus";

}  // namespace

TEST_CASE("Worked example: --dry-run --json finds speakers Kerry and Al-Meslet, not Lavrov, and SY RU US CO") {
  ProcessResult r = run_process({NEWSDEX_INDEX_BIN, "--dry-run", "--json", kSample + "/articles.jsonl"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  bool seen = false;
  std::vector<nlohmann::json> lines = parse_json_lines(r.out);
  for (nlohmann::json& a : lines) {
    if (a["id"] != "bt-2016-0001") continue;
    seen = true;
    std::set<std::string> speakers(a["speakers"].begin(), a["speakers"].end());
    CHECK(speakers.contains("John Kerry"));
    CHECK(speakers.contains("Salem Al-Meslet"));
    CHECK_FALSE(speakers.contains("Sergey Lavrov"));
    std::set<std::string> codes;
    for (const auto& c : a["countries"]) codes.insert(c["code"].get<std::string>());
    for (const char* code : {"SY", "RU", "US", "CO"}) {
      CAPTURE(code);
      CHECK(codes.contains(code));
    }
    bool lavrov_person = false;
    for (const auto& p : a["persons"]) lavrov_person = lavrov_person || p["name"] == "Sergey Lavrov";
    CHECK(lavrov_person);
  }
  CHECK(seen);
}

TEST_CASE("--facets speaker,country counts exactly and carries country codes") {
  auto lines = search_json(sample_database(), {"--facets", "speaker,country", "Kerry", "Lavrov", "Munich"});
  const nlohmann::json* facets = nullptr;
  for (const auto& l : lines) {
    if (l["type"] == "facets") facets = &l;
  }
  REQUIRE(facets != nullptr);
  CHECK((*facets)["exact"] == true);
  bool kerry = false, syria = false;
  for (const auto& v : (*facets)["facets"]["speaker"]["values"]) kerry = kerry || v["value"] == "John Kerry";
  for (const auto& v : (*facets)["facets"]["country"]["values"])
    syria = syria || (v["code"] == "SY" && v["value"] == "Syria");
  CHECK(kerry);
  CHECK(syria);
  // Hits carry their entities.
  const auto& hit = lines.front();
  REQUIRE(hit["type"] == "hit");
  CHECK(hit["speakers"].is_array());
  CHECK(hit["countries"][0].contains("code"));
  CHECK(hit["quotes"].is_array());
}

TEST_CASE("A surname filter matches the full name; full names and the option form agree") {
  auto surname = hit_ids(search_json(sample_database(), {"speaker:kerry"}));
  auto full = hit_ids(search_json(sample_database(), {"speaker:\"John Kerry\""}));
  auto option = hit_ids(search_json(sample_database(), {"--speaker", "Kerry"}));
  CHECK_FALSE(surname.empty());
  CHECK(surname == full);
  CHECK(surname == option);
  CHECK(hit_ids(search_json(sample_database(), {"speaker:KERRY"})) == surname);  // case folded like text
}

TEST_CASE("Country filters accept a name, a code and a demonym alike") {
  auto name = hit_ids(search_json(sample_database(), {"country:russia"}));
  CHECK_FALSE(name.empty());
  CHECK(hit_ids(search_json(sample_database(), {"country:RU"})) == name);
  CHECK(hit_ids(search_json(sample_database(), {"country:russian"})) == name);
  ProcessResult bad = run_process({NEWSDEX_SEARCH_BIN, "--db", sample_database(), "country:Narnia"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("unknown country") != std::string::npos);
}

TEST_CASE("Filters on one field mean OR, on different fields AND") {
  auto kerry = hit_ids(search_json(sample_database(), {"speaker:kerry"}));
  auto lavrov = hit_ids(search_json(sample_database(), {"speaker:lavrov"}));
  auto either = hit_ids(search_json(sample_database(), {"speaker:kerry", "speaker:lavrov"}));
  std::set<std::string> united = kerry;
  united.insert(lavrov.begin(), lavrov.end());
  CHECK(either == united);
  auto both_fields = hit_ids(search_json(sample_database(), {"speaker:kerry", "country:CO"}));
  for (const auto& id : both_fields) CHECK(kerry.contains(id));
  CHECK(both_fields.contains("bt-2016-0001"));
  CHECK(both_fields.size() < kerry.size());
}

TEST_CASE("Over a remote shard (stock xapian-tcpsrv) hits, facets and timeline equal the local search") {
  const std::string& db = sample_database();
  const TcpServer server(db);
  TempDir dir;
  const std::string stub = dir.path() + "/remote.stub";
  std::ofstream(stub) << "remote " << server.address() << "\n";

  const std::vector<std::string> args = {"--facets", "speaker,country,person,org,source", "--timeline=year", "Syria"};
  std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", stub, "--json", "--limit", "100"};
  argv.insert(argv.end(), args.begin(), args.end());
  const ProcessResult remote = run_process(argv);
  INFO(remote.err);
  REQUIRE(remote.status == 0);
  std::vector<nlohmann::json> over_tcp = newsdex::test::parse_json_lines(remote.out);
  std::vector<nlohmann::json> local = search_json(db, args);
  CHECK(hit_ids(over_tcp) == hit_ids(local));
  REQUIRE(find_type(over_tcp, "facets") != nullptr);
  REQUIRE(find_type(local, "facets") != nullptr);
  CHECK((*find_type(over_tcp, "facets"))["facets"] == (*find_type(local, "facets"))["facets"]);
  CHECK((*find_type(local, "facets"))["facets"]["speaker"]["values"].size() > 0);
  REQUIRE(find_type(over_tcp, "timeline") != nullptr);
  CHECK((*find_type(local, "timeline"))["buckets"].size() > 0);
  CHECK((*find_type(over_tcp, "timeline"))["buckets"] == (*find_type(local, "timeline"))["buckets"]);
}
