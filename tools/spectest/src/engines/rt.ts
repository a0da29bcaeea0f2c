/**
 * The adapter for rt's own engine, `@rt/interp`.
 *
 * Until `@rt/interp` exports an engine, this returns the reason the engine stage is skipped.
 *
 * Once the package exports its standard JS API (`import { WebAssembly } from '@rt/interp'`), the
 * generic JS-API adapter drives it, with the spec's messages compared. The engine's author may
 * replace this with an adapter over a lower-level API (implement {@link EngineAdapter}, see
 * `./adapter.ts`), e.g. to configure the call-stack limit.
 */
import type { EngineAdapter } from './adapter.js';
import { createJsApiAdapter, type JsApi } from './jsapi.js';
import { loadPackage } from '../stages/load.js';

export async function createRtAdapter(): Promise<EngineAdapter | string> {
  const pkg = await loadPackage('@rt/interp');
  if (!pkg.ok) return pkg.reason;
  const api = pkg.exports['WebAssembly'] as Partial<JsApi> | undefined;
  if (api && typeof api.Module === 'function' && typeof api.Instance === 'function') {
    return createJsApiAdapter(api as JsApi, { name: 'rt', specMessages: true });
  }
  return '@rt/interp does not export an engine yet';
}
