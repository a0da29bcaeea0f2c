import type { TraceEvent } from './trace.js';

/** Where two traces first differ, or `null` when they agree. */
export function firstDifference(a: readonly TraceEvent[], b: readonly TraceEvent[]): string | null {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = JSON.stringify(a[i] ?? null);
    const y = JSON.stringify(b[i] ?? null);
    if (x !== y) return `event ${i}: ${x} vs ${y}`;
  }
  return null;
}
