// Evaluates the matrix's bundle inside QuickJS (quickjs-emscripten: QuickJS compiled to
// WebAssembly, hosted by Node) and prints the report. QuickJS gets no host objects but `print`.
//   node quickjs-host.mjs <quickjs-emscripten module path> <bundle.js>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [modulePath, bundlePath] = process.argv.slice(2);
const { getQuickJS } = await import(pathToFileURL(modulePath).href);
const QuickJS = await getQuickJS();
const runtime = QuickJS.newRuntime();
runtime.setMemoryLimit(1024 * 1024 * 1024);
const vm = runtime.newContext();
const print = vm.newFunction('print', (arg) => {
  console.log(vm.getString(arg));
});
vm.setProp(vm.global, 'print', print);
print.dispose();
const source = `${readFileSync(bundlePath, 'utf8')}\nprint(JSON.stringify(rtMatrix.runCases()));`;
const result = vm.evalCode(source, 'guest.js');
if (result.error) {
  const error = vm.dump(result.error);
  if (process.env.DEBUG) console.error(error, vm.getProp(result.error, "stack").consume(vm.dump));
  result.error.dispose();
  console.log(JSON.stringify({ fatal: typeof error === 'object' ? `${error.name}: ${error.message}` : String(error) }));
  process.exitCode = 1;
} else result.value.dispose();
vm.dispose();
runtime.dispose();
