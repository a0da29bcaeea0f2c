/* A tiny stack-machine interpreter whose opcode handlers are reached
 * through a table of function pointers. Every executed opcode is one
 * call_indirect, so this measures indirect-call dispatch: the table lookup,
 * the signature check, and the call itself. */
#include <stdint.h>

typedef struct {
  uint32_t stack[64];
  int sp;
  uint32_t acc;
} vm;

typedef void (*op_fn)(vm *, uint32_t);

/* noinline keeps each handler a separate function, so the dispatch below
 * really is an indirect call and not a switch after inlining. */
#define OP __attribute__((noinline)) static void
OP op_push(vm *m, uint32_t a) { m->stack[m->sp++ & 63] = a; }
OP op_add(vm *m, uint32_t a) { m->acc += m->stack[(m->sp - 1) & 63] + a; }
OP op_mul(vm *m, uint32_t a) { m->acc = m->acc * (a | 1) + 7; }
OP op_xor(vm *m, uint32_t a) { m->acc ^= a * 0x9E3779B1u; }
OP op_rot(vm *m, uint32_t a) { m->acc = m->acc << (a & 31) | m->acc >> (-a & 31); }
OP op_pop(vm *m, uint32_t a) { m->acc += m->stack[--m->sp & 63] ^ a; }
OP op_swap(vm *m, uint32_t a) {
  uint32_t t = m->stack[(m->sp - 1) & 63];
  m->stack[(m->sp - 1) & 63] = m->acc;
  m->acc = t + a;
}
OP op_nop(vm *m, uint32_t a) { (void)m; (void)a; }

static op_fn const handlers[8] = {op_push, op_add, op_mul, op_xor,
                                  op_rot,  op_pop, op_swap, op_nop};

#define PROGRAM_LEN 1024

/* Runs a pseudo-random program of PROGRAM_LEN opcodes n times. */
__attribute__((export_name("bench_run"))) uint32_t bench_run(int n) {
  uint8_t code[PROGRAM_LEN];
  uint32_t imm[PROGRAM_LEN];
  uint32_t x = 1234567u;
  for (int i = 0; i < PROGRAM_LEN; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    code[i] = (uint8_t)(x & 7);
    imm[i] = x >> 3;
  }
  vm m = {{0}, 0, 0};
  for (int r = 0; r < n; r++)
    for (int i = 0; i < PROGRAM_LEN; i++) handlers[code[i]](&m, imm[i] + r);
  return m.acc ^ (uint32_t)m.sp;
}
