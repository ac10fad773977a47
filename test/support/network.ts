// Reaching a port from outside loopback: what a listener on 127.0.0.1 only must refuse.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

/** An address of this machine that is not loopback, if it has one (IPv4 preferred). */
export function nonLoopbackAddress(): string | undefined {
  const all = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal);
  return (all.find((a) => a.family === 'IPv4') ?? all.find((a) => a.family === 'IPv6' && !a.address.startsWith('fe80')))?.address;
}

/** 'connected', or the error code of the refused connection. */
export function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.setTimeout(5_000, () => {
      socket.destroy();
      done('timeout');
    });
    socket.once('connect', () => {
      socket.destroy();
      done('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}
