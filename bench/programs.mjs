// The benchmark programs: which module, which export, and how big a problem
// to give it. Default arguments are chosen so that each program takes
// roughly 100 ms under Node 20's native WebAssembly on the development
// machine (2 cores); an interpreter is expected to be 10-100x slower.
//
// `arg(scale)` turns the runner's --scale factor into the argument of
// bench_run so that the amount of *work* scales by that factor, whatever
// the program's complexity. That keeps `--scale 0.01` a meaningful smoke
// run for every program instead of shrinking some to nothing.

const PHI = (1 + Math.sqrt(5)) / 2;

const linear = (base) => (scale) => Math.max(1, Math.round(base * scale));
const squared = (base) => (scale) => Math.max(1, Math.round(base * Math.sqrt(scale)));
const cubed = (base) => (scale) => Math.max(1, Math.round(base * Math.cbrt(scale)));
// fib(n) costs ~PHI^n calls, so scaling the work by s adds log_PHI(s) to n.
const exponential = (base) => (scale) => Math.max(1, base + Math.round(Math.log(scale) / Math.log(PHI)));

/** @type {{name: string, arg: (scale: number) => number, measures: string}[]} */
export const programs = [
  { name: 'fib', arg: exponential(37), measures: 'direct calls and returns (recursive fib)' },
  { name: 'nbody', arg: linear(2_000_000), measures: 'f64 arithmetic and sqrt on a small array of structs' },
  { name: 'matmul', arg: cubed(600), measures: 'f64 multiply-add with strided loads/stores' },
  { name: 'sha256', arg: linear(320), measures: '32-bit rotates, shifts and adds (SHA-256 compression)' },
  { name: 'crc32', arg: linear(40), measures: 'byte loads and table lookups with a carried dependency' },
  { name: 'sieve', arg: linear(25_000_000), measures: 'strided byte stores, memory-bound loops' },
  { name: 'quicksort', arg: linear(1_300_000), measures: 'data-dependent branches, i32 loads/stores, recursion' },
  { name: 'mandelbrot', arg: squared(800), measures: 'tight f64 loop with a data-dependent exit' },
  { name: 'i64hash', arg: linear(2_500_000), measures: 'i64 mul, rem_u, shifts, rotates, popcnt/clz/ctz' },
  { name: 'fnptr', arg: linear(30_000), measures: 'call_indirect dispatch through a table of handlers' },
  { name: 'linkedlist', arg: linear(900), measures: 'pointer chasing, merge sort and many short calls on linked lists' },
  { name: 'statemachine', arg: linear(750), measures: 'a tokenizer state machine: switch dispatch, byte loads, short calls' },
];

/** Every program exports this function: (i32) -> i32 or i64 checksum. */
export const ENTRY = 'bench_run';
