/**
 * Every module binary of a folder of `.wast` scripts, for tools that want the suite's modules
 * without running its commands (the differential tool's mutation mode seeds from them).
 *
 * Text modules are encoded with wabt exactly as the runner encodes them (`./wabt.ts`); binary
 * modules are taken as written; text-format `assert_malformed` modules (`module quote`) have no
 * binary and are left out, as are modules wabt cannot encode.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScript } from './reader/commands.js';
import { encodeModule } from './wabt.js';

/** One module of a script. */
export interface SuiteBinary {
  /** `script:line` of the module in its script. */
  readonly origin: string;
  /** The command the module belongs to (`module`, `assert_invalid`, …). */
  readonly command: string;
  readonly bytes: Uint8Array;
}

/** The binaries of every module of every `.wast` script in `dir`, in script order. */
export async function suiteBinaries(dir: string): Promise<SuiteBinary[]> {
  const out: SuiteBinary[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.wast')).sort()) {
    const name = file.replace(/\.wast$/, '');
    for (const c of parseScript(new Uint8Array(readFileSync(join(dir, file))))) {
      if (!('module' in c) || typeof c.module !== 'object' || c.module === undefined) continue;
      const enc = await encodeModule(c.module, `${name}:${c.line}`, 'skip');
      if (enc.ok) out.push({ origin: `${name}:${c.line}`, command: c.kind, bytes: enc.bytes });
    }
  }
  return out;
}
