/**
 * `@rt/cli`: the `rt` command. The executable is `rt` (dist/bin.js); this entry point exports
 * the same CLI as a function, for embedding and testing.
 * @packageDocumentation
 */
export { main } from './main.js';
export type { CliIO, ByteSink, ByteSource } from './io.js';
export { ExitCode } from './exit-codes.js';
