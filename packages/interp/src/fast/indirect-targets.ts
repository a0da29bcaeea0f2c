/**
 * The functions a `call_indirect` can be expected to reach, known before any instance exists: the
 * functions the module's own element segments put in (or keep for) that table, of the call's
 * type. The fast tier compares the target it looked up against each of them and calls each
 * through a call site of its own, which the JavaScript engine can inline; a single call site for
 * every target is megamorphic and never inlined (a small dispatch loop through eight handlers ran
 * at 2.85x native with one site, 1.83x with one per handler).
 *
 * This is only a guess about the table's contents: the generated code still looks the target up
 * and checks its type as every tier does, and a target that is none of these (a table the host or
 * `table.set` changed, an imported table) takes the generic call.
 */
import { Op, type FuncType, type Module } from '@rt/binary';

/** Most candidates a call site compares against; a table with more of one type keeps one call site. */
export const MAX_INDIRECT_CANDIDATES = 8;

/** A structural key of a function type (candidates are a guess, so structural equality is enough). */
function typeKey(t: FuncType): string {
  return `${t.params.join(',')}>${t.results.join(',')}`;
}

/** Candidate function indices per table and type key, computed once per module. */
export class IndirectTargets {
  private readonly byTable = new Map<number, Map<string, number[]>>();

  constructor(
    private readonly module: Module,
    private readonly funcTypes: readonly FuncType[],
  ) {}

  /**
   * The distinct functions of type `t` that the module's active segments for `table` and its
   * passive segments (which `table.init` may copy anywhere) hold, in index order; `undefined`
   * when there are none or more than {@link MAX_INDIRECT_CANDIDATES}.
   */
  candidates(table: number, t: FuncType): readonly number[] | undefined {
    let byType = this.byTable.get(table);
    if (byType === undefined) {
      byType = this.collect(table);
      this.byTable.set(table, byType);
    }
    const found = byType.get(typeKey(t));
    return found !== undefined && found.length <= MAX_INDIRECT_CANDIDATES ? found : undefined;
  }

  private collect(table: number): Map<string, number[]> {
    const seen = new Set<number>();
    const ins = this.module.instructions;
    for (const seg of this.module.elements) {
      if (seg.mode === 'declarative' || (seg.mode === 'active' && seg.table !== table)) continue;
      if (seg.init.kind === 'functions') {
        for (const f of seg.init.indices) seen.add(f);
      } else {
        // Only a lone `ref.func x` names a function statically.
        for (const e of seg.init.exprs) {
          if (e.end - e.start === 2 && ins.ops[e.start] === Op.ref_func) seen.add(ins.imms[ins.immStart[e.start]!]!);
        }
      }
    }
    const byType = new Map<string, number[]>();
    for (const f of [...seen].sort((a, b) => a - b)) {
      const key = typeKey(this.funcTypes[f]!);
      const list = byType.get(key);
      if (list === undefined) byType.set(key, [f]);
      else list.push(f);
    }
    return byType;
  }
}
