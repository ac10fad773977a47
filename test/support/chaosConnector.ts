// A Bot Framework connector stand-in that misbehaves on purpose: each request gets a scripted
// reply, or one from a policy (random failures), or a plain success. A success is recorded as
// delivered; an error reply or a hang is not (a hanging request is never answered and never
// recorded, like a request lost on the way). Speaks the three calls the outbox transport makes:
// POST /v3/conversations (open a 1:1 chat), POST …/activities (send), PUT …/activities/<id> (update).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = 'ok' | 'hang' | { status: number; headers?: Record<string, string>; body?: unknown };

export interface Delivered {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The id this connector gave the new message (POST) or the id that was replaced (PUT). */
  activityId: string;
  body: Record<string, unknown>;
  /** The test's clock when it arrived (if the connector was given one). */
  at: number | undefined;
}

export interface CreatedConversation {
  id: string;
  body: Record<string, unknown>;
}

export interface ChaosConnector {
  url: string;
  delivered: Delivered[];
  created: CreatedConversation[];
  /** Every request that arrived, with how it was answered ("ok", "hang" or the status), its Retry-After, and the test's clock then. */
  log: Array<{ method: string; path: string; reply: string; retryAfter: string | undefined; at: number | undefined }>;
  /** Replies for the next requests, in order, before the policy. */
  script(...replies: Reply[]): void;
  /** The reply for anything not scripted (default: "ok"). */
  policy: (request: { method: string; path: string }) => Reply;
  close(): Promise<void>;
}

export async function startChaosConnector(opts: { policy?: ChaosConnector['policy']; clock?: () => Date } = {}): Promise<ChaosConnector> {
  const delivered: Delivered[] = [];
  const created: CreatedConversation[] = [];
  const log: ChaosConnector['log'] = [];
  const scripted: Reply[] = [];
  let next = 1;
  const connector: ChaosConnector = {
    url: '',
    delivered,
    created,
    log,
    script: (...replies) => void scripted.push(...replies),
    policy: opts.policy ?? (() => 'ok'),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const reply = scripted.shift() ?? connector.policy({ method, path });
      log.push({ method, path, reply: typeof reply === 'string' ? reply : String(reply.status), retryAfter: typeof reply === 'string' ? undefined : reply.headers?.['retry-after'], at: opts.clock?.().getTime() });
      if (reply === 'hang') return; // never answered, never recorded; the socket closes when the client gives up
      if (reply !== 'ok') {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body ?? { error: { code: 'Chaos', message: `chaos ${reply.status}` } }));
        return;
      }
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const send = /^\/v3\/conversations\/([^/]+)\/activities\/?$/.exec(path);
      const update = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(path);
      let answer: Record<string, unknown>;
      if (method === 'POST' && path === '/v3/conversations') {
        const id = `a:personal-${next++}`;
        created.push({ id, body });
        answer = { id };
      } else if (method === 'POST' && send?.[1]) {
        const activityId = `activity-${next++}`;
        delivered.push({ method: 'POST', conversationId: decodeURIComponent(send[1]), activityId, body, at: opts.clock?.().getTime() });
        answer = { id: activityId };
      } else if (method === 'PUT' && update?.[1] && update[2]) {
        const activityId = decodeURIComponent(update[2]);
        delivered.push({ method: 'PUT', conversationId: decodeURIComponent(update[1]), activityId, body, at: opts.clock?.().getTime() });
        answer = { id: activityId };
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: `${method} ${path}` } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connector.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return connector;
}
