/**
 * The playground page: pick a program, give it arguments, files and stdin, run it on rt in a
 * worker, and watch its output arrive. `?program=NAME&tier=TIER&autorun` runs at once (the
 * browser tests use it); the last run is kept in `window.rtLastRun` for them.
 * @packageDocumentation
 */
import { PROGRAMS, type ProgramEntry } from './programs.js';
import type { HostFacts, RunEvent, RunRequest, TierChoice } from './protocol.js';
import { Command, RunControl } from './run-control.js';
import { createStdinBuffer, StdinWriter } from './shared-stdin.js';
import { splitArgs } from './split-args.js';
import { hostFacts } from './host-facts.js';
import { jsEngineName } from './js-engine.js';

/** What a finished run leaves for tests and for a person reading the page. */
export interface LastRun {
  state: 'running' | 'paused' | 'done' | 'error' | 'stopped';
  stdout: string;
  stderr: string;
  exitCode?: number;
  tiers?: string;
  error?: string;
  host?: HostFacts;
  runMs?: number;
  /** Fuel used (the last count while running, the total when done). */
  fuelConsumed?: number;
  /** Why the run is paused. */
  pausedFor?: string;
  /** What was typed into stdin while the program ran. */
  stdin?: string;
  /** The guest's files after the run. */
  files?: Readonly<Record<string, string>>;
}

declare global {
  interface Window {
    rtLastRun?: LastRun;
  }
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const programSelect = $<HTMLSelectElement>('program');
const tierSelect = $<HTMLSelectElement>('tier');
const argsInput = $<HTMLInputElement>('args');
const stdinInput = $<HTMLTextAreaElement>('stdin');
const filesBox = $<HTMLDivElement>('files');
const output = $<HTMLPreElement>('output');
const runButton = $<HTMLButtonElement>('run');
const stopButton = $<HTMLButtonElement>('stop');
const status = $<HTMLSpanElement>('status');
const result = $<HTMLParagraphElement>('result');
const written = $<HTMLDivElement>('written');

const interactive = $<HTMLInputElement>('interactive');
const stdinForm = $<HTMLFormElement>('stdin-form');
const stdinLine = $<HTMLInputElement>('stdin-line');
const stdinState = $<HTMLSpanElement>('stdin-state');
/** Typing into a running program needs SharedArrayBuffer, so a cross-origin isolated page. */
const canType = typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;

const fuelInput = $<HTMLInputElement>('fuel');
const pauseButton = $<HTMLButtonElement>('pause');
const fuelUsed = $<HTMLSpanElement>('fuel-used');

let worker: Worker | undefined;
let control: RunControl | undefined;
let stdinWriter: StdinWriter | undefined;
let startedAt = 0;
let ticker: ReturnType<typeof setInterval> | undefined;

function addFile(name: string, content: string): void {
  const row = document.createElement('div');
  row.className = 'file';
  const nameInput = Object.assign(document.createElement('input'), { value: name, placeholder: 'name', spellcheck: false });
  const text = Object.assign(document.createElement('textarea'), { value: content, rows: 2, spellcheck: false });
  const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: '×', title: 'remove' });
  remove.addEventListener('click', () => row.remove());
  row.append(nameInput, text, remove);
  filesBox.append(row);
}

function currentFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const row of filesBox.querySelectorAll('.file')) {
    const [name, text] = row.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
    const path = name!.value.replace(/^\/+/, '');
    if (path !== '') files[path] = text!.value;
  }
  return files;
}

function selectProgram(entry: ProgramEntry): void {
  programSelect.value = entry.name;
  $('description').textContent = entry.description;
  argsInput.value = entry.args;
  stdinInput.value = entry.stdin;
  filesBox.replaceChildren();
  for (const [name, content] of Object.entries(entry.files)) addFile(name, content);
}

function showHost(facts: HostFacts): void {
  $('host').innerHTML =
    `JavaScript engine: <b>${jsEngineName()}</b> · native WebAssembly: <b>${nativeState(facts)}</b>` +
    ` · code generation (<code>new Function</code>): <b>${facts.codeGeneration ? 'allowed' : 'refused: rt interprets'}</b>`;
}

