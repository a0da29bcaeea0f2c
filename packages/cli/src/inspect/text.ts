/**
 * The text rendering of an {@link InspectReport}, modelled on `wasm-objdump -h -x`: a section
 * table with offsets and sizes, then one block per kind of entry.
 * @packageDocumentation
 */
import type { InspectReport, LimitsReport } from './report.js';

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;
const named = (name: string | null | undefined): string => (name ? ` <${name}>` : '');
const lim = (l: LimitsReport): string => `initial=${l.min}${l.max === null ? '' : ` max=${l.max}`}`;

/** Renders the report; the result ends with a newline. */
export function renderText(r: InspectReport): string {
  const out: string[] = [];
  const block = (title: string, count: number, lines: string[]): void => {
    if (count === 0) return;
    out.push(`${title}[${count}]:`, ...lines);
  };

  out.push(`${r.file}: ${r.size} bytes${r.moduleName ? `, module <${r.moduleName}>` : ''}`, '', 'Sections:');
  const width = Math.max(0, ...r.sections.map((s) => (s.custom ? 6 : s.name.length)));
  for (const s of r.sections) {
    const label = (s.custom ? 'custom' : s.name).padStart(width);
    const tail = s.custom ? ` "${s.name}"` : s.count === null ? '' : ` count=${s.count}`;
    out.push(`  ${label} start=${hex(s.contentOffset)} end=${hex(s.end)} (size=${hex(s.size)})${tail}`);
  }
  out.push('', 'Section Details:', '');

  block('Type', r.types.length, r.types.map((t) => {
    let body: string;
    if (t.kind === 'struct') body = `struct {${t.fields.join(', ')}}`;
    else if (t.kind === 'array') body = `array ${t.fields[0]}`;
    else body = `(${t.params.join(', ')}) -> ${t.results.length === 0 ? 'nil' : t.results.length === 1 ? t.results[0] : `(${t.results.join(', ')})`}`;
    // GC's subtyping and recursion groups, when the type has any.
    const sub = t.supertypes.length ? ` sub=${t.supertypes.join(',')}` : '';
    const open = t.final ? '' : ' non-final';
    const rec = t.rec.size > 1 ? ` rec=${t.rec.start}..${t.rec.start + t.rec.size - 1}` : '';
    return ` - type[${t.index}] ${body}${sub}${open}${rec}`;
  }));
  block('Import', r.imports.length, r.imports.map((i) => {
    const from = ` <- ${i.module}.${i.name}`;
    switch (i.kind) {
      case 'func': return ` - func[${i.index}] sig=${i.type}${named(i.funcName)}${from}`;
      case 'table': return ` - table[${i.index}] type=${i.element} ${lim(i.limits!)}${i.address === 'i64' ? ' i64' : ''}${from}`;
      case 'memory': return ` - memory[${i.index}] pages: ${lim(i.limits!)}${i.address === 'i64' ? ' i64' : ''}${from}`;
      case 'global': return ` - global[${i.index}] ${i.valueType} mutable=${i.mutable ? 1 : 0}${from}`;
      case 'tag': return ` - tag[${i.index}] sig=${i.type}${from}`;
    }
  }));
  block('Function', r.functions.length, r.functions.map((f) =>
    ` - func[${f.index}] sig=${f.type}${named(f.name)} ${f.signature} size=${f.bodySize} locals=${f.locals} at=${hex(f.bodyOffset)}`));
  block('Table', r.tables.length, r.tables.map((t) => ` - table[${t.index}] type=${t.element} ${lim(t.limits)}${t.address === 'i64' ? ' i64' : ''}`));
  block('Memory', r.memories.length, r.memories.map((m) =>
    ` - memory[${m.index}] pages: ${lim(m.limits)}${m.shared ? ' shared' : ''}${m.address === 'i64' ? ' i64' : ''}`));
  block('Tag', r.tags.length, r.tags.map((t) => ` - tag[${t.index}] sig=${t.type} ${t.signature}`));
  block('Global', r.globals.length, r.globals.map((g) => ` - global[${g.index}] ${g.valueType} mutable=${g.mutable ? 1 : 0} - init ${g.init}`));
  block('Export', r.exports.length, r.exports.map((e) => ` - ${e.kind}[${e.index}]${named(e.funcName)} -> ${JSON.stringify(e.name)}`));
  if (r.start) out.push('Start:', ` - start function: ${r.start.index}${named(r.start.name)}`);
  block('Elem', r.elements.length, r.elements.flatMap((e) => {
    const where = e.mode === 'active' ? ` table=${e.table} offset=(${e.offset})` : '';
    const head = ` - segment[${e.index}] ${e.mode}${where} type=${e.type} count=${e.items.length}`;
    const base = e.offset !== null && /^i32\.const -?\d+$/.test(e.offset) ? Number(e.offset.split(' ')[1]) : 0;
    return [head, ...e.items.map((it, k) => ('func' in it
      ? `  - elem[${base + k}] = func[${it.func}]${named(it.name)}`
      : `  - elem[${base + k}] = ${it.expr}`))];
  }));
  block('Data', r.datas.length, r.datas.map((d) => {
    const where = d.mode === 'active' ? ` memory=${d.memory} offset=(${d.offset})` : '';
    return ` - segment[${d.index}] ${d.mode}${where} size=${d.size} - "${d.preview}${d.size > 32 ? '…' : ''}"`;
  }));
  block('Custom', r.customs.length, r.customs.map((c) => ` - ${JSON.stringify(c.name)} at=${hex(c.offset)} size=${c.size}`));
  return `${out.join('\n')}\n`;
}
