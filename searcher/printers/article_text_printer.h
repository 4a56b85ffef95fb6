// --show for people: the header (title, date · source · author · id, URL,
// speakers, countries, persons, organizations), then the body in paragraphs,
// word-wrapped by display columns (wide CJK characters count two, and a line
// may break between them), every string made safe for a terminal
// (common/terminal_text.h).
//
// The query's words are marked as in snippets: bold red with colour, not at
// all without (as the search results, grep and ripgrep in a pipe).
// Quotes are marked with their speaker:
//   - with colour: the quoted text in the speaker's colour, and a margin on
//     the left holding the speaker's name on the line where a quote starts and
//     a bar "▌" in the speaker's colour on every line with quoted text (on a
//     terminal narrower than 40 columns of text beside the margin: the
//     markers below, in colour);
//   - without colour: inline markers, "[[John Kerry: “We need…”]]" (the
//     speaker "unattributed" when the article does not say who).
// A quote's marks take in the quotation marks around its text. Quotes that
// nest (a reported statement holding a direct quote of the same speaker) are
// marked as one; where a quote of another speaker lies inside, it is marked as
// its own and the outer one resumes after it.
#pragma once

#include <cstddef>
#include <string_view>

#include "searcher/printers/article_printer.h"

namespace newsdex::search {

struct ArticleStyle {
  bool color = false;      // ANSI colours and the quote margin; false: plain text with quote markers
  std::size_t width = 80;  // columns to wrap to; less than kMinArticleWidth is taken as that
};

inline constexpr std::size_t kMinArticleWidth = 20;
// The quote markers without colour: kQuoteOpen + speaker + ": " ... kQuoteClose.
inline constexpr std::string_view kQuoteOpen = "[[";
inline constexpr std::string_view kQuoteClose = "]]";
inline constexpr std::string_view kUnattributed = "unattributed";

class ArticleTextPrinter : public ArticlePrinter {
 public:
  explicit ArticleTextPrinter(ArticleStyle style) : style_(style) {}
  // A line of "─" separates an article from the one before it.
  void print(const ShownArticle& article, bool first, std::ostream& out) override;

 private:
  ArticleStyle style_;
};

}  // namespace newsdex::search
