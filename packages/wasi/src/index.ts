/**
 * `@rt/wasi`: WASI preview1 (`wasi_snapshot_preview1`, all 46 functions) for any WebAssembly
 * engine, with swappable file systems and a real sandbox. This entry point has no Node
 * dependencies; the host file system lives in `@rt/wasi/node`.
 * @packageDocumentation
 */
export { WASI, type WASIOptions, type WasiInstance, type WasiImport } from './wasi';
export { WasiExit } from './exit';
export { WasiTrap } from './trap';
export { Errno, WasiError, errnoName, type ErrnoValue } from './errno';
export { Rights } from './rights';
export {
  Advice, Clockid, Eventtype, Fdflags, Filetype, Fstflags, Lookupflags, Oflags, Whence,
  type ClockidValue, type FiletypeValue,
} from './abi/constants';
export type { MemoryLike } from './abi/memory';
export type { WasiFunction } from './context';
export { virtualClock, realClock, blockingSleep, timerSleep, type Clock, type VirtualClockOptions } from './clock';
export { cryptoRandom, seededRandom, type RandomSource } from './random';
export {
  bufferInput, collectOutput, emptyInput, discardOutput,
  type InputStream, type OutputStream, type StdinOption, type StdoutOption, type CollectedOutput,
} from './stdio';
export type { WasiSocket, SocketRecvResult } from './socket';
export type { FileSystem, Stat, DirEntry, OpenFile, OpenAccess } from './fs/interface';
export { MemoryFileSystem, MemoryNode, type MemoryFileSystemOptions, type MemoryTree } from './fs/memory';
export { ReadOnlyFileSystem } from './fs/readonly';
export { WASI_FUNCTION_TYPES, type WasiFunctionType, type WasiValueType } from './signatures';
export {
  AsyncWASI, WAITING_FUNCTIONS, type AsyncWASIOptions, type AsyncWasiImport, type JspiNamespace,
} from './async/async-wasi';
export type { Awaitable } from './async/journal';
export type { AsyncFileSystem, AsyncOpenFile } from './async/fs-interface';
export {
  chunkedInput, iterableInput, readableStreamInput,
  type AsyncInputStream, type AsyncOutputStream, type AsyncStdinOption, type AsyncStdoutOption, type InputChunk,
} from './async/stdio';
export { DeferredFileSystem, type DeferredFileSystemOptions } from './async/deferred-fs';
export { FetchFileSystem, type FetchFileSystemOptions, type FetchFunction, type FetchNode } from './async/fetch-fs';
