// A hand-written lexer and recursive-descent parser for the query syntax of
// docs/query-syntax.md. Grammar, loosest binding first:
//
//   query    := or_expr
//   or_expr  := and_expr ( "OR" and_expr )*
//   and_expr := ( ["AND" ["NOT"] | "NOT"] near_expr )+      juxtaposition = implicit
//   near_expr:= unary ( ("NEAR" | "NEAR/n") unary )*
//   unary    := ["+" | "-"] ( "(" or_expr ")" | word | "phrase" | field:value )
//
// Words are analysed here (Analyzer::tokenize), so that a word which analyses to
// nothing (punctuation) disappears before parsing and cannot leave an operator
// without its operand by accident.
#include "searcher/query_parser.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "common/entities/countries.h"
#include "common/format.h"
#include "common/terminal_text.h"
#include "searcher/date_range.h"

namespace newsdex::search {
namespace {

// Entity name fields and their word-level twins (schema.h: XSPK/XSPKW...).
// The twins are not query fields of their own, so they live here as static
// QueryField objects that filter nodes can point at.
constexpr schema::QueryField kSpeakerWord{"speaker", schema::kPrefixSpeakerWord, "", schema::FieldKind::kBoolean,
                                          false};
constexpr schema::QueryField kPersonWord{"person", schema::kPrefixPersonWord, "", schema::FieldKind::kBoolean, false};
constexpr schema::QueryField kOrgWord{"org", schema::kPrefixOrgWord, "", schema::FieldKind::kBoolean, false};

bool is_entity_name_field(const schema::QueryField& field) {
  return field.prefix == schema::kPrefixSpeaker || field.prefix == schema::kPrefixPerson ||
         field.prefix == schema::kPrefixOrg;
}

const schema::QueryField* word_field_for(const schema::QueryField& field) {
  if (field.prefix == schema::kPrefixSpeaker) return &kSpeakerWord;
  if (field.prefix == schema::kPrefixPerson) return &kPersonWord;
  return &kOrgWord;
}

using analysis::Analyzer;
using analysis::Token;

enum class TokenKind { kOperand, kLParen, kRParen, kAnd, kOr, kNot, kNear, kEnd };
enum class Sign { kNone, kPlus, kMinus };

struct LexToken {
  TokenKind kind = TokenKind::kEnd;
  std::size_t position = 0;      // first byte, the sign included
  Sign sign = Sign::kNone;       // kOperand and kLParen only
  std::string text{};            // as typed (operators: for messages)
  Xapian::termcount window = 0;  // kNear
  QueryNode node{};              // kOperand
};

// 1-based column in characters (code points) of a byte offset, for messages;
// QuerySyntaxError::position() stays a byte offset.
std::size_t column_of(std::string_view text, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u) ++column;
  }
  return column;
}

std::size_t count_chars(std::string_view s) { return column_of(s, s.size()) - 1; }

// Characters of query text a message quotes: enough to recognise the word,
// while a 100,000-character word stays one short line.
constexpr std::size_t kQuotedChars = 40;

