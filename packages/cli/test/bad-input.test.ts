/**
 * Every command on byte sequences that are not valid modules: the decoder's or validator's
 * error with its byte offset and the documented exit code, never an internal error (exit 70).
 * The inputs are the mutation mode's minimised findings (tools/differential/regressions, each
 * of which once crashed the engine's compile path) and seeded mutants of the hello example.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { REPO } from './helpers/cli.js';
import { memoryIO } from './helpers/memory-io.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'rt-bad-input-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const regressions = path.join(REPO, 'tools/differential/regressions');
const files = readdirSync(regressions).filter((f) => f.endsWith('.wasm')).map((f) => path.join(regressions, f));

/** Mutants of hello.wasm: one byte replaced, or the module cut short (seeded, reproducible). */
function mutants(count: number): string[] {
  const base = new Uint8Array(readFileSync(path.join(REPO, 'examples/hello/hello.wasm')));
  let state = 0x2545f491;
  const next = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const m = k % 4 === 0 ? base.slice(0, 8 + next(base.length - 8)) : base.slice();
    if (k % 4 !== 0) m[8 + next(base.length - 8)] = next(256);
    const file = path.join(tmp, `mutant-${k}.wasm`);
    writeFileSync(file, m);
    out.push(file);
  }
  return out;
}

async function rt(args: string[]): Promise<{ code: number; err: string }> {
  const io = memoryIO({ cwd: REPO });
  const code = await main(args, io);
  return { code, err: io.err() };
}

const AT_BYTE = /at byte 0x[0-9a-f]+/;

describe('commands on invalid or malformed modules', () => {
  for (const file of [...files, ...mutants(120)]) {
    it(path.basename(file), async () => {
      const validate = await rt(['validate', file]);
      expect(validate.err).not.toContain('internal error');
      // 0: the mutant is still valid; 1: invalid; 2: it does not decode.
      expect([ExitCode.ok, ExitCode.invalid, ExitCode.usage]).toContain(validate.code);
      if (validate.code !== ExitCode.ok) expect(validate.err).toMatch(AT_BYTE);

      const inspect = await rt(['inspect', '--json', file]);
      expect(inspect.err).not.toContain('internal error');
      expect(inspect.code).toBe(validate.code === ExitCode.usage ? ExitCode.usage : ExitCode.ok);

      // Running a still-valid mutant could do anything (loop forever); the others must not run.
      if (validate.code !== ExitCode.ok) {
        const run = await rt(['run', file]);
        expect(run.err).not.toContain('internal error');
        expect(run.code).toBe(ExitCode.usage);
        expect(run.err).toMatch(AT_BYTE);
      }
    });
  }
});
