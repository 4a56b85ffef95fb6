// Multi-machine search end to end (docs/deployment.md): sample_corpus/ and
// the first 1,000 Reuters-21578 articles (../shared, read at run time) are
// indexed into one database and, with newsdex-index --route K/3, into three
// shards, each served by a real stock xapian-tcpsrv on a loopback port and
// listed in a cluster file. Pinned here:
// - a fixed set of searches (facets, timeline, --sort, date filters, --all,
//   --count-by story, --timeline-top, filters) gives the same hits, facets,
//   timeline and counts through the cluster file as through the one
//   database (--json), as do --limit all export, --show and --quotes;
// - --route splits the articles exactly: the shards are disjoint and
//   together hold every article;
// - spelling: over remote shards a note says suggestions are unavailable;
//   over a cluster file of local shards they are the one database's;
// - a killed shard (SIGKILL) gives an error naming it; --allow-partial gives
//   the other shards' results and a warning naming it; a stopped shard
//   (SIGSTOP) gives the error within the cluster file's timeout; a shard
//   killed after the cluster was opened is named by Cluster::probe.
//
// Servers are TcpServer objects (tests/e2e/tcp_server.h): killed and reaped
// by their destructors however a test ends, ready when a Xapian remote open
// of their port succeeds and sees their database, never after a delay.
#include <signal.h>
#include <cstdio>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/cluster.h"
#include "common/schema.h"
#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"
#include "tests/e2e/tcp_server.h"

using newsdex::test::parse_json_lines;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::Slice;
using newsdex::test::TcpServer;
using newsdex::test::TempDir;
using newsdex::test::write_reuters_slice;

namespace {

namespace fs = std::filesystem;

const std::string kSample = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus";
constexpr unsigned kShards = 3;

std::vector<std::string> index_command(const std::string& db, const Slice& slice) {
  return {NEWSDEX_INDEX_BIN, "--db", db, kSample, slice.path};
}

// One database and kShards --route shards of the same articles, built once.
struct Corpus {
  TempDir dir;
  std::string one;
  std::vector<std::string> shards;
  std::vector<std::string> routed_summaries;

  Corpus() {
    Slice slice = write_reuters_slice(dir.path(), 1000);
    one = dir.path() + "/one";
    ProcessResult r = run_process(index_command(one, slice));
    INFO(r.err);
    REQUIRE(r.status == 0);
    for (unsigned k = 0; k < kShards; ++k) {
      shards.push_back(dir.path() + "/shard" + std::to_string(k));
      std::vector<std::string> argv = index_command(shards.back(), slice);
      argv.insert(argv.begin() + 1, {"--route", std::to_string(k) + "/" + std::to_string(kShards)});
      ProcessResult routed = run_process(argv);
      INFO(routed.err);
      REQUIRE(routed.status == 0);
      routed_summaries.push_back(routed.err);
    }
  }
};

const Corpus& corpus() {
  static Corpus c;
  return c;
}

// Three servers, one per shard, and a cluster file listing them.
struct RunningCluster {
  std::vector<std::unique_ptr<TcpServer>> servers;
  TempDir dir;
  std::string stub;