// `text` quoted in a message: 'text', made safe to print and cut to
// kQuotedChars characters.
std::string quote_for_message(std::string_view text) { return "'" + excerpt_for_message(text, kQuotedChars) + "'"; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

const schema::QueryField* find_field(std::string_view name) {
  for (const schema::QueryField& field : schema::kQueryFields) {
    if (equals_ignoring_case(field.name, name)) return &field;
  }
  return nullptr;
}

Occurrence occurrence_of(Sign sign) {
  switch (sign) {
    case Sign::kPlus:
      return Occurrence::kRequired;
    case Sign::kMinus:
      return Occurrence::kExcluded;
    case Sign::kNone:
      break;
  }
  return Occurrence::kOptional;
}

class Lexer {
 public:
  Lexer(std::string_view text, Analyzer& analyzer) : text_(text), analyzer_(analyzer) {}

  // The whole text as the value of `field`, as field:"text" would be.
  std::optional<QueryNode> field_value(const schema::QueryField& field) {
    std::optional<LexToken> token = make_operand(0, Sign::kNone, &field, text_, /*quoted=*/true);
    if (!token) return std::nullopt;
    return std::move(token->node);
  }

  std::vector<LexToken> run() {
    std::vector<LexToken> out;
    for (;;) {
      while (pos_ < text_.size() && space_length(pos_) > 0) pos_ += space_length(pos_);
      if (pos_ >= text_.size()) break;
      std::size_t start = pos_;
      char c = text_[pos_];
      if (c == '(' || c == ')') {
        out.push_back(LexToken{.kind = c == '(' ? TokenKind::kLParen : TokenKind::kRParen, .position = start});
        ++pos_;
        continue;
      }
      Sign sign = Sign::kNone;
      // '+'/'-' is an operator only when glued to what it marks: "a - b" and
      // "(a -)" keep it as punctuation, which analyses to nothing.
      if ((c == '+' || c == '-') && pos_ + 1 < text_.size() && space_length(pos_ + 1) == 0 && text_[pos_ + 1] != ')') {
        sign = c == '+' ? Sign::kPlus : Sign::kMinus;
        ++pos_;
      }
      if (text_[pos_] == '(') {
        out.push_back(LexToken{.kind = TokenKind::kLParen, .position = start, .sign = sign});
        ++pos_;
        continue;
      }
      std::optional<LexToken> token = quote_length(pos_) > 0 ? lex_quoted(start, sign, nullptr) : lex_word(start, sign);
      if (token) {
        if (token->kind == TokenKind::kOperand) count_operand(token->node);
        out.push_back(std::move(*token));
      }
    }
    out.push_back(LexToken{.kind = TokenKind::kEnd, .position = text_.size()});
    return out;
  }

 private:
  // Byte length of the white-space character at `at`, or 0. U+00A0 and
  // U+3000 count: they arrive in pasted text and CJK input.
  std::size_t space_length(std::size_t at) const {
    std::string_view rest = text_.substr(at);
    if (rest.empty()) return 0;
    switch (rest[0]) {
      case ' ':
      case '\t':
      case '\n':
      case '\r':
      case '\f':
      case '\v':
        return 1;
      default:
        break;
    }
    if (rest.starts_with("\xC2\xA0")) return 2;
    if (rest.starts_with("\xE3\x80\x80")) return 3;
    return 0;
  }

  // Byte length of a quote mark at `at` (", or the typographic “ ” that
  // pasted text brings), or 0.
  std::size_t quote_length(std::size_t at) const {
    std::string_view rest = text_.substr(at);
    if (rest.starts_with('"')) return 1;
    if (rest.starts_with("\xE2\x80\x9C") || rest.starts_with("\xE2\x80\x9D")) return 3;
    return 0;
  }

  bool is_delimiter(std::size_t at) const {
    return at >= text_.size() || space_length(at) > 0 || quote_length(at) > 0 || text_[at] == '(' || text_[at] == ')';
  }

  [[noreturn]] void fail(const std::string& message, std::size_t at) const { throw QuerySyntaxError(message, at); }

  // Counts `node` against kMaxQueryWords and kMaxQueryWildcards; fails at the
  // item that passes one.
  void count_operand(const QueryNode& node) {
    words_ += node.kind == NodeKind::kPhrase || node.kind == NodeKind::kWord ? node.terms.size() : 1;
    if (words_ > kMaxQueryWords) {
      fail("too many words: a query holds at most " + format_count(kMaxQueryWords) +
               " words, phrase words, wildcards and filters",
           node.position);
    }
    if (node.kind == NodeKind::kWildcard && ++wildcards_ > kMaxQueryWildcards) {
      fail("too many wildcards: a query holds at most " + format_count(kMaxQueryWildcards), node.position);
    }
  }

  // A quoted phrase starting at pos_ (on the quote). `start` is where the
  // token began (its sign or field name).
  std::optional<LexToken> lex_quoted(std::size_t start, Sign sign, const schema::QueryField* field) {
    std::size_t quote = pos_;
    pos_ += quote_length(pos_);
    std::size_t inner = pos_;
    while (pos_ < text_.size() && quote_length(pos_) == 0) ++pos_;
    if (pos_ >= text_.size()) {
      fail("missing closing '\"' for the quote at column " + std::to_string(column_of(text_, quote)), quote);
    }
    std::string_view body = text_.substr(inner, pos_ - inner);
    pos_ += quote_length(pos_);
    return make_operand(start, sign, field, body, /*quoted=*/true);
  }

  std::optional<LexToken> lex_word(std::size_t start, Sign sign) {
    std::size_t word_start = pos_;
    while (!is_delimiter(pos_)) ++pos_;
    std::string_view word = text_.substr(word_start, pos_ - word_start);

    if (sign == Sign::kNone) {
      if (word == "AND") return LexToken{.kind = TokenKind::kAnd, .position = start, .text = std::string(word)};
      if (word == "OR") return LexToken{.kind = TokenKind::kOr, .position = start, .text = std::string(word)};
      if (word == "NOT") return LexToken{.kind = TokenKind::kNot, .position = start, .text = std::string(word)};
      if (word == "NEAR") {
        return LexToken{
            .kind = TokenKind::kNear, .position = start, .text = std::string(word), .window = kDefaultNearWindow};
      }
      if (word.starts_with("NEAR/")) {
        // Anything but a number in range is an error, not a word: "NEAR/-1"
        // or "NEAR/ten" is a mistyped operator far more often than text.
        std::string_view digits = word.substr(5);
        bool number =
            !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char d) { return d >= '0' && d <= '9'; });
        Xapian::termcount window = 0;
        for (char d : number ? digits : std::string_view()) {
          // Saturates past the limit instead of overflowing.
          window = std::min(window * 10 + static_cast<Xapian::termcount>(d - '0'), kMaxNearWindow + 1);
        }
        if (window < 1 || window > kMaxNearWindow) {
          fail(
              "expected a window from 1 to " + std::to_string(kMaxNearWindow) + " after NEAR/" +
                  (number ? ""
                          : " (to search for the text, quote it: \"" + excerpt_for_message(word, kQuotedChars) + "\")"),
              start);
        }
        return LexToken{.kind = TokenKind::kNear, .position = start, .text = std::string(word), .window = window};
      }
    }

    // field:value. Only names in schema::kQueryFields are fields; anything
    // else with a colon ("10:30", "http://x") stays ordinary text.
    std::size_t colon = word.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      if (const schema::QueryField* field = find_field(word.substr(0, colon))) {
        std::string_view value = word.substr(colon + 1);
        if (value.empty()) {
          if (pos_ < text_.size() && quote_length(pos_) > 0) return lex_quoted(start, sign, field);
          fail("expected a word or \"phrase\" after " + quote_for_message(word), start);
        }
        return make_operand(start, sign, field, value, /*quoted=*/false);
      }
    }
    return make_operand(start, sign, nullptr, word, /*quoted=*/false);
  }

  // The node for one word or phrase; nullopt when it analyses to nothing.
  std::optional<LexToken> make_operand(std::size_t start, Sign sign, const schema::QueryField* field,
                                       std::string_view text, bool quoted) {
    QueryNode node{.occurrence = occurrence_of(sign), .position = start, .field = field};
    bool wildcard = !quoted && text.ends_with('*');

    if (field != nullptr && field->kind == schema::FieldKind::kDate) {
      // terms = {from, to}: unix seconds as decimal text, "" for an open end.
      std::optional<DateRange> range = parse_date_range(text);
      if (!range) {
        fail("expected a date or date range after 'date:' (2016, 2016-02, 2016-02-05, 2016-01..2016-03, ..2016-03)",
             start);
      }
      node.kind = NodeKind::kFilter;
      node.terms.push_back(range->from ? std::to_string(*range->from) : "");
      node.terms.push_back(range->to ? std::to_string(*range->to) : "");
    } else if (field != nullptr && field->kind == schema::FieldKind::kBoolean) {
      if (wildcard) fail("wildcards don't work in '" + std::string(field->name) + ":' filters", start);
      std::string value = analysis::normalize_value(analyzer_, text);
      if (value.empty()) return std::nullopt;
      if (field->prefix == schema::kPrefixLang) {
        // Language codes are stored canonical ("en"): accept "english", "EN",
        // "en-US". A value the indexer could never have stored is an error,
        // as an unknown country is, not a filter that silently matches nothing.
        // analysis::language_code() is the rule the indexer stores by.
        std::string code = analysis::language_code(text);
        if (code.empty()) {
          fail("unknown language " + quote_for_message(text) +
                   " (try an ISO 639 code such as en, de, fr or zh, or an English name such as german)",
               start);
        }
        value = std::move(code);
      } else if (field->prefix == schema::kPrefixCountry) {
        // A name, short form, demonym or code: "russia", "Russian", "RU".
        std::optional<std::string> code = entities::country_code_for(text);
        if (!code) {
          fail("unknown country " + quote_for_message(text) + " (try a name, a demonym or an ISO code: RU)", start);
        }
        value = *code;
        std::transform(value.begin(), value.end(), value.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      } else if (is_entity_name_field(*field) && value.find(' ') == std::string::npos) {
        // One word of a name matches every name holding it: speaker:kerry
        // finds "John Kerry" (the indexer writes each name word under the
        // field's word prefix).
        node.terms.push_back(std::move(value));
        node.field = word_field_for(*field);
        node.kind = NodeKind::kFilter;
        return LexToken{.kind = TokenKind::kOperand, .position = start, .sign = sign, .node = std::move(node)};
      }
      node.kind = NodeKind::kFilter;
      node.terms.push_back(std::move(value));
    } else if (wildcard) {
      std::string_view stem = text;
      while (stem.ends_with('*')) stem.remove_suffix(1);
      std::vector<Token> tokens = analyzer_.tokenize(stem);
      if (tokens.size() > 1) fail("a wildcard must be one word: " + quote_for_message(text) + " has several", start);
      if (tokens.empty() || count_chars(tokens.front().term) < kMinWildcardChars) {
        fail("a wildcard needs at least " + std::to_string(kMinWildcardChars) + " letters before '*'", start);
      }
      node.kind = NodeKind::kWildcard;
      node.terms.push_back(std::move(tokens.front().term));
    } else {
      std::vector<Token> tokens = analyzer_.tokenize(text);
      if (tokens.empty()) return std::nullopt;
      node.kind = quoted || tokens.size() > 1 ? NodeKind::kPhrase : NodeKind::kWord;
      for (Token& token : tokens) node.terms.push_back(std::move(token.term));
    }
    return LexToken{.kind = TokenKind::kOperand, .position = start, .sign = sign, .node = std::move(node)};
  }

  std::string_view text_;
  Analyzer& analyzer_;
  std::size_t pos_ = 0;
  std::size_t words_ = 0;      // counted so far, for kMaxQueryWords
  std::size_t wildcards_ = 0;  // for kMaxQueryWildcards
};

