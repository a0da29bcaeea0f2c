/**
 * What fuel costs: the one definition every tier charges by, so that the same program with the
 * same input consumes the same fuel whichever tier runs it.
 *
 * Fuel is charged at *checkpoints*: a function's entry (once per call) and a loop's header (on
 * entering the loop and on every branch back to it). Each checkpoint charges the number of Wasm
 * instructions lexically in its region: the function body, or the loop body, without the
 * instructions of loops nested in it (those belong to the nested loop's checkpoint; the `loop`
 * instruction itself belongs to the enclosing region, its `end` to the loop). So a call costs its
 * body's straight-line size once, and every iteration of a loop its body's size: an upper bound
 * of the instructions executed that costs one subtraction per checkpoint, like wasmi's per-block
 * charges and wasmtime's fuel checks at function entries and loop headers.
 *
 * A checkpoint first stops if the fuel left is zero or less, and only then charges (the charge
 * may overdraw): execution stops only at checkpoints, before anything of the region ran, so a
 * stopped call can resume there exactly, and any positive amount of fuel makes progress.
 * @packageDocumentation
 */
import { OPCODE_BY_ID, Op, type Expr, type InstructionStream } from '@rt/binary';

/** The fuel cost of each checkpoint of one function. */
export interface FuelCosts {
  /** Charged at the function's entry. */
  readonly entry: number;
  /** Charged at each loop header, by the index of the `loop` instruction. */
  readonly loops: ReadonlyMap<number, number>;
}

/** Opcode ids that open a block closed by `end` (or, for the legacy `try`, by `delegate`). */
const OPENS_BLOCK = new Set(OPCODE_BY_ID.flatMap((o, id) => (o !== undefined && (o.imm === 'blocktype' || o.imm === 'try_table') ? [id] : [])));
/** Opcode ids that end a block other than by `end`: the legacy exception proposal's `delegate`. */
const CLOSES_BLOCK = new Set(OPCODE_BY_ID.flatMap((o, id) => (o !== undefined && o.name === 'delegate' ? [id] : [])));

/** Computes the checkpoint costs of the function body `body` of `ins`. */
export function fuelCosts(ins: InstructionStream, body: Expr): FuelCosts {
  const ops = ins.ops;
  const loops = new Map<number, number>();
  let entry = 0;
  // One entry per open block: the `loop` instruction's index for a loop, -1 for other blocks.
  const open: number[] = [];
  // The open loops' indices, innermost last: the region being counted is the last one.
  const regions: number[] = [];
  for (let i = body.start; i < body.end; i++) {
    const op = ops[i]!;
    const region = regions.length > 0 ? regions[regions.length - 1]! : -1;
    if (region < 0) entry++;
    else loops.set(region, loops.get(region)! + 1);
    if (op === Op.loop) {
      open.push(i);
      regions.push(i);
      loops.set(i, 0);
    } else if (OPENS_BLOCK.has(op)) open.push(-1);
    else if (op === Op.end || CLOSES_BLOCK.has(op)) {
      if (open.length > 0 && open.pop()! >= 0) regions.pop();
    }
  }
  // A loop whose body is only its `end` still costs 1 per iteration (its region counted it).
  return { entry, loops };
}
