// A stand-in for the Bot Framework connector (the service Teams runs at activity.serviceUrl):
// it records every activity the bot sends and answers like the real one, with an id.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  /** POST: a new message; PUT: the bot replaced one of its earlier messages. */
  method: string;
  /** The id the stub gave the message (as Teams does), which a card submit refers to. */
  id: string;
  path: string;
  authorization: string | undefined;
  body: {
    type?: string;
    text?: string;
    attachments?: Array<{ contentType: string; content: unknown }>;
    conversation?: { id: string };
    replyToId?: string;
  };
}

export interface ConnectorStub {
  url: string;
  sent: SentActivity[];
  /** Resolves with the first recorded activity that matches, waiting for it if needed. */
  waitFor(match: (a: SentActivity) => boolean, timeoutMs?: number): Promise<SentActivity>;
  close(): Promise<void>;
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  const sent: SentActivity[] = [];
  const waiters = new Set<() => void>();
  let next = 1;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const id = `stub-activity-${next++}`;
      sent.push({ method: req.method ?? 'POST', id, path: req.url ?? '', authorization: req.headers.authorization, body: raw ? (JSON.parse(raw) as SentActivity['body']) : {} });
      // Not chained: restify patches http.ServerResponse in this process and its writeHead returns nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
      for (const wake of waiters) wake();
    });
  });
  // As the service does (server/app.ts): idle connections outlive the client's own limit, so a
  // send never races the server closing its socket (ECONNRESET when the event loop is busy).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = (match: (a: SentActivity) => boolean, timeoutMs = 10_000) =>
    new Promise<SentActivity>((resolve, reject) => {
      const check = () => {
        const found = sent.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`The connector stub received no matching activity within ${timeoutMs} ms (got ${sent.length})`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
