#!/usr/bin/env node
/**
 * The `rt` executable: {@link main} with the process's own streams, environment and directory.
 * stdin/stdout/stderr are the host fds 0, 1 and 2 read and written synchronously, because WASI's
 * `fd_read`/`fd_write` are synchronous calls from the guest.
 * @packageDocumentation
 */
import { fdInput, fdOutput } from '@rt/wasi/node';
import { main } from './main.js';

void main(process.argv.slice(2), {
  stdin: fdInput(0),
  stdout: fdOutput(1),
  stderr: fdOutput(2),
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
