// Every lifecycle transition, allowed and refused, against a table written out here on its own
// (not read back from referrals/lifecycle.ts), and what the channel may show of typed text.
import { describe, expect, it } from 'vitest';
import { ACTIONS, nextStatus } from '../referrals/lifecycle.ts';
import type { LifecycleAction } from '../referrals/lifecycle.ts';
import { REFERRAL_STATUSES } from '../referrals/status.ts';
import type { ReferralStatus } from '../referrals/status.ts';
import { withoutIdentity } from '../dispatch/view.ts';

// action → { from status: to status }; every pair not listed must be refused.
const EXPECTED: Record<LifecycleAction, Partial<Record<ReferralStatus, ReferralStatus>>> = {
  TAKE_UP: { SUBMITTED: 'TAKEN_UP', WAITING_LIST: 'TAKEN_UP' },
  WAITING_LIST: { SUBMITTED: 'WAITING_LIST' },
  DECLINE: { SUBMITTED: 'DECLINED', WAITING_LIST: 'DECLINED' },
  WITHDRAW: { SUBMITTED: 'WITHDRAWN', WAITING_LIST: 'WITHDRAWN' },
  ASK_INFO: { SUBMITTED: 'SUBMITTED', WAITING_LIST: 'WAITING_LIST' },
  ANSWER_INFO: { SUBMITTED: 'SUBMITTED', WAITING_LIST: 'WAITING_LIST' },
  FIRST_CONTACT: { TAKEN_UP: 'TAKEN_UP' },
  INTAKE: { TAKEN_UP: 'INTAKE' },
  START: { TAKEN_UP: 'RUNNING', INTAKE: 'RUNNING' },
  EVALUATE: { RUNNING: 'RUNNING' },
  CLOSE: { RUNNING: 'CLOSED' },
  STOP_EARLY: { TAKEN_UP: 'STOPPED_EARLY', INTAKE: 'STOPPED_EARLY', RUNNING: 'STOPPED_EARLY' },
};

const cases = ACTIONS.flatMap((action) => REFERRAL_STATUSES.map((from) => [action, from, EXPECTED[action][from] ?? null] as const));

describe('the referral lifecycle', () => {
  it('covers every action and status', () => {
    expect(cases).toHaveLength(ACTIONS.length * REFERRAL_STATUSES.length);
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(cases)('%s from %s → %s', (action, from, to) => {
    expect(nextStatus(action, from)).toBe(to);
  });

  it('never leaves a closed state, and a draft only by being sent', () => {
    for (const end of ['DECLINED', 'WITHDRAWN', 'CLOSED', 'STOPPED_EARLY', 'DRAFT'] as const) {
      for (const action of ACTIONS) expect(nextStatus(action, end)).toBeNull();
    }
  });
});

describe('typed text in the dispatch channel', () => {
  const who = { firstName: 'Ali', lastInitial: 'B', birthYear: 2011 };

  it.each([
    ['Ali spijbelt sinds 2011 niet meer', 'De leerling spijbelt sinds [jaartal] niet meer'],
    ['Volgens ali B. gaat het beter; ALI zegt dat ook. Ali wil wel.', 'Volgens de leerling gaat het beter; de leerling zegt dat ook. De leerling wil wel.'],
    ['Een reis naar Alicante in 20112', 'Een reis naar Alicante in 20112'],
    ['Geboren 2011-03-04', 'Geboren [jaartal]-03-04'],
    ['Ali’s moeder belde. Volgens ali\'s mentor gaat het beter.', 'De moeder van de leerling belde. Volgens de mentor van de leerling gaat het beter.'],
    ['(geboren 2011)', '(geboren [jaartal])'],
  ])('%s → %s', (typed, shown) => {
    expect(withoutIdentity(typed, who)).toBe(shown);
  });

  it('leaves text alone when the referral names no pupil', () => {
    expect(withoutIdentity('De klas van meneer Ali', { className: '3A' })).toBe('De klas van meneer Ali');
  });
});
