// The retry rules on their own: which answers are retried, how long a retry waits, Retry-After.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isRetryable, parseRetryAfter, retryDelayMs } from '../outbox/backoff.ts';
import { toTransportError } from '../bot/outboxTransport.ts';

describe('isRetryable', () => {
  it.each([
    [undefined, true],
    [408, true],
    [412, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [413, false],
  ])('%s → %s', (status, retried) => expect(isRetryable(status)).toBe(retried));
});

describe('retryDelayMs: capped exponential backoff with full jitter', () => {
  const policy = DEFAULT_RETRY_POLICY; // 1 s · 2^(n-1), at most 5 min
  it('doubles the ceiling per attempt up to the cap', () => {
    const top = (n: number) => retryDelayMs(n, policy, () => 0.999_999);
    expect([1, 2, 3, 4, 5, 9, 10, 30].map((n) => Math.round(top(n) / 1000))).toEqual([1, 2, 4, 8, 16, 256, 300, 300]);
  });
  it('spreads over the whole range (full jitter), down to no wait at all', () => {
    expect(retryDelayMs(4, policy, () => 0)).toBe(0);
    expect(retryDelayMs(4, policy, () => 0.5)).toBe(4_000);
  });
  it('never waits less than Retry-After, even beyond the cap, up to an hour', () => {
    expect(retryDelayMs(1, policy, () => 0, 7_000)).toBe(7_000);
    expect(retryDelayMs(10, policy, () => 0.999_999, 2_000)).toBeGreaterThan(299_000);
    expect(retryDelayMs(1, policy, () => 0, 600_000)).toBe(600_000);
    expect(retryDelayMs(1, policy, () => 0, 86_400_000)).toBe(3_600_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');
  it.each([
    ['120', 120_000],
    [' 3 ', 3_000],
    ['0', 0],
    ['Fri, 27 Nov 2026 10:00:30 GMT', 30_000],
    ['Fri, 27 Nov 2026 09:59:00 GMT', 0],
    ['999999', 3_600_000],
    ['soon', undefined],
    ['-5', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %s', (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));
});

describe('toTransportError: what botbuilder throws, as the worker reads it', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] });
  it('a RestError with a status: the status, the Bot Framework code and message, Retry-After', () => {
    const error = Object.assign(new Error('The bot is not part of the conversation roster.'), { name: 'RestError', statusCode: 403, code: 'BotNotInConversationRoster', response: { headers: headers({}) } });
    expect(toTransportError(error, now)).toMatchObject({ status: 403, message: 'BotNotInConversationRoster The bot is not part of the conversation roster.', retryAfterMs: undefined });
    const throttled = Object.assign(new Error(''), { statusCode: 429, response: { headers: headers({ 'retry-after': '4' }) } });
    expect(toTransportError(throttled, now)).toMatchObject({ status: 429, retryAfterMs: 4_000, message: 'Too Many Requests' });
  });
  it('no status (refused, reset, DNS): a network error', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toTransportError(error, now)).toMatchObject({ status: undefined, message: 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1' });
    expect(toTransportError('odd', now)).toMatchObject({ status: undefined, message: 'odd' });
  });
});
