// Every card button, pressed by every kind of person, on a referral in every state, in a channel
// and in a 1:1 chat — through the real /api/messages endpoint, on both databases. Teams does not
// sign a card action's data, so any of these can be sent by anyone who chats with the bot.
// Allowed or refused as the rules say (written out below, independently of dispatch/access.ts);
// a refusal writes nothing and contains nothing of the referral: no name, initial, birth year,
// school, referrer, typed text or reference.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeTrajectory } from '../dispatch/close.ts';
import { askInfo, recordStep, takeUp } from '../dispatch/decide.ts';
import { DISPATCH_VERBS } from '../cards/dispatch/actions.ts';
import type { DispatchVerb } from '../cards/dispatch/actions.ts';
import { submitReferral } from '../referrals/submit.ts';
import { BOT } from './support/activities.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { STEP_ANSWERS } from './support/referralAnswers.ts';
import { completeDraft } from './support/seededDatabase.ts';
import { useService } from './support/serviceFixture.ts';
import { CHANNEL_ID, TEAM_ID, TENANT_ID } from './support/teams.ts';

type Identity = 'none' | 'unknown' | 'otherClb' | 'referrer' | 'otherOrganisation' | 'otherRegion' | 'otherBegeleider' | 'owner';
const IDENTITIES: readonly Identity[] = ['none', 'unknown', 'otherClb', 'referrer', 'otherOrganisation', 'otherRegion', 'otherBegeleider', 'owner'];
type State = 'submitted' | 'takenUp' | 'closed';
const STATES: readonly State[] = ['submitted', 'takenUp', 'closed'];
type Place = 'channel' | 'personal';
const PLACES: readonly Place[] = ['channel', 'personal'];

// The rules, as the product promises them (README, DOMAIN.md "Rules").
const PARTNERS_OF_REGION: readonly Identity[] = ['otherOrganisation', 'otherBegeleider', 'owner'];
function allowed(identity: Identity, verb: DispatchVerb, state: State): boolean {
  if (verb === 'view') return identity === 'referrer' || PARTNERS_OF_REGION.includes(identity);
  if (verb === 'answerConfirm') return identity === 'referrer';
  if (['takeUp', 'takeUpConfirm', 'waitlist', 'waitlistConfirm', 'decline', 'declineConfirm', 'ask', 'askConfirm'].includes(verb)) return PARTNERS_OF_REGION.includes(identity);
  // Steps and afronding: only the organisation that took it up, so nobody before that.
  return identity === 'owner' && state !== 'submitted';
}
/** Allowed presses that change the referral: each gets a referral of its own, so the others see the state they expect. */
function changes(verb: DispatchVerb, state: State): boolean {
  if (state === 'submitted') return ['takeUpConfirm', 'waitlistConfirm', 'declineConfirm', 'askConfirm', 'answerConfirm'].includes(verb);
  if (state === 'takenUp') return ['firstContact', 'intake', 'start'].includes(verb);
  // The survey's QR codes again (a card through the outbox), or new ones.
  return ['surveyShowAgain', 'surveyNewCode'].includes(verb);
}

const PUPIL = { firstName: 'Xandrina', lastInitial: 'Q', birthYear: String(new Date().getFullYear() - 15), schoolName: 'Atheneum Zuidpark Gent' };
const QUESTION = 'Welke begeleiding liep er al buiten de school?';
const OUTCOME = 'Volgt weer alle lessen en heeft een stageplaats.';

