#include "policy/condition.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>

namespace smpolicy::condition {
namespace {

struct Token {
  enum class Type { word, number, string, symbol, end };
  Type type = Type::end;
  std::string text;
  std::size_t offset = 0;
};

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

std::expected<std::vector<Token>, ParseError> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    Token t;
    t.offset = i;
    if (c == '"' || c == '\'') {
      auto close = s.find(c, i + 1);
      if (close == std::string_view::npos) return std::unexpected(ParseError{i, "quoted value is never closed"});
      t.type = Token::Type::string;
      t.text = std::string(s.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (c == '<' || c == '>') {
      t.type = Token::Type::symbol;
      t.text = (i + 1 < s.size() && s[i + 1] == '=') ? std::string{c, '='} : std::string{c};
      i += t.text.size();
    } else if (c == '[' || c == ']' || c == ',' || c == '(' || c == ')') {
      t.type = Token::Type::symbol;
      t.text = std::string{c};
      ++i;
    } else if (word_char(c)) {
      std::size_t j = i;
      while (j < s.size() && word_char(s[j])) ++j;
      t.text = std::string(s.substr(i, j - i));
      double ignored;
      auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), ignored);
      t.type = (ec == std::errc() && p == t.text.data() + t.text.size()) ? Token::Type::number
                                                                          : Token::Type::word;
      i = j;
    } else {
      return std::unexpected(ParseError{i, std::string("unexpected character '") + c + "'"});
    }
    tokens.push_back(std::move(t));
  }
  tokens.push_back(Token{Token::Type::end, "", s.size()});
  return tokens;
}

constexpr std::string_view k_image_tags[] = {"school_logo", "uniform", "premises", "pupil",
                                             "staff", "name_visible", "location"};
constexpr std::string_view k_roster_roles[] = {"pupil", "staff", "parent", "governor"};
constexpr std::string_view k_evidence[] = {"screenshot", "saved", "forwarded", "shown",
                                           "deleted", "secured", "reported"};

class Parser {
 public:
  Parser(std::vector<Token> tokens, Kind kind, std::span<const std::string> categories)
      : m_tokens(std::move(tokens)), m_spec(spec_of(kind)), m_categories(categories) {}

  std::expected<Condition, ParseError> run() {
    m_out.nodes.emplace_back();  // the root, filled in below
    auto root = parse_or();
    if (!root) return std::unexpected(root.error());
    if (peek().type != Token::Type::end) return error("expected 'and', 'or' or the end");
    // Move the root node into slot 0 so evaluation starts there.
    m_out.nodes[0] = m_out.nodes[static_cast<std::size_t>(*root)];
    return std::move(m_out);
  }

 private:
  using Result = std::expected<int, ParseError>;

