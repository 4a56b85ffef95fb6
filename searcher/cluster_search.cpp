#include "searcher/cluster_search.h"

#include <limits>

#include "common/database.h"
#include "common/error.h"
#include "searcher/search.h"

namespace newsdex::search {

Xapian::Database open_for_search(const std::string& db_path, bool allow_partial, std::optional<Cluster>& cluster) {
  cluster.reset();
  if (!is_stub_database(db_path)) return open_database_for_reading(db_path);
  cluster.emplace(Cluster::open(db_path, allow_partial));
  return cluster->database();
}

void retry_failed_shards(const std::string& db_path, const std::function<void()>& attempt) {
  for (int n = 1;; ++n) {
    try {
      attempt();
      return;
    } catch (const ShardsFailed& failed) {
      if (n >= kSearchAttempts) throw Error(describe(failed.shards.front(), db_path) + ": still failing");
    }
  }
}

void blame_shards(const Cluster& cluster, const Xapian::NetworkError& error, bool allow_partial) {
  std::vector<ShardProblem> failing = cluster.probe();
  if (failing.empty()) return;
  if (allow_partial) throw ShardsFailed{std::move(failing)};
  std::string message;
  for (const ShardProblem& p : failing) {
    if (!message.empty()) message += "; ";
    message += describe(p, cluster.file().path);
  }
  throw Error(message + " (during the search: " + error.get_msg() + "); --allow-partial searches the other shards");
}

std::vector<std::string> partial_warnings(const Cluster& cluster) {
  std::vector<std::string> lines;
  const std::size_t listed = cluster.file().shards.size();
  const std::size_t used = listed - cluster.missing().size();
  for (const ShardProblem& p : cluster.missing()) {
    lines.push_back("warning: " + describe(p, cluster.file().path) + "; left out (--allow-partial): results are from " +
                    std::to_string(used) + " of " + std::to_string(listed) + " shards");
  }
  return lines;
}

std::string spelling_unavailable_note(const Cluster& cluster, const std::vector<std::string>& words) {
  const std::vector<std::string> remote = cluster.remote_shards();
  if (words.empty() || remote.empty()) return "";
  std::string quoted;
  for (const std::string& w : words) quoted += (quoted.empty() ? "\"" : ", \"") + w + "\"";
  return "note: no spelling suggestions for " + quoted + " (in no article): shard " + remote.front() +
         (remote.size() > 1 ? " and " + std::to_string(remote.size() - 1) + " more are" : " is") +
         " remote, and Xapian's remote protocol serves no spelling table";
}

Xapian::MSet add_keys_paged(Xapian::Enquire& enquire, SortedKeys& keys, bool dates, Xapian::doccount check_at_least) {
  Xapian::MSet first;
  for (Xapian::doccount start = 0;; start += kKeysPage) {
    const Xapian::MSet page = enquire.get_mset(start, kKeysPage, check_at_least);
    if (start == 0) first = page;
    for (auto it = page.begin(); it != page.end(); ++it) {
      StreamKey key{.date = 0.0, .weight = it.get_weight(), .docid = *it};
      if (dates) {
        const std::string value = it.get_sort_key();
        key.date = value.empty() ? -std::numeric_limits<double>::infinity() : Xapian::sortable_unserialise(value);
      }
      keys.add(key);
    }
    if (page.size() < kKeysPage) return first;
  }
}

}  // namespace newsdex::search