function nativeState(facts: HostFacts): string {
  if (!facts.nativeWebAssembly) return hideNativeWebAssembly ? 'absent (removed by ?wasm=off)' : 'absent';
  return facts.nativeCompile ? 'present (not used)' : 'present but refused by the CSP';
}

function append(text: string, className?: string): void {
  const span = document.createElement('span');
  if (className !== undefined) span.className = className;
  span.textContent = text;
  output.append(span);
  output.scrollTop = output.scrollHeight;
}

function finish(state: LastRun['state']): void {
  worker?.terminate();
  worker = undefined;
  if (ticker !== undefined) clearInterval(ticker);
  runButton.disabled = false;
  stopButton.disabled = true;
  stdinForm.hidden = true;
  stdinWriter = undefined;
  control = undefined;
  pauseButton.disabled = true;
  pauseButton.textContent = 'Pause';
  window.rtLastRun!.state = state;
  document.body.dataset.state = state;
}

function onEvent(event: RunEvent): void {
  const run = window.rtLastRun!;
  switch (event.type) {
    case 'host':
      run.host = event.facts;
      showHost(event.facts);
      break;
    case 'stdout':
      run.stdout += event.text;
      append(event.text);
      break;
    case 'stderr':
      run.stderr += event.text;
      append(event.text, 'stderr');
      break;
    case 'stdin-wait':
      stdinWriter?.request();
      break;
    case 'fuel':
      run.fuelConsumed = event.consumed;
      fuelUsed.textContent = `fuel ${event.consumed.toLocaleString('en')}`;
      break;
    case 'paused':
      Object.assign(run, { state: 'paused', fuelConsumed: event.consumed, pausedFor: event.reason });
      document.body.dataset.state = 'paused';
      fuelUsed.textContent = `fuel ${event.consumed.toLocaleString('en')}`;
      status.textContent = event.reason === 'fuel limit' ? 'paused: fuel limit reached' : 'paused';
      if (ticker !== undefined) clearInterval(ticker);
      pauseButton.textContent = 'Resume';
      pauseButton.disabled = false;
      break;
    case 'resumed':
      run.state = 'running';
      document.body.dataset.state = 'running';
      startTicker();
      break;
    case 'done': {
      Object.assign(run, { exitCode: event.exitCode, tiers: event.tiers.summary, runMs: event.runMs, files: event.files, fuelConsumed: event.fuelConsumed });
      fuelUsed.textContent = '';
      result.innerHTML = `exit code <b>${event.exitCode}</b> · compile ${event.compileMs.toFixed(1)} ms · run ${event.runMs.toFixed(1)} ms · fuel <b>${event.fuelConsumed.toLocaleString('en')}</b> · functions by tier: <b>${event.tiers.summary}</b>`;
      written.replaceChildren();
      for (const [path, content] of Object.entries(event.files)) {
        if (currentFiles()[path.slice(1)] === content) continue;
        const h = Object.assign(document.createElement('h2'), { textContent: `${path} (written by the program)` });
        const pre = Object.assign(document.createElement('pre'), { textContent: content });
        written.append(h, pre);
      }
      status.textContent = 'finished';
      finish('done');
      break;
    }
    case 'error':
      run.error = event.message;
      append(`\n${event.message}\n`, 'stderr');
      status.textContent = 'failed';
      finish('error');
      break;
  }
}

