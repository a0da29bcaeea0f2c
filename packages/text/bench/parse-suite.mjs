// Parses every script of the 3.0 suite and encodes every module in it (text, quoted and
// binary): the time a spec runner spends in @rt/text. Needs `pnpm build` first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWast } from '../dist/index.js';

const root = new URL('../../../../shared/testsuite/wasm-3.0/', import.meta.url).pathname;
const files = [];
for (const dir of ['', 'custom', 'legacy']) {
  for (const f of readdirSync(join(root, dir))) if (f.endsWith('.wast')) files.push(join(root, dir, f));
}
const sources = files.map((f) => readFileSync(f, 'utf8'));
const bytes = sources.reduce((n, s) => n + s.length, 0);
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  let modules = 0;
  let rejected = 0;
  for (const s of sources) {
    for (const c of parseWast(s)) {
      if (!c.module || c.module.kind === 'instance') continue;
      try {
        c.module.encode();
        modules++;
      } catch {
        rejected++;
      }
    }
  }
  const ms = performance.now() - t0;
  console.log(`${files.length} scripts, ${(bytes / 1e6).toFixed(1)} MB: ${modules} modules encoded, ${rejected} rejected, in ${ms.toFixed(0)} ms`);
}
