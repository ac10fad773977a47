// Local mode has no authentication, so what `npm start` opens without credentials must be
// reachable from this machine only. (The service itself: see http.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground } from '../playground/start.ts';
import type { PlaygroundHandle } from '../playground/start.ts';
import { nonLoopbackAddress, tryConnect } from './support/network.ts';

describe('the Agents Playground', () => {
  let playground: PlaygroundHandle;

  beforeAll(async () => {
    // No bot behind it is needed to see where it listens.
    playground = await startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', port: 0 });
  });
  afterAll(async () => {
    await playground?.close();
  });

  it('listens on 127.0.0.1 only, although the package binds every interface by itself', async () => {
    expect(new URL(playground.url).hostname).toBe('127.0.0.1');
    expect((await fetch(`${playground.url}/_debug/ping`)).status).toBe(200);
    const outside = nonLoopbackAddress();
    if (outside) expect(await tryConnect(outside, playground.port)).toBe('ECONNREFUSED');
  });
});