  explicit RunningCluster(const std::string& settings = "# newsdex: timeout=120") {
    for (const std::string& shard : corpus().shards) servers.push_back(std::make_unique<TcpServer>(shard));
    stub = write_stub("cluster.stub", settings, all());
  }
  std::vector<std::size_t> all() const {
    std::vector<std::size_t> v;
    for (std::size_t i = 0; i < servers.size(); ++i) v.push_back(i);
    return v;
  }
  // A cluster file listing the servers `which`.
  std::string write_stub(const std::string& name, const std::string& settings,
                         const std::vector<std::size_t>& which) const {
    std::string path = dir.path() + "/" + name;
    std::ofstream out(path);
    out << "# a newsdex cluster: one xapian-tcpsrv per shard\n" << settings << "\n";
    for (std::size_t i : which) out << "remote " << servers[i]->address() << "\n";
    return path;
  }
};

ProcessResult search(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db, "--json", "--limit", "2000"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

// A search's JSON Lines made comparable across databases whose document ids
// differ: no elapsed time, no rank, and hits of exactly equal order keys
// (score, and date when sorting by date) sorted by id, since Xapian orders
// those by document id, which a cluster numbers differently (documented in
// docs/deployment.md). Scores are compared to 12 significant digits: Xapian's
// remote protocol carries a weight's parts as serialised doubles, and the sum
// made on the client can differ from the local one in the last bit
// (31.924851427352404 against 31.9248514273524 on this corpus). Everything
// else must be equal.
struct Canonical {
  std::vector<nlohmann::json> hits;
  nlohmann::json facets;
  nlohmann::json timeline;
  nlohmann::json summary;
};

Canonical canonical(const std::string& out) {
  Canonical c;
  for (nlohmann::json line : parse_json_lines(out)) {
    const std::string type = line["type"];
    if (type == "hit") {
      line.erase("rank");
      char score[32];
      std::snprintf(score, sizeof score, "%.12g", line["score"].get<double>());
      line["score"] = score;
      c.hits.push_back(line);
    } else if (type == "facets") {
      c.facets = line;
    } else if (type == "timeline") {
      c.timeline = line;
    } else if (type == "summary") {
      line.erase("elapsed_ms");
      c.summary = line;
    }
  }
  // Relevance orders by score alone; --sort newest|oldest by date, then score.
  const bool by_date = c.summary.contains("sort") && c.summary["sort"] != "relevance";
  auto key = [&](const nlohmann::json& h) {
    return std::make_pair(h["score"].dump(), by_date ? h["date"].dump() : std::string());
  };
  for (auto run = c.hits.begin(); run != c.hits.end();) {
    auto end = std::find_if(run, c.hits.end(), [&](const nlohmann::json& h) { return key(h) != key(*run); });
    std::sort(run, end, [](const nlohmann::json& a, const nlohmann::json& b) { return a["id"] < b["id"]; });
    run = end;
  }
  return c;
}

}  // namespace

TEST_CASE("--route K/3 splits the articles: disjoint shards that together hold every article") {
  const Corpus& c = corpus();
  std::set<std::string> together;
  std::size_t total = 0;
  for (unsigned k = 0; k < kShards; ++k) {
    const std::set<std::string> ids = newsdex::test::ids_in(Xapian::Database(c.shards[k]));
    CHECK(!ids.empty());
    total += ids.size();
    together.insert(ids.begin(), ids.end());
    CHECK(c.routed_summaries[k].find("routed to other shards (this is shard " + std::to_string(k) + " of 3)") !=
          std::string::npos);
  }
  CHECK(total == together.size());
  CHECK(together == newsdex::test::ids_in(Xapian::Database(c.one)));
}

// Article id -> its near-duplicate cluster id (value slot kSlotCluster).
std::map<std::string, std::string> clusters_of(const std::string& path) {
  Xapian::Database db(path);
  std::map<std::string, std::string> out;
  const std::string prefix(newsdex::schema::kPrefixId);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    Xapian::PostingIterator doc = db.postlist_begin(*it);
    out[(*it).substr(prefix.size())] = db.get_document(*doc).get_value(newsdex::schema::kSlotCluster);
  }
  return out;
}

TEST_CASE("--route: every article has the cluster one database gives it, and clusters span shards") {
  const Corpus& c = corpus();
  const std::map<std::string, std::string> one = clusters_of(c.one);
  std::map<std::string, std::set<unsigned>> shards_of_cluster;
  std::size_t compared = 0;
  for (unsigned k = 0; k < kShards; ++k) {
    for (const auto& entry : clusters_of(c.shards[k])) {  // not a structured binding: INFO captures it
      const std::string& id = entry.first;
      const std::string& cluster = entry.second;
      INFO(id);
      REQUIRE(one.contains(id));
      CHECK(cluster == one.at(id));
      shards_of_cluster[cluster].insert(k);
      ++compared;
    }
  }
  CHECK(compared == one.size());
  const auto spanning = std::count_if(shards_of_cluster.begin(), shards_of_cluster.end(),
                                      [](const auto& entry) { return entry.second.size() > 1; });
  CHECK(spanning >= 3);  // wire copies that landed on different machines
}

TEST_CASE("--route rejects K >= N, a missing N and non-numbers with status 2, writing nothing") {
  TempDir dir;
  for (const char* bad : {"3/3", "1", "a/3", "1/0", "2/x"}) {
    ProcessResult r = run_process({NEWSDEX_INDEX_BIN, "--db", dir.path() + "/db", "--route", bad, kSample});
    INFO(bad << ": " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find("--route") != std::string::npos);
    CHECK(!fs::exists(dir.path() + "/db"));
  }
}