class Parser {
 public:
  Parser(std::string_view text, std::vector<LexToken> tokens) : text_(text), tokens_(std::move(tokens)) {}

  QueryNode parse() {
    if (peek().kind == TokenKind::kEnd) fail("nothing to search for: the query has no words", 0);
    QueryNode root = parse_or();
    if (peek().kind == TokenKind::kRParen) fail("unexpected ')': no '(' before it", peek().position);
    if (root.kind == NodeKind::kGroup && root.children.empty()) {
      fail("nothing to search for: the query has no words", 0);
    }
    return root;
  }

 private:
  const LexToken& peek() const { return tokens_[next_]; }

  LexToken take() {
    LexToken token = std::move(tokens_[next_]);
    if (token.kind != TokenKind::kEnd) ++next_;
    return token;
  }

  bool starts_operand(const LexToken& token) const {
    return token.kind == TokenKind::kOperand || token.kind == TokenKind::kLParen || token.kind == TokenKind::kNot;
  }

  [[noreturn]] void fail(const std::string& message, std::size_t at) const { throw QuerySyntaxError(message, at); }

  [[noreturn]] void fail_missing_after(const LexToken& op) const {
    fail("expected a word, phrase or '(' after " + op.text, op.position);
  }

  QueryNode parse_or() {
    std::vector<QueryNode> alternatives;
    alternatives.push_back(parse_and());
    while (peek().kind == TokenKind::kOr) {
      LexToken op = take();
      if (alternatives.back().children.empty()) fail("expected a word, phrase or '(' before OR", op.position);
      if (!starts_operand(peek())) fail_missing_after(op);
      alternatives.push_back(parse_and());
    }
    if (alternatives.size() == 1) return std::move(alternatives.front());
    QueryNode node{.kind = NodeKind::kOr, .position = alternatives.front().position};
    node.children = std::move(alternatives);
    return node;
  }