  const Token& peek(std::size_t ahead = 0) const {
    return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)];
  }
  bool at_word(std::string_view w, std::size_t ahead = 0) const {
    return peek(ahead).type == Token::Type::word && peek(ahead).text == w;
  }
  bool accept(std::string_view w) {
    if (!at_word(w) && !(peek().type == Token::Type::symbol && peek().text == w)) return false;
    ++m_pos;
    return true;
  }
  std::unexpected<ParseError> error(std::string message) const {
    return std::unexpected(ParseError{peek().offset, std::move(message)});
  }
  int add(ConditionNode node) {
    m_out.nodes.push_back(std::move(node));
    return static_cast<int>(m_out.nodes.size() - 1);
  }
  int join(ConditionNode::Type type, int left, int right) {
    ConditionNode n;
    n.type = type;
    n.left = left;
    n.right = right;
    return add(std::move(n));
  }

  Result parse_or() {
    auto left = parse_and();
    while (left && accept("or")) {
      auto right = parse_and();
      if (!right) return right;
      left = join(ConditionNode::Type::any, *left, *right);
    }
    return left;
  }
  Result parse_and() {
    auto left = parse_unary();
    while (left && accept("and")) {
      auto right = parse_unary();
      if (!right) return right;
      left = join(ConditionNode::Type::all, *left, *right);
    }
    return left;
  }
  Result parse_unary() {
    if (accept("not")) {
      auto inner = parse_unary();
      if (!inner) return inner;
      return join(ConditionNode::Type::negate, *inner, -1);
    }
    if (accept("(")) {
      auto inner = parse_or();
      if (!inner) return inner;
      if (!accept(")")) return error("expected ')'");
      return inner;
    }
    if (accept("always")) return add(ConditionNode{});
    return parse_test();
  }

  Result parse_test() {
    const Token& field_token = peek();
    if (field_token.type != Token::Type::word) return error("expected a field name");
    int slot = m_spec.slot(field_token.text);
    if (slot < 0) {
      return error("'" + field_token.text + "' is not a field of " +
                   std::string(name_of(m_spec.kind)) + " events");
    }
    ++m_pos;
    const FieldSpec& field = m_spec.fields[static_cast<std::size_t>(slot)];
    Test test;
    test.slot = slot;
    test.type = field.type;
    bool is_list = field.type == FieldType::list || field.type == FieldType::findings;
    std::size_t op_offset = peek().offset;
    auto op = parse_operator(test, is_list);
    if (!op) return std::unexpected(op.error());
    if (auto ok = check_values(test, field, op_offset); !ok) return std::unexpected(ok.error());
    ConditionNode node;
    node.type = ConditionNode::Type::test;
    node.test = std::move(test);
    return add(std::move(node));
  }

  std::expected<void, ParseError> parse_operator(Test& test, bool is_list) {
    using Op = Test::Op;
    auto scalar_only = [&]() -> std::expected<void, ParseError> {
      if (is_list) return error("a list field takes 'includes' or 'does not include'");
      return {};
    };
    if (accept("is")) {
      if (auto ok = scalar_only(); !ok) return ok;
      bool negated = accept("not");
      if (accept("one")) {
        if (!accept("of")) return error("expected 'of' after 'one'");
        test.op = negated ? Op::not_one_of : Op::one_of;
        return parse_list(test);
      }
      if (!negated && accept("missing")) { test.op = Op::missing; return {}; }
      if (!negated && accept("given")) { test.op = Op::given; return {}; }
      test.op = negated ? Op::is_not : Op::is;
      return parse_value(test);
    }
    if (accept("includes")) {
      if (!is_list) return error("'includes' needs a list field");
      if (accept("any") || accept("none")) {
        test.op = m_tokens[m_pos - 1].text == "any" ? Op::includes_any : Op::includes_none;
        if (!accept("of")) return error("expected 'of'");
        return parse_list(test);
      }
      test.op = Op::includes_any;
      return parse_value(test);
    }
    if (accept("does")) {
      if (!accept("not") || !accept("include")) return error("expected 'does not include'");
      if (!is_list) return error("'does not include' needs a list field");
      test.op = Op::includes_none;
      if (accept("any")) {
        if (!accept("of")) return error("expected 'of'");
        return parse_list(test);
      }
      return parse_value(test);
    }
    if (peek().type == Token::Type::symbol && peek().text != "(" && peek().text != ")" &&
        peek().text != "[" && peek().text != "]" && peek().text != ",") {
      if (auto ok = scalar_only(); !ok) return ok;
      std::string sym = peek().text;
      ++m_pos;
      test.op = sym == "<" ? Op::lt : sym == "<=" ? Op::le : sym == ">" ? Op::gt : Op::ge;
      if (peek().type != Token::Type::number) return error("expected a number after " + sym);
      return parse_value(test);
    }
    return error("expected 'is', 'includes', 'does not include' or a comparison");
  }

  std::expected<void, ParseError> parse_value(Test& test) {
    const Token& t = peek();
    if (t.type != Token::Type::word && t.type != Token::Type::number && t.type != Token::Type::string) {
      return error("expected a value");
    }
    if (t.type == Token::Type::word &&
        (t.text == "and" || t.text == "or" || t.text == "not" || t.text == "is")) {
      return error("expected a value, found '" + t.text + "'");
    }
    Literal lit;
    lit.text = t.text;
    if (t.type == Token::Type::number) std::from_chars(t.text.data(), t.text.data() + t.text.size(), lit.number);
    m_value_offsets.push_back(t.offset);
    test.values.push_back(std::move(lit));
    ++m_pos;
    return {};
  }

  std::expected<void, ParseError> parse_list(Test& test) {
    if (!accept("[")) return error("expected '[' to start a list");
    do {
      if (auto ok = parse_value(test); !ok) return ok;
    } while (accept(","));
    if (!accept("]")) return error("expected ',' or ']'");
    return {};
  }

  // Validates the values against the field and fills in their typed forms.
  std::expected<void, ParseError> check_values(Test& test, const FieldSpec& field, std::size_t op_offset) {
    using Op = Test::Op;
    std::size_t first = m_value_offsets.size() - test.values.size();
    auto fail_at = [&](std::size_t i, std::string message) {
      return std::unexpected(ParseError{m_value_offsets[first + i], std::move(message)});
    };
    bool comparison = test.op == Op::lt || test.op == Op::le || test.op == Op::gt || test.op == Op::ge;
    if (comparison && field.type != FieldType::number) {
      return std::unexpected(ParseError{op_offset, std::string(field.name) + " is not a number"});
    }
    if ((field.type == FieldType::time || field.type == FieldType::date) &&
        test.op != Op::missing && test.op != Op::given) {
      return std::unexpected(ParseError{op_offset, std::string(field.name) +
          " is a time: test `period` or `day`, or whether it is missing or given"});
    }
    for (std::size_t i = 0; i < test.values.size(); ++i) {
      Literal& lit = test.values[i];
      switch (field.type) {
        case FieldType::choice: {
          auto it = std::find(field.choices.begin(), field.choices.end(), lit.text);
          if (it == field.choices.end()) {
            std::string allowed;
            for (auto c : field.choices) allowed += (allowed.empty() ? "" : ", ") + std::string(c);
            return fail_at(i, "'" + lit.text + "' is not a value of " + std::string(field.name) +
                                  " (" + allowed + ")");
          }
          lit.choice = static_cast<int>(it - field.choices.begin());
          break;
        }
        case FieldType::boolean:
          if (lit.text != "true" && lit.text != "false") {
            return fail_at(i, std::string(field.name) + " is true or false");
          }
          lit.boolean = lit.text == "true";
          break;
        case FieldType::number: {
          double n;
          auto [p, ec] = std::from_chars(lit.text.data(), lit.text.data() + lit.text.size(), n);
          if (ec != std::errc() || p != lit.text.data() + lit.text.size()) {
            return fail_at(i, std::string(field.name) + " is a number");
          }
          lit.number = n;
          break;
        }
        case FieldType::findings:
          if (!known_finding(lit.text)) return fail_at(i, "'" + lit.text + "' is not a finding kind");
          break;
        case FieldType::list:
          if (auto why = check_list_value(field.name, lit.text)) return fail_at(i, *why);
          break;
        case FieldType::text:
          if (field.name == "category" &&
              std::find(m_categories.begin(), m_categories.end(), lit.text) == m_categories.end()) {
            return fail_at(i, "'" + lit.text + "' is not a site category");
          }
          break;
        case FieldType::time:
        case FieldType::date:
          break;
      }
    }
    return {};
  }

  static bool known_finding(std::string_view kind) {
    for (auto k : finding_kinds()) {
      if (kind_under(k, kind)) return true;
    }
    return false;
  }

  static std::optional<std::string> check_list_value(std::string_view field, const std::string& value) {
    auto check = [&](std::span<const std::string_view> allowed) -> std::optional<std::string> {
      if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return std::nullopt;
      std::string names;
      for (auto a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      return "'" + value + "' is not a value of " + std::string(field) + " (" + names + ")";
    };
    if (field == "images.shows") return check(k_image_tags);
    if (field == "pictured.roles") return check(k_roster_roles);
    if (field == "evidence") return check(k_evidence);
    return std::nullopt;
  }

  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
  const KindSpec& m_spec;
  std::span<const std::string> m_categories;
  std::vector<std::size_t> m_value_offsets;
  Condition m_out;
};

