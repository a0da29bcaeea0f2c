/**
 * `@rt/wasi/node`: everything of `@rt/wasi`, plus what needs Node — a file system over a host
 * directory and standard streams over host fds.
 * @packageDocumentation
 */
export * from './index';
export { HostFileSystem, type HostFileSystemOptions } from './node/host-fs';
export { fdInput, fdOutput } from './node/stdio';
