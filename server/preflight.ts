// Checks before the service opens its database, so that a start-up failure names its real cause
// ("port in use", "PostgreSQL not reachable", "data folder not writable or in use") instead of a
// driver's error text three layers down, and so that a second `npm start` on the same port
// stops before it opens the same PGlite folder (PGlite has no lock of its own).
import { createServer } from 'node:net';

/** A start-up failure whose message is complete and meant for the person starting the service. */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}

export function portInUse(port: number): StartupError {
  return new StartupError(`Port ${port} is already in use (is another \`npm start\` still running?) — stop it or set PORT`);
}

/** Fails with portInUse when `port` cannot be bound on `host` (all interfaces when undefined). */
export async function assertPortFree(port: number, host: string | undefined): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((done, fail) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? portInUse(port) : error));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => done()));
  });
}

/** Connects once and runs a trivial query; fails with a StartupError that says what went wrong. */
export async function checkPostgres(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  // pg reports a dropped connection as an 'error' event; without a listener it would crash us.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupError(describePostgresError(url, error), { cause: error });
  } finally {
    await client.end().catch(() => {});
  }
}

export function describePostgresError(url: string, error: unknown): string {
  let where = 'the server in DATABASE_URL';
  let user = '';
  let database = '';
  try {
    const parsed = new URL(url); // never the whole URL: it may hold a password
    where = parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
    user = decodeURIComponent(parsed.username);
    database = decodeURIComponent(parsed.pathname.slice(1));
  } catch {
    // keep the generic wording
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `PostgreSQL is not reachable at ${where} (connection refused) — check DATABASE_URL and that PostgreSQL is running`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `PostgreSQL is not reachable: the host in DATABASE_URL (${where}) is not known — check DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `PostgreSQL is not reachable at ${where} (${code}) — check DATABASE_URL, that PostgreSQL is running and the network`;
    case '3D000':
      return `PostgreSQL at ${where} has no database "${database}" — create it or fix DATABASE_URL`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the login${user ? ` of user "${user}"` : ''} — check the user and password in DATABASE_URL`;
    default:
      if (/timeout/i.test(message)) return `PostgreSQL is not reachable at ${where} (no answer within 5 s) — check DATABASE_URL and that PostgreSQL is running`;
      return `PostgreSQL at ${where} did not accept the connection: ${oneLine(message)} — check DATABASE_URL`;
  }
}

/** Driver messages span lines (Prisma adds advice); a log line should not. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