async function run(): Promise<void> {
  const entry = PROGRAMS.find((p) => p.name === programSelect.value)!;
  output.replaceChildren();
  result.textContent = '';
  written.replaceChildren();
  window.rtLastRun = { state: 'running', stdout: '', stderr: '' };
  document.body.dataset.state = 'running';
  runButton.disabled = true;
  stopButton.disabled = false;
  status.textContent = 'loading…';
  const bytes = await (await fetch(entry.url)).arrayBuffer();
  const stdinBuffer = canType && interactive.checked ? createStdinBuffer() : undefined;
  const limit = fuelLimit();
  control = canType ? new RunControl() : undefined;
  if (control !== undefined) control.limit[0] = limit ?? Infinity;
  pauseButton.disabled = control === undefined;
  fuelUsed.textContent = '';
  if (stdinBuffer !== undefined) {
    stdinWriter = new StdinWriter(stdinBuffer, (waiting) => {
      stdinState.textContent = waiting ? 'the program waits for input' : '';
      document.body.dataset.stdin = waiting ? 'waiting' : '';
    });
    stdinWriter.write(new TextEncoder().encode(stdinInput.value));
    stdinForm.hidden = false;
  }
  const request: RunRequest = {
    bytes,
    args: splitArgs(argsInput.value),
    files: currentFiles(),
    stdin: stdinInput.value,
    ...(stdinBuffer === undefined ? {} : { stdinBuffer }),
    ...(limit === undefined ? {} : { fuelLimit: limit }),
    ...(control === undefined ? {} : { control: control.buffer }),
    tier: tierSelect.value as TierChoice,
    hideNativeWebAssembly,
  };
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (e: MessageEvent<RunEvent>) => onEvent(e.data));
  worker.addEventListener('error', (e) => onEvent({ type: 'error', message: e.message || 'the worker failed to start' }));
  startedAt = performance.now();
  startTicker();
  worker.postMessage(request, [bytes]);
}

/** The fuel limit box as a number of units, or undefined for none. */
function fuelLimit(): number | undefined {
  const n = Number(fuelInput.value.replace(/[\s,_]/g, ''));
  return fuelInput.value.trim() === '' || !(n > 0) ? undefined : n;
}

function startTicker(): void {
  if (ticker !== undefined) clearInterval(ticker);
  ticker = setInterval(() => {
    status.textContent = `running… ${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
  }, 100);
}

for (const p of PROGRAMS) programSelect.append(new Option(p.name, p.name));
programSelect.addEventListener('change', () => selectProgram(PROGRAMS.find((p) => p.name === programSelect.value)!));
$('add-file').addEventListener('click', () => addFile('new.txt', ''));
$('form').addEventListener('submit', (e) => {
  e.preventDefault();
  void run();
});
stdinForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const line = `${stdinLine.value}\n`;
  stdinLine.value = '';
  append(line, 'stdin');
  window.rtLastRun!.stdin = (window.rtLastRun!.stdin ?? '') + line;
  stdinWriter?.write(new TextEncoder().encode(line));
});
$('stdin-end').addEventListener('click', () => stdinWriter?.end());
if (!canType) {
  interactive.disabled = true;
  $('interactive-row').title = 'needs a cross-origin isolated page (SharedArrayBuffer)';
}
pauseButton.addEventListener('click', () => {
  if (control === undefined) return;
  if (window.rtLastRun?.state === 'paused') {
    // Resume: as much fuel again as the limit box says (none: no limit).
    const more = fuelLimit();
    control.limit[0] = more === undefined ? Infinity : (window.rtLastRun.fuelConsumed ?? 0) + more;
    pauseButton.textContent = 'Pause';
    control.send(Command.resume);
  } else {
    pauseButton.disabled = true;
    control.send(Command.pause);
  }
});
stopButton.addEventListener('click', () => {
  append('\n[stopped]\n', 'stderr');
  status.textContent = 'stopped';
  finish('stopped');
});

const params = new URLSearchParams(location.search);
/** `?wasm=off`: run as a browser without WebAssembly would (the page's and the worker's global removed). */
const hideNativeWebAssembly = params.get('wasm') === 'off';
if (hideNativeWebAssembly) delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
selectProgram(PROGRAMS.find((p) => p.name === params.get('program')) ?? PROGRAMS[0]!);
const tier = params.get('tier');
if (tier !== null) tierSelect.value = tier;
if (params.has('interactive')) interactive.checked = true;
const fuelParam = params.get('fuel');
if (fuelParam !== null) fuelInput.value = fuelParam;
showHost(hostFacts());
if (params.has('autorun')) void run();
