/**
 * Names the browser's JavaScript engine for the page's header.
 * @packageDocumentation
 */

/** `V8 (Chrome 150)`, `JavaScriptCore (Safari 18)`, `SpiderMonkey (Firefox 140)`, or the user agent. */
export function jsEngineName(): string {
  const ua = navigator.userAgent;
  const firefox = /Firefox\/(\d+)/.exec(ua);
  if (firefox) return `SpiderMonkey (Firefox ${firefox[1]})`;
  const chrome = /(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/.exec(ua);
  if (chrome) return `V8 (Chromium ${chrome[1]})`;
  const safari = /Version\/(\d+).*Safari/.exec(ua);
  if (safari) return `JavaScriptCore (Safari ${safari[1]})`;
  return ua;
}
