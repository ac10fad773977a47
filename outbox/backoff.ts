// When to try a failed send again. Pure functions, so the rules are tested without a clock.

export interface RetryPolicy {
  /** The first retry waits up to this long; every further one up to twice as long as the one before. */
  baseMs: number;
  /** No wait (before Retry-After) is longer than this. */
  capMs: number;
  /**
   * How long after it was created an entry is still retried (OUTBOX_RETRY_HOURS, default a day):
   * a Teams outage of hours must not lose a card. Counted in time, not attempts, because a capped
   * backoff makes attempts a poor measure of how long it was tried.
   */
  giveUpAfterMs: number;
  /** Failed send attempts after which an entry is given up as well (default: no such limit). */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1_000, capMs: 5 * 60_000, giveUpAfterMs: 24 * 3_600_000, maxAttempts: Number.POSITIVE_INFINITY };

/** While the database cannot be read, an entry is put back this long (with jitter) without using up an attempt. */
export const PREPARE_RETRY_MS = 30_000;

/** A Retry-After beyond this is taken as this: a misconfigured proxy must not park a message for days. */
const RETRY_AFTER_MAX_MS = 60 * 60_000;

/**
 * Retried: no status (network error, timeout), 408 timeout, 412 (Teams: a concurrent change to
 * the same message), 429 throttled, 5xx. Everything else in 4xx is permanent: 400 a message Teams
 * will never accept, 401/403 the bot is not (or no longer) allowed there, 404 the conversation
 * is gone.
 */
export function isRetryable(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 412 || status === 429 || status >= 500;
}

/**
 * Capped exponential backoff with full jitter (a random wait between 0 and the ceiling, so many
 * entries that failed together do not come back together), never shorter than Retry-After.
 * `attempts` counts the failed attempts including this one (1 after the first failure).
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, RETRY_AFTER_MAX_MS));
}

/** Retry-After as delta-seconds ("120") or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1_000, RETRY_AFTER_MAX_MS);
  // An HTTP date has a weekday and a month name ("Fri, 27 Nov 2026 10:00:30 GMT"); Date.parse alone would take "-5" for a year.
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), RETRY_AFTER_MAX_MS);
}