TEST_CASE("Through a cluster file of three xapian-tcpsrv shards, searches equal one local database") {
  RunningCluster cluster;
  const std::vector<std::vector<std::string>> queries = {
      {"--facets", "speaker,country,person,org,source", "--timeline=year", "oil"},
      {"--sort", "newest", "--facets", "source", "--timeline=month", "prices"},
      {"--sort", "oldest", "--facets", "country,org", "trade"},
      {"--since", "1987-03-01", "--until", "1987-03-31", "--facets", "country", "bank"},
      {"--all", "--facets", "org", "--timeline=day", "dollar"},
      {"--count-by", "story", "--facets", "source,country", "--timeline=month", "wheat"},
      {"--timeline-top", "--timeline=year", "Syria"},
      {"--speaker", "John Kerry", "--facets", "country"},
      {"--facets", "source", "\"crude oil\""},
      {"--offset", "3", "opec", "saudi", "kuwait"},
  };
  for (const auto& args : queries) {
    std::string shown;
    for (const std::string& a : args) shown += a + " ";
    INFO("newsdex-search " << shown);
    ProcessResult local = search(corpus().one, args);
    ProcessResult remote = search(cluster.stub, args);
    INFO(local.err << remote.err);
    REQUIRE(local.status == 0);
    REQUIRE(remote.status == 0);
    CHECK(remote.err.empty());
    const Canonical a = canonical(local.out);
    const Canonical b = canonical(remote.out);
    CHECK(!a.hits.empty());
    CHECK(a.hits == b.hits);
    CHECK(a.facets == b.facets);
    CHECK(a.timeline == b.timeline);
    CHECK(a.summary == b.summary);
  }
}

TEST_CASE("Through the cluster, --limit all export, --show and --quotes equal one local database") {
  RunningCluster cluster;
  for (const char* sort : {"relevance", "newest"}) {
    auto rows = [&](const std::string& db) {
      ProcessResult r = run_process({NEWSDEX_SEARCH_BIN, "--db", db, "--format", "csv", "--limit", "all", "--sort",
                                     sort, "--fields", "id,date,source,title,similar_count", "oil"});
      INFO(r.err);
      REQUIRE(r.status == 0);
      std::vector<std::string> lines;
      std::istringstream in(r.out);
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      std::sort(lines.begin(), lines.end());  // equal keys may come in another order (docid)
      return lines;
    };
    const std::vector<std::string> local = rows(corpus().one);
    CHECK(local.size() > 10);
    CHECK(rows(cluster.stub) == local);
  }
  // The quote export reads the candidates page by page from the shards (no
  // spy runs there), the same quotes as one database's.
  auto quote_rows = [&](const std::string& db) {
    ProcessResult r = run_process({NEWSDEX_SEARCH_BIN, "--db", db, "--quotes", "--format", "csv", "--limit", "all",
                                   "--fields", "id,quote_index,speaker,text", "said"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::vector<std::string> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  const std::vector<std::string> local_quotes = quote_rows(corpus().one);
  CHECK(local_quotes.size() > 10);
  CHECK(quote_rows(cluster.stub) == local_quotes);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--show", "--json", "bt-2016-0001", "reuters21578-900"},
        std::vector<std::string>{"--quotes", "--json", "said"}}) {
    auto run = [&](const std::string& db) {
      std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db};
      argv.insert(argv.end(), args.begin(), args.end());
      ProcessResult r = run_process(argv);
      INFO(r.err);
      REQUIRE(r.status == 0);
      std::vector<nlohmann::json> lines = parse_json_lines(r.out);
      for (nlohmann::json& l : lines) l.erase("elapsed_ms");
      return lines;
    };
    const std::vector<nlohmann::json> local = run(corpus().one);
    CHECK(!local.empty());
    CHECK(run(cluster.stub) == local);
  }
}

TEST_CASE("Spelling: over remote shards a note says why there is no suggestion; over local shards it is the same") {
  const std::vector<std::string> args = {"petrolium"};
  ProcessResult local = search(corpus().one, args);
  REQUIRE(local.status == 1);
  const std::vector<nlohmann::json> lines = parse_json_lines(local.out);
  const nlohmann::json* summary = newsdex::test::find_type(lines, "summary");
  REQUIRE(summary != nullptr);
  REQUIRE((*summary)["did_you_mean"] == "petroleum");

  RunningCluster cluster;
  ProcessResult remote = search(cluster.stub, args);
  INFO(remote.err);
  CHECK(remote.status == 1);
  CHECK(remote.err.find("no spelling suggestions for \"petrolium\"") != std::string::npos);
  CHECK(remote.err.find("remote") != std::string::npos);
  CHECK(canonical(remote.out).summary["corrections"].empty());

  TempDir dir;
  const std::string local_stub = dir.path() + "/local.stub";
  {
    std::ofstream out(local_stub);
    for (const std::string& shard : corpus().shards) out << "auto " << shard << "\n";
  }
  ProcessResult shards = search(local_stub, args);
  INFO(shards.err);
  CHECK(shards.err.empty());
  CHECK(canonical(shards.out).summary == canonical(local.out).summary);
}