  QueryNode parse_and() {
    QueryNode group{.kind = NodeKind::kGroup, .position = peek().position};
    std::vector<QueryNode>& items = group.children;
    for (;;) {
      TokenKind kind = peek().kind;
      if (kind == TokenKind::kEnd || kind == TokenKind::kRParen || kind == TokenKind::kOr) break;
      if (kind == TokenKind::kNear) fail("expected a word or phrase before " + peek().text, peek().position);
      if (kind == TokenKind::kAnd) {
        LexToken op = take();
        if (items.empty()) fail("expected a word, phrase or '(' before AND", op.position);
        bool negated = false;
        if (peek().kind == TokenKind::kNot) {
          op = take();  // "AND NOT" is NOT; report a missing operand after NOT
          negated = true;
        }
        QueryNode item = parse_near(&op);
        if (negated) {
          item.occurrence = Occurrence::kExcluded;
        } else if (item.occurrence == Occurrence::kOptional) {
          item.occurrence = Occurrence::kRequired;
        }
        // AND binds its left neighbour too: in the partial query, "a b AND c"
        // still needs b and c.
        if (items.back().occurrence == Occurrence::kOptional) items.back().occurrence = Occurrence::kRequired;
        items.push_back(std::move(item));
      } else if (kind == TokenKind::kNot) {
        // Binary "a NOT b" is a AND_NOT b; a leading "NOT b" excludes b from
        // everything, as "-b" does.
        LexToken op = take();
        QueryNode item = parse_near(&op);
        item.occurrence = Occurrence::kExcluded;
        items.push_back(std::move(item));
      } else {
        items.push_back(parse_near(nullptr));
      }
    }
    drop_stopwords(items);
    // "(a b)" alone is the group "a b", so it keeps its partial query.
    if (items.size() == 1 && items.front().occurrence == Occurrence::kOptional &&
        (items.front().kind == NodeKind::kGroup || items.front().kind == NodeKind::kOr)) {
      return std::move(items.front());
    }
    return group;
  }