// The finding kinds under any of `test`'s literals, as bits over finding_kinds().
std::uint64_t kinds_under(const Test& test) {
  auto known = finding_kinds();
  std::uint64_t mask = 0;
  for (std::size_t k = 0; k < known.size() && k < 64; ++k) {
    for (const auto& lit : test.values) {
      if (kind_under(known[k], lit.text)) mask |= std::uint64_t{1} << k;
    }
  }
  return mask;
}

// Walks the conjunction at the root: the narrowest `findings includes_any` test there
// must hold for the whole to hold (Kleene's "and" is false when any part is).
std::uint64_t findings_needed(const Condition& c, int index) {
  const ConditionNode& n = c.nodes[static_cast<std::size_t>(index)];
  if (n.type == ConditionNode::Type::all) {
    std::uint64_t left = findings_needed(c, n.left), right = findings_needed(c, n.right);
    if (!left || !right) return left | right;
    return std::popcount(left) <= std::popcount(right) ? left : right;
  }
  bool includes = n.type == ConditionNode::Type::test && n.test.op == Test::Op::includes_any &&
                  n.test.type == FieldType::findings;
  return includes ? kinds_under(n.test) : 0;
}

}  // namespace

std::expected<Condition, ParseError> compile(std::string_view text, Kind kind,
                                             std::span<const std::string> categories) {
  auto tokens = tokenize(text);
  if (!tokens) return std::unexpected(tokens.error());
  if (tokens->size() == 1) return std::unexpected(ParseError{0, "the condition is empty"});
  auto compiled = Parser(std::move(*tokens), kind, categories).run();
  if (compiled && finding_kinds().size() <= 64) {
    for (auto& node : compiled->nodes) {
      if (node.type == ConditionNode::Type::test && node.test.type == FieldType::findings) node.test.kinds = kinds_under(node.test);
    }
    compiled->needs_findings = findings_needed(*compiled, 0);
    compiled->gate = gate_of(*compiled);
  }
  return compiled;
}

}  // namespace smpolicy::condition
