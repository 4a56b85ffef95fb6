// Thread safety of extraction: several threads, each with its own
// EntityExtractor, share only the immutable word lists and gazetteer.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/entities/countries.h"
#include "common/entities/entities.h"
#include "indexer/corpus_reader.h"

namespace ent = newsdex::entities;

namespace {

// Both files of the sample corpus (the .zst through the indexer's reader).
std::vector<newsdex::Article> sample_articles() {
  const std::string dir = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus/";
  newsdex::index::CorpusReader reader({dir + "articles.jsonl", dir + "archive-2015.jsonl.zst"});
  std::vector<newsdex::Article> out;
  while (auto entry = reader.next()) {
    if (!entry->skip) out.push_back(std::move(entry->article));
  }
  return out;
}

// Everything an extraction holds, as text (salience to 17 digits).
std::string describe(const ent::Extraction& x) {
  std::ostringstream s;
  const auto list = [&](const char* kind, const std::vector<ent::Entity>& entities) {
    for (const auto& e : entities) {
      char sal[64];
      std::snprintf(sal, sizeof sal, "%.17g", e.salience);
      s << kind << ' ' << e.name << ' ' << e.code << ' ' << sal;
      for (const auto& m : e.mentions) s << ' ' << static_cast<int>(m.field) << ':' << m.start << '-' << m.end;
      s << '\n';
    }
  };
  list("PER", x.persons);
  list("ORG", x.organizations);
  list("CTRY", x.countries);
  for (const auto& q : x.quotes) {
    s << "QUOTE " << q.speaker << '|' << q.verb << '|' << q.direct << '|' << q.text.start << '-' << q.text.end << '\n';
  }
  for (const auto& sp : x.speakers) s << "SPEAKER " << sp << '\n';
  return s.str();
}

}  // namespace

TEST_CASE("Extraction in 4 threads at once, each with its own extractor, equals the single-threaded result") {
  const std::vector<newsdex::Article> articles = sample_articles();
  REQUIRE(articles.size() >= 30);
  constexpr std::size_t kThreads = 4;
  constexpr int kRounds = 3;
  // The threads start together, before this test extracts anything itself, so
  // when the test runs alone (-tc) they also race to build the word lists,
  // the gazetteer and the CLDR names on first use.
  std::atomic<std::size_t> ready{0};
  std::vector<std::vector<std::string>> results(kThreads);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      ent::EntityExtractor extractor;
      for (int round = 0; round < kRounds; ++round) {
        // Each thread walks the corpus from a different starting point.
        for (std::size_t k = 0; k < articles.size(); ++k) {
          const std::size_t i = (k + t * articles.size() / kThreads) % articles.size();
          std::string text = describe(extractor.extract(articles[i]));
          // country_code_for shares the gazetteer with extraction.
          text += ent::country_code_for("Syria").value_or("?");
          if (round == 0) {
            if (results[t].empty()) results[t].resize(articles.size());
            results[t][i] = std::move(text);
          } else if (results[t][i] != text) {
            results[t][i] = "CHANGED BETWEEN ROUNDS";
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();

  ent::EntityExtractor single;
  std::size_t compared = 0;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const std::string expected = describe(single.extract(articles[i])) + "SY";
    for (std::size_t t = 0; t < kThreads; ++t) {
      CAPTURE(articles[i].id);
      CAPTURE(t);
      CHECK(results[t][i] == expected);
      ++compared;
    }
  }
  CHECK(compared == articles.size() * kThreads);
  // The worked example really has persons, so equal strings compare content.
  CHECK(describe(single.extract(articles.front())).find("PER John Kerry") != std::string::npos);
}
