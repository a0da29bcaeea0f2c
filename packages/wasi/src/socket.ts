/**
 * Host-provided sockets. Preview1 cannot create sockets, so they exist only when the host passes
 * them in (`new WASI({ sockets: [...] })`); they get fds after the preopens.
 * @packageDocumentation
 */

/** What `recv` returns. */
export interface SocketRecvResult {
  /** Bytes placed into the buffers. */
  bytes: number;
  /** True when a datagram was longer than the buffers and its tail was dropped. */
  truncated?: boolean;
}

/**
 * A socket-like object the guest can use with `sock_recv`, `sock_send`, `sock_shutdown`,
 * `sock_accept`, `fd_read`, `fd_write` and `poll_oneoff`. Methods are synchronous; throw a
 * {@link WasiError} (e.g. `again` when nothing is available) to report an error.
 */
export interface WasiSocket {
  /** `stream` (TCP-like) or `dgram` (UDP-like); reported as the fd's filetype. */
  readonly kind: 'stream' | 'dgram';
  /** Receives into `buf`; `peek` leaves the data queued. 0 bytes means the peer closed. */
  recv(buf: Uint8Array, flags: { peek: boolean; waitall: boolean }): SocketRecvResult;
  /** Sends `data`; returns the bytes accepted. */
  send(data: Uint8Array): number;
  /** Shuts down the read and/or write side. */
  shutdown(how: { read: boolean; write: boolean }): void;
  /** For a listening socket: a new connection, or `null` when none is pending (`again`). */
  accept?(): WasiSocket | null;
  /** Whether a read (or, with `write`, a write) would not block. Default: always ready. */
  ready?(write: boolean): boolean;
  /** Called when the guest closes the fd. */
  close?(): void;
}
