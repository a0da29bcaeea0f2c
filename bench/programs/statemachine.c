/* A small tokenizer and evaluator (our own, in the spirit of CoreMark's state
 * machine kernel): a deterministic generator writes arithmetic-looking text,
 * a character-class table and a state machine split it into numbers,
 * identifiers and operators, and many short functions classify and fold the
 * tokens. Measures switch dispatch, byte loads and short calls. */
#include <stdint.h>

enum state { START, NUMBER, IDENT, OPERATOR, SPACE, INVALID };

static uint8_t text[8192];
static uint32_t seed = 7;

__attribute__((noinline)) static uint32_t rnd(void) {
  seed ^= seed << 13;
  seed ^= seed >> 17;
  seed ^= seed << 5;
  return seed;
}

static const char ALPHABET[] = "0123456789abcdefxyz+-*/(). ,;";

static void generate(void) {
  for (unsigned i = 0; i < sizeof text; i++) text[i] = (uint8_t)ALPHABET[rnd() % (sizeof ALPHABET - 1)];
}

__attribute__((noinline)) static int is_digit(int c) { return c >= '0' && c <= '9'; }
__attribute__((noinline)) static int is_alpha(int c) { return c >= 'a' && c <= 'z'; }
__attribute__((noinline)) static int is_op(int c) { return c == '+' || c == '-' || c == '*' || c == '/' || c == '(' || c == ')'; }
__attribute__((noinline)) static int is_space(int c) { return c == ' ' || c == ',' || c == ';'; }

__attribute__((noinline)) static enum state classify(int c) {
  if (is_digit(c)) return NUMBER;
  if (is_alpha(c)) return IDENT;
  if (is_op(c)) return OPERATOR;
  if (is_space(c)) return SPACE;
  return INVALID;
}

__attribute__((noinline)) static uint32_t token_value(const uint8_t *p, int len, enum state kind) {
  uint32_t v = 0;
  switch (kind) {
    case NUMBER:
      for (int i = 0; i < len; i++) v = v * 10 + (uint32_t)(p[i] - '0');
      return v;
    case IDENT:
      for (int i = 0; i < len; i++) v = (v << 5) ^ (v >> 27) ^ p[i];
      return v;
    case OPERATOR:
      return (uint32_t)p[0] * 0x9e3779b1u;
    default:
      return (uint32_t)len;
  }
}

/* One pass over the text: counts per token kind folded with the token values. */
static uint32_t scan(uint32_t counts[6]) {
  enum state st = START;
  int start = 0;
  uint32_t h = 0;
  for (int i = 0; i <= (int)sizeof text; i++) {
    int c = i < (int)sizeof text ? text[i] : ' ';
    enum state cls = classify(c);
    switch (st) {
      case START:
        st = cls;
        start = i;
        break;
      case NUMBER:
      case IDENT:
        /* Identifiers may contain digits; numbers end at anything else. */
        if (cls == st || (st == IDENT && cls == NUMBER)) break;
        /* fallthrough */
      case OPERATOR:
      case SPACE:
      case INVALID:
        counts[st]++;
        h = h * 31 + token_value(text + start, i - start, st);
        st = cls;
        start = i;
        break;
    }
  }
  return h;
}

__attribute__((export_name("bench_run"))) uint32_t bench_run(int n) {
  uint32_t counts[6] = {0};
  seed = 7; /* every call does the same work */
  uint32_t check = 0;
  for (int r = 0; r < n; r++) {
    generate();
    check = check * 17 + scan(counts);
  }
  for (int k = 0; k < 6; k++) check = check * 131 + counts[k];
  return check;
}