TEST_CASE("A killed shard: an error naming it; --allow-partial: the others' results and a warning naming it") {
  RunningCluster cluster;
  const std::string dead = cluster.servers[1]->address();
  cluster.servers[1]->kill();
  const std::vector<std::string> args = {"--facets", "source", "oil"};

  ProcessResult strict = search(cluster.stub, args);
  INFO(strict.err);
  CHECK(strict.status == 2);
  CHECK(strict.err.find("shard " + dead) != std::string::npos);
  CHECK(strict.err.find("--allow-partial") != std::string::npos);
  CHECK(strict.out.empty());

  std::vector<std::string> partial_args = args;
  partial_args.insert(partial_args.begin(), "--allow-partial");
  ProcessResult partial = search(cluster.stub, partial_args);
  INFO(partial.err);
  CHECK(partial.status == 0);
  CHECK(partial.err.find("warning: shard " + dead) != std::string::npos);
  CHECK(partial.err.find("2 of 3 shards") != std::string::npos);
  // Exactly what a cluster of the two live shards gives.
  ProcessResult two = search(cluster.write_stub("two.stub", "", {0, 2}), args);
  REQUIRE(two.status == 0);
  const Canonical a = canonical(partial.out);
  const Canonical b = canonical(two.out);
  CHECK(!a.hits.empty());
  CHECK(a.hits == b.hits);
  CHECK(a.facets == b.facets);
}

TEST_CASE("A killed shard in a quote search: an error naming it; --allow-partial: the quotes of the others") {
  RunningCluster cluster;
  const std::string dead = cluster.servers[1]->address();
  cluster.servers[1]->kill();
  const std::string two_stub = cluster.write_stub("two.stub", "", {0, 2});
  const std::vector<std::string> page = {"--quotes", "--json", "said"};
  const std::vector<std::string> all = {
      "--quotes", "--format", "csv", "--limit", "all", "--fields", "id,quote_index,speaker,text", "said"};
  auto run = [&](const std::string& db, bool allow_partial, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db};
    if (allow_partial) argv.emplace_back("--allow-partial");
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  };
  for (const bool export_all : {false, true}) {
    CAPTURE(export_all);
    const std::vector<std::string>& args = export_all ? all : page;
    ProcessResult strict = run(cluster.stub, false, args);
    INFO(strict.err);
    CHECK(strict.status == 2);
    CHECK(strict.err.find("shard " + dead) != std::string::npos);
    CHECK(strict.err.find("--allow-partial") != std::string::npos);

    ProcessResult partial = run(cluster.stub, true, args);
    INFO(partial.err);
    CHECK(partial.status == 0);
    CHECK(partial.err.find("warning: shard " + dead) != std::string::npos);
    CHECK(partial.err.find("2 of 3 shards") != std::string::npos);
    // Exactly the quotes of a cluster of the two live shards.
    ProcessResult two = run(two_stub, false, args);
    REQUIRE(two.status == 0);
    if (!export_all) {
      std::vector<nlohmann::json> a = parse_json_lines(partial.out), b = parse_json_lines(two.out);
      for (nlohmann::json& l : a) l.erase("elapsed_ms");
      for (nlohmann::json& l : b) l.erase("elapsed_ms");
      CHECK(a.size() > 2);
      CHECK(a == b);
    } else {
      CHECK(std::count(partial.out.begin(), partial.out.end(), '\n') > 10);
      CHECK(partial.out == two.out);
    }
  }
}

TEST_CASE("A stopped (hung) shard: the error names it once the cluster file's timeout has passed, never a hang") {
  RunningCluster cluster;
  const std::string hung = cluster.servers[2]->address();
  REQUIRE(cluster.servers[2]->signal(SIGSTOP));
  // Only the stopped shard in the file: it never answers, so the timeout
  // fires however fast or loaded the machine (live shards might not answer
  // within 1 s on a loaded one).
  const std::string stub = cluster.write_stub("hung.stub", "# newsdex: timeout=1", {2});
  ProcessResult r = search(stub, {"oil"});
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("shard " + hung) != std::string::npos);
  CHECK(r.err.find("no answer within 1 s") != std::string::npos);
  cluster.servers[2]->signal(SIGCONT);
}

TEST_CASE("A shard killed after the cluster is open: the search fails and Cluster::probe names that shard") {
  RunningCluster cluster;
  newsdex::Cluster opened = newsdex::Cluster::open(cluster.stub, false);
  CHECK(opened.probe().empty());
  const std::string dead = cluster.servers[0]->address();
  cluster.servers[0]->kill();
  Xapian::Enquire enquire(opened.database());
  enquire.set_query(Xapian::Query("oil"));
  CHECK_THROWS_AS(enquire.get_mset(0, 10), Xapian::NetworkError);
  const std::vector<newsdex::ShardProblem> failing = opened.probe();
  REQUIRE(failing.size() == 1);
  CHECK(failing[0].shard == dead);
  CHECK(failing[0].line == 3);  // after the comment and the settings line
}