  // Stopwords of an implicit group go, unless nothing else positive would be
  // left ("the who"), they were asked for (+the, AND the), quoted, or part of
  // a multi-token word.
  static void drop_stopwords(std::vector<QueryNode>& items) {
    auto is_droppable = [](const QueryNode& item) {
      return item.kind == NodeKind::kWord && item.occurrence == Occurrence::kOptional &&
             (item.field == nullptr || item.field->kind == schema::FieldKind::kFreeText) &&
             analysis::is_stopword(item.terms.front());
    };
    bool keeps_something = std::any_of(items.begin(), items.end(), [&](const QueryNode& item) {
      return item.occurrence != Occurrence::kExcluded && item.kind != NodeKind::kFilter && !is_droppable(item);
    });
    if (keeps_something) std::erase_if(items, is_droppable);
  }

  // `op`: the operator before this operand, or nullptr when juxtaposed.
  QueryNode parse_near(const LexToken* op) {
    QueryNode first = parse_unary(op);
    if (peek().kind != TokenKind::kNear) return first;
    QueryNode near{.kind = NodeKind::kNear, .position = first.position};
    std::size_t first_near = peek().position;
    std::optional<Xapian::termcount> window;
    near.children.push_back(std::move(first));
    while (peek().kind == TokenKind::kNear) {
      LexToken near_op = take();
      if (near.children.size() == 1) check_near_operand(near.children.front(), near_op);
      if (window && *window != near_op.window) {
        fail("a NEAR chain takes one window: NEAR/" + std::to_string(*window) + " and " + near_op.text + " differ",
             near_op.position);
      }
      window = near_op.window;
      QueryNode operand = parse_unary(&near_op);
      check_near_operand(operand, near_op);
      near.children.push_back(std::move(operand));
    }
    near.window = *window;
    if (near.window < near.children.size()) {
      fail("NEAR/" + std::to_string(near.window) + " can never match " + std::to_string(near.children.size()) +
               " words: the window must be at least " + std::to_string(near.children.size()),
           first_near);
    }
    return near;
  }