describe.each(DATABASE_KINDS)('card actions by every kind of person on %s', (kind) => {
  const fixture = useService(kind);
  const prisma = () => fixture.service.db.prisma;
  const ids = {} as Record<Identity, string | undefined> & { aPart: string; lotte: string; nadia: string; sofie: string };
  let secrets: string[] = [];

  beforeAll(async () => {
    const db = prisma();
    const person = (name: string) => db.person.findFirstOrThrow({ where: { name } });
    const sofie = await person('Sofie Claes');
    const youssef = await person('Youssef El Amrani');
    const nadia = await person('Nadia Benali');
    const lotte = await person('Lotte Vermeulen');
    const intro = await db.organisation.findUniqueOrThrow({ where: { code: 'INTRO' } });
    const aPart = await db.organisation.findUniqueOrThrow({ where: { code: 'APART' } });
    // A begeleider of another organisation of the region, and a coordinator of another region.
    const bram = await db.person.create({ data: { aadObjectId: randomUUID(), name: 'Bram Begeleider', role: 'BEGELEIDER', memberships: { create: { organisationId: intro.id } } } });
    const region = await db.region.create({ data: { code: 'ZW', name: 'NAFT Zuid-West', organisations: { create: { code: 'ZWORG', name: 'Zuid-West Partner' } } }, include: { organisations: true } });
    const elsewhere = await db.person.create({
      data: { aadObjectId: randomUUID(), name: 'Elke Elders', role: 'COORDINATOR', memberships: { create: { organisationId: region.organisations[0]?.id ?? '' } } },
    });
    Object.assign(ids, {
      none: undefined,
      unknown: randomUUID(),
      otherClb: youssef.aadObjectId,
      referrer: sofie.aadObjectId,
      otherOrganisation: nadia.aadObjectId,
      otherRegion: elsewhere.aadObjectId,
      otherBegeleider: bram.aadObjectId,
      owner: lotte.aadObjectId,
      aPart: aPart.id,
      lotte: lotte.id,
      nadia: nadia.id,
      sofie: sofie.id,
    });
    secrets = [PUPIL.firstName, PUPIL.birthYear, PUPIL.schoolName, 'Sofie Claes', sofie.email ?? 'sofie', QUESTION, OUTCOME, STEP_ANSWERS.contact.schoolContactName ?? 'An Peeters'];
    for (const step of ['reason', 'desire', 'engagement'] as const) for (const v of Object.values(STEP_ANSWERS[step])) if (v.length > 12) secrets.push(v.slice(0, 24));
  });

  /** A referral of Sofie's in the state asked for, with an open question of the dispatch to answer. */
  async function referralIn(state: State): Promise<{ id: string; reference: string; questionId: string }> {
    const db = prisma();
    const draft = await completeDraft(db, ids.sofie, 'PUPIL', PUPIL);
    const sent = await submitReferral(db, { referrerId: ids.sofie, draftId: draft.id, revision: draft.revision });
    if (!sent.ok) throw new Error(sent.reason);
    const rev = async () => (await db.referral.findUniqueOrThrow({ where: { id: sent.referralId } })).revision;
    const must = (outcome: { ok: boolean }) => expect(outcome).toMatchObject({ ok: true });
    must(await askInfo(db, { referralId: sent.referralId, rev: await rev(), actorId: ids.nadia, question: QUESTION }));
    if (state !== 'submitted') must(await takeUp(db, { referralId: sent.referralId, rev: await rev(), actorId: ids.lotte, organisationId: ids.aPart, begeleiderId: ids.lotte }));
    if (state === 'closed') {
      must(await recordStep(db, { referralId: sent.referralId, actorId: ids.lotte, step: 'START' }));
      must(await closeTrajectory(db, { referralId: sent.referralId, actorId: ids.lotte, ending: 'CLOSE', goalAttainment: 3, outcome: OUTCOME, surveyDays: 30 }));
    }
    const question = await db.infoRequest.findFirstOrThrow({ where: { referralId: sent.referralId } });
    return { id: sent.referralId, reference: sent.reference, questionId: question.id };
  }

  /** Everything a press could change, to compare before and after. */
  async function snapshot(referralId: string): Promise<string> {
    const db = prisma();
    const [row, events, outbox, questions, invitations] = await Promise.all([
      db.referral.findUniqueOrThrow({ where: { id: referralId }, select: { status: true, revision: true, updatedAt: true, organisationId: true, begeleiderId: true, liveCardId: true, answers: true } }),
      db.referralEvent.count({ where: { referralId } }),
      // Messages about this referral (a card update, a notice, the QR codes): their payload names it.
      db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "payload"::text LIKE ${`%${referralId}%`}`,
      db.infoRequest.findMany({ where: { referralId }, select: { answer: true, answeredAt: true } }),
      db.surveyInvitation.count({ where: { referralId } }),
    ]);
    return JSON.stringify({ row, events, outbox, questions, invitations });
  }

  const VALID_INPUTS = (): Partial<Record<DispatchVerb, Record<string, unknown>>> => ({
    takeUpConfirm: { organisationId: ids.aPart, begeleiderId: ids.lotte },
    waitlistConfirm: { organisationId: ids.aPart },
    declineConfirm: { reason: 'NO_PLACE' },
    askConfirm: { question: 'Is er al contact met de ouders geweest?' },
    answerConfirm: { answer: 'Ja, met de moeder, twee keer.' },
    closeConfirm: { ending: 'CLOSE', goalAttainment: '3', outcome: OUTCOME },
  });

  async function press(identity: Identity, verb: DispatchVerb, target: { id: string; questionId: string }, place: Place, rev: number) {
    const aadObjectId = ids[identity];
    const conversation = place === 'personal' ? { id: `a:personal-${identity}`, conversationType: 'personal', tenantId: TENANT_ID } : { id: `${CHANNEL_ID};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID };
    const activity = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: fixture.stub.url,
      from: { id: `29:${identity}`, name: identity, ...(aadObjectId ? { aadObjectId } : {}) },
      recipient: BOT,
      conversation,
      channelData: { tenant: { id: TENANT_ID }, ...(place === 'channel' ? { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } } : {}) },
      value: { action: { type: 'Action.Execute', verb, data: { ...VALID_INPUTS()[verb], naft: 'dispatch', referralId: target.id, rev, questionId: target.questionId } }, trigger: 'manual' },
    };
    const res = await fetch(`${fixture.service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    return { status: res.status, body: (await res.json()) as { statusCode: number; type: string; value: unknown } };
  }

  const shared = {} as Record<State, { id: string; reference: string; questionId: string }>;
  beforeAll(async () => {
    for (const state of STATES) shared[state] = await referralIn(state);
  });
  const revOf = async (id: string) => (await prisma().referral.findUniqueOrThrow({ where: { id } })).revision;

  // One test per state and button: the 8 kinds of person × channel and 1:1.
  describe.each(STATES)('on a referral that is %s', (state) => {
    it.each(DISPATCH_VERBS)('%s: allowed as the rules say, and every refusal is the rule alone, writing nothing', async (verb) => {
      const found: string[] = [];
      const before = await snapshot(shared[state].id);
      const rev = await revOf(shared[state].id);
      for (const identity of IDENTITIES) {
        for (const place of PLACES) {
          const may = allowed(identity, verb, state);
          // An allowed press that changes the referral gets one of its own, so the others see the state they expect.
          const own = may && changes(verb, state) ? await referralIn(state) : undefined;
          const target = own ?? shared[state];
          const { status, body } = await press(identity, verb, target, place, own ? await revOf(own.id) : rev);
          const cell = `${identity} · ${place}`;
          expect(status, cell).toBe(200);
          if (may) {
            if (body.type !== 'application/vnd.microsoft.card.adaptive') found.push(`${cell}: refused (${JSON.stringify(body.value)})`);
            continue;
          }
          const text = JSON.stringify(body);
          if (body.type !== 'application/vnd.microsoft.activity.message' || typeof body.value !== 'string') found.push(`${cell}: not a plain refusal (${body.type})`);
          for (const secret of [...secrets, target.reference]) if (text.includes(secret)) found.push(`${cell}: shows "${secret}"`);
        }
      }
      // Refusals, and allowed presses that change nothing (forms, the card itself, a state that does not allow it), wrote nothing.
      if ((await snapshot(shared[state].id)) !== before) found.push('the referral changed');
      expect(found).toEqual([]);
    });
  });

  // The referral conversation's buttons (Action.Submit): only the referrer, in her 1:1 chat, on her own drafts and referrals.
  type SubmitOp = 'kind' | 'step' | 'back' | 'edit' | 'confirm' | 'pause' | 'cancel' | 'discard' | 'resume' | 'status' | 'withdraw' | 'withdrawConfirm';
  const SUBMIT_OPS: readonly SubmitOp[] = ['kind', 'step', 'back', 'edit', 'confirm', 'pause', 'cancel', 'discard', 'resume', 'status', 'withdraw', 'withdrawConfirm'];
  const READ_ONLY: readonly SubmitOp[] = ['edit', 'cancel', 'resume', 'status', 'withdraw'];

  async function submitAs(identity: Identity, place: Place, value: Record<string, unknown>): Promise<string> {
    const aadObjectId = ids[identity];
    const conversationId = place === 'personal' ? `a:personal-submit-${identity}` : `${CHANNEL_ID};messageid=2`;
    const before = fixture.stub.sent.length;
    const activity = {
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: fixture.stub.url,
      from: { id: `29:${identity}`, name: identity, ...(aadObjectId ? { aadObjectId } : {}) },
      recipient: BOT,
      conversation: place === 'personal' ? { id: conversationId, conversationType: 'personal', tenantId: TENANT_ID } : { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID }, ...(place === 'channel' ? { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } } : {}) },
      value,
    };
    const res = await fetch(`${fixture.service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBeLessThan(300);
    // Only the answers to this press. The outbox meanwhile delivers notices of earlier tests, and a
    // person's newest 1:1 chat is where her notices go, so a notice to Lotte about a referral she
    // took up can land in this very conversation: it is not an answer to the press (no replyToId).
    const here = (a: (typeof fixture.stub.sent)[number]) => a.body.replyToId === activity.id || decodeURIComponent(a.path).includes(`/v3/conversations/${conversationId}/activities/${activity.id}`);
    // What a person reads (texts and cards), not the envelope: its random ids could hold any four digits.
    return JSON.stringify(fixture.stub.sent.slice(before).filter(here).map((a) => [a.body.text, a.body.attachments]));
  }

  it.each(SUBMIT_OPS)('referral card %s: refused to everyone but the referrer in her 1:1 chat, showing and writing nothing', async (op) => {
    const db = prisma();
    const draft = await completeDraft(db, ids.sofie, 'PUPIL', PUPIL);
    const referral = shared.submitted;
    const draftState = async () => JSON.stringify(await db.referral.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true, revision: true, answers: true, liveCardId: true, updatedAt: true, subjectKind: true } }));
    const value: Record<string, unknown> = { naft: 'referral', op, draftId: draft.id };
    if (op === 'kind') Object.assign(value, { kind: 'GROUP', change: true });
    if (op === 'step') Object.assign(value, { step: 'who', kind: 'PUPIL', ...PUPIL, schoolTown: 'Gent', regionCode: 'AUTO', educationForm: 'ARBEIDSMARKT', schoolYear: '3', firstName: 'Gewijzigd' });
    if (op === 'back' || op === 'pause') Object.assign(value, { step: 'reason', about: 'Overschreven door iemand anders.' });
    if (op === 'edit') Object.assign(value, { step: 'reason' });
    if (op === 'confirm') Object.assign(value, { rev: draft.revision });
    if (op === 'status' || op === 'withdraw' || op === 'withdrawConfirm') Object.assign(value, { referralId: referral.id });
    const before = [await draftState(), await snapshot(referral.id)];
    const found: string[] = [];
    for (const identity of IDENTITIES) {
      for (const place of PLACES) {
        if (identity === 'referrer' && place === 'personal') continue;
        const sent = await submitAs(identity, place, value);
        for (const secret of [...secrets, referral.reference]) if (sent.includes(secret)) found.push(`${identity} · ${place}: shows "${secret}"`);
      }
    }
    expect(found).toEqual([]);
    expect([await draftState(), await snapshot(referral.id)]).toEqual(before);
    // And the referrer herself is served (the buttons that only show something).
    if (READ_ONLY.includes(op)) expect(await submitAs('referrer', 'personal', value)).toMatch(op === 'status' || op === 'withdraw' ? new RegExp(referral.reference) : op === 'edit' ? /Hij spijbelt steeds vaker/ : /Xandrina/);
  });

  it('covers every button, every kind of person, every state, in a channel and in 1:1', () => {
    let cells = 0;
    let refused = 0;
    for (const state of STATES) for (const verb of DISPATCH_VERBS) for (const identity of IDENTITIES) for (const _place of PLACES) {
      cells++;
      if (!allowed(identity, verb, state)) refused++;
    }
    // Per state 4 may see, 3 may decide, 1 may answer, and the organisation that took it up (from then on) 9 steps and codes.
    expect([cells, refused]).toEqual([DISPATCH_VERBS.length * 48, DISPATCH_VERBS.length * 48 - 2 * (29 + 38 + 38)]);
  });
});
