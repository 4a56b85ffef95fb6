// Searching a cluster file (common/cluster.h) rather than one database:
// what newsdex-search says besides the results (shards left out, spelling
// suggestions it cannot make), and whom it blames when a shard fails in the
// middle of a search. docs/deployment.md describes the behaviour.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/cluster.h"
#include "searcher/match_stream.h"

namespace newsdex::search {

// Thrown by blame_shards() with --allow-partial: shards failed during the
// search; search again (Cluster::open leaves out the shards that are down).
struct ShardsFailed {
  std::vector<ShardProblem> shards;
};

// Opens `db_path` for a search. A cluster file (is_stub_database) opens its
// shards into `cluster` (with `allow_partial`, those that answer; the others
// are left out, see partial_warnings); anything else is one database
// (open_database_for_reading), and `cluster` is left empty.
Xapian::Database open_for_search(const std::string& db_path, bool allow_partial, std::optional<Cluster>& cluster);

// Calls `attempt` until it ends without ShardsFailed (with --allow-partial, a
// shard failed during the search: the next attempt opens the cluster file
// again, without the shards that are down), kSearchAttempts (search.h) times
// at most; then throws Error naming the shard that still fails.
void retry_failed_shards(const std::string& db_path, const std::function<void()>& attempt);

// After `error` in a search of `cluster`: throws Error naming the shards
// that do not answer (Cluster::probe) and that --allow-partial searches the
// others, or, with `allow_partial`, ShardsFailed. When every shard answers
// (the error was not a shard's), returns and the caller rethrows `error`.
void blame_shards(const Cluster& cluster, const Xapian::NetworkError& error, bool allow_partial);

// One line per shard left out by --allow-partial: "warning: shard H:P
// (FILE:LINE) left out: REASON; results are from the other K of N shards".
std::vector<std::string> partial_warnings(const Cluster& cluster);

// Spelling suggestions come from Xapian's spelling tables, which the remote
// protocol does not serve, so a cluster with remote shards gives none (the
// local shards' alone would be another index's suggestions). When `words`
// (spelling.h words_to_correct: what would have been corrected) is not
// empty, the note saying so: "note: no spelling suggestions for
// \"seperate\": shard H:P is remote ..."; else "".
std::string spelling_unavailable_note(const Cluster& cluster, const std::vector<std::string>& words);

// Matches read per round trip by add_keys_paged().
inline constexpr Xapian::doccount kKeysPage = 10'000;

// The order key of every match of `enquire` (set up without collapsing, in
// the order Matcher::stream lists them) into `keys`, read from the match
// itself a page of kKeysPage at a time (weight, document id, and with
// `dates` the publication date: the sort key of a sort by date), instead of
// from a match spy: stock xapian-tcpsrv runs no spy of newsdex's. Returns
// the first page's MSet (its statistics: term frequencies for highlighting).
// Each page is a match of its own on every shard; a shard returns the
// matches before the page too, so time grows with the square of the
// matches / kKeysPage and the client holds up to every match's key at the
// last page (docs/deployment.md, limits).
Xapian::MSet add_keys_paged(Xapian::Enquire& enquire, SortedKeys& keys, bool dates, Xapian::doccount check_at_least);

}  // namespace newsdex::search