  // Xapian 1.4's OP_NEAR takes only terms (or OR of terms) as subqueries; the
  // builder can also approximate phrases. Everything else is refused here.
  void check_near_operand(const QueryNode& operand, const LexToken& near_op) const {
    std::size_t at = near_op.position;
    if (operand.occurrence != Occurrence::kOptional) {
      fail("'+' and '-' can't mark a " + near_op.text + " operand: write -(a NEAR b) to exclude a NEAR match", at);
    }
    switch (operand.kind) {
      case NodeKind::kWord:
      case NodeKind::kPhrase:
        break;
      case NodeKind::kWildcard:
        fail(near_op.text + " takes words and phrases, not wildcards", at);
      case NodeKind::kFilter:
        fail(near_op.text + " takes words and phrases, not '" + std::string(operand.field->name) + ":' filters", at);
      case NodeKind::kGroup:
      case NodeKind::kOr:
      case NodeKind::kNear:
        fail(near_op.text + " needs a word or phrase on each side, not a '(...)' group", at);
    }
    if (operand.field != nullptr && !operand.field->positional) {
      fail("'" + std::string(operand.field->name) + ":' has no word positions, so " + near_op.text + " can't use it",
           at);
    }
  }

  QueryNode parse_unary(const LexToken* op) {
    const LexToken& next = peek();
    if (next.kind == TokenKind::kOperand) return take().node;
    if (next.kind != TokenKind::kLParen) {
      if (op != nullptr) fail_missing_after(*op);
      fail("expected a word, phrase or '('", next.position);  // unreachable from parse_and
    }
    LexToken open = take();
    std::size_t paren = open.position + (open.sign == Sign::kNone ? 0 : 1);
    if (++depth_ > kMaxNesting) fail("too many nested parentheses", paren);
    QueryNode inner = parse_or();
    --depth_;
    if (peek().kind != TokenKind::kRParen) {
      fail("missing ')' for '(' at column " + std::to_string(column_of(text_, paren)), paren);
    }
    take();
    if (inner.kind == NodeKind::kGroup && inner.children.empty()) {
      fail("nothing to search for inside '(' at column " + std::to_string(column_of(text_, paren)), paren);
    }
    inner.occurrence = occurrence_of(open.sign);
    inner.position = open.position;
    // "(a)" is a.
    if (inner.kind == NodeKind::kGroup && inner.children.size() == 1 &&
        inner.children.front().occurrence == Occurrence::kOptional) {
      Occurrence occurrence = inner.occurrence;
      QueryNode only = std::move(inner.children.front());
      only.occurrence = occurrence;
      return only;
    }
    return inner;
  }

  // Each '(' recurses; a bound keeps a hostile query from exhausting the stack.
  static constexpr int kMaxNesting = 100;

  std::string_view text_;
  std::vector<LexToken> tokens_;
  std::size_t next_ = 0;
  int depth_ = 0;
};

}  // namespace

std::optional<QueryNode> parse_filter_value(const schema::QueryField& field, std::string_view value,
                                            Analyzer& analyzer) {
  std::size_t bad = 0;
  if (!analysis::is_valid_utf8(value, &bad)) throw QuerySyntaxError("the value is not valid UTF-8", bad);
  return Lexer(value, analyzer).field_value(field);
}

QueryNode parse_query(std::string_view text, Analyzer& analyzer) {
  if (text.size() > kMaxQueryBytes) {
    // At the first character that does not fit.
    std::size_t at = kMaxQueryBytes;
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0u) == 0x80u) --at;
    throw QuerySyntaxError(
        "the query is too long: " + format_count(text.size()) + " bytes, the limit is " + format_count(kMaxQueryBytes),
        at);
  }
  std::size_t bad = 0;
  if (!analysis::is_valid_utf8(text, &bad)) throw QuerySyntaxError("the query is not valid UTF-8", bad);
  if (std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    throw QuerySyntaxError("empty query", 0);
  }
  return Parser(text, Lexer(text, analyzer).run()).parse();
}

}  // namespace newsdex::search
