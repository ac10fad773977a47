// The afronding in Teams, end to end through the real endpoint on both databases: "Afronden" on
// the channel card and `afronden <referentie>` in 1:1, the QR codes to the closer's chat (tokens
// only there), the referrer told, the channel never shown the outcome, a stop reason or a token,
// the one reminder, and the survey's yes/no on the card.
import { beforeAll, describe, expect, it } from 'vitest';
import { closeTrajectory, SURVEY_VARIANTS } from '../dispatch/close.ts';
import type { SurveyVariant } from '../dispatch/close.ts';
import { recordStep, takeUp } from '../dispatch/decide.ts';
import { runSchedules } from '../dispatch/schedule.ts';
import type { SubjectKind } from '../referrals/fields.ts';
import { submitAnswers } from '../survey/submit.ts';
import { hashToken } from '../survey/tokens.ts';
import type { SentActivity } from './support/connectorStub.ts';
import { adaptiveCardProblems, cardBytes } from './support/adaptiveCard15.ts';
import { demoPerson, submittedReferral } from './support/builders.ts';
import { cardText, Chat, inputValues } from './support/chat.ts';
import type { CardJson } from './support/chat.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { last, person } from './support/referralChat.ts';
import { useService } from './support/serviceFixture.ts';
import { CHANNEL_ID, channelMessage, executeAction, invoke } from './support/teams.ts';

const SOFIE = person('Sofie Claes');
const LOTTE = person('Lotte Vermeulen'); // aPart
const PIETER = person('Pieter De Smet'); // LEJO and JES
const NADIA = person('Nadia Benali'); // Groep INTRO

const OUTCOME = 'Gaat weer elke dag naar school, met een vaste leerkracht als aanspreekpunt.';
const STOPPED = 'Na de verhuis was er geen contact meer mogelijk.';
const TOKEN = /\/s\/([A-Za-z0-9_-]{22})/g;

const cardOf = (a: SentActivity): CardJson | undefined => a.body.attachments?.[0]?.content as CardJson | undefined;
const sentTo = (conversationId: string) => (a: SentActivity) => decodeURIComponent(a.path).includes(`/v3/conversations/${conversationId}`) || a.body.conversation?.id === conversationId;
const inChannel = (a: SentActivity) => decodeURIComponent(a.path).includes(`/v3/conversations/${CHANNEL_ID}`) || Boolean(a.body.conversation?.id?.startsWith(CHANNEL_ID));
const variants = (rows: ReadonlyArray<{ variant: SurveyVariant; maxUses: number }>) => [...rows].sort((a, b) => SURVEY_VARIANTS.indexOf(a.variant) - SURVEY_VARIANTS.indexOf(b.variant)).map((i) => [i.variant, i.maxUses]);
const tokensIn = (card: unknown) => [...new Set([...JSON.stringify(card).matchAll(TOKEN)].map((m) => m[1] ?? ''))];

describe.each(DATABASE_KINDS)('the afronding in Teams on %s', (kind) => {
  const fixture = useService(kind);
  const url = () => fixture.service.url;
  const stub = () => fixture.stub;
  const prisma = () => fixture.service.db.prisma;
  let lotteChat: Chat;
  let sofieChat: Chat;

  /** Lets the outbox send everything due within the next two seconds. */
  const drain = async () => {
    for (let i = 0; i < 100; i++) {
      await fixture.service.outbox.runOnce();
      const soon = await prisma().outboxMessage.count({ where: { status: 'PENDING', nextAttemptAt: { lte: new Date(Date.now() + 2_000) } } });
      if (soon === 0) return;
      await new Promise((r) => setTimeout(r, 150));
    }
  };

  beforeAll(async () => {
    await channelMessage(url(), stub().url, LOTTE, 'koppel dispatch Gent en Rand');
    // Their 1:1 chats, where the QR codes and the referrer's notice arrive.
    lotteChat = new Chat(url(), stub(), LOTTE);
    await lotteChat.say('help');
    sofieChat = new Chat(url(), stub(), SOFIE);
    await sofieChat.say('help');
  });

  /** A referral by Sofie, taken up by aPart (Lotte), started unless `submittedOnly`, its card in the channel. */
  async function trajectory(subject: SubjectKind, opts: { submittedOnly?: boolean } = {}) {
    const sofie = await demoPerson(prisma(), 'Sofie Claes');
    const { referralId } = await submittedReferral(prisma(), { kind: subject, referrerId: sofie.id });
    if (!opts.submittedOnly) {
      const lotte = await demoPerson(prisma(), 'Lotte Vermeulen');
      const rev = (await prisma().referral.findUniqueOrThrow({ where: { id: referralId } })).revision;
      expect((await takeUp(prisma(), { referralId, rev, actorId: lotte.id, organisationId: lotte.memberships[0]?.organisationId ?? '', begeleiderId: lotte.id })).ok).toBe(true);
      expect((await recordStep(prisma(), { referralId, actorId: lotte.id, step: 'START' })).ok).toBe(true);
    }
    await drain();
    const row = await prisma().referral.findUniqueOrThrow({ where: { id: referralId } });
    const thread = row.dispatchActivityId ?? '';
    expect(thread).not.toBe('');
    return { referralId, reference: row.reference ?? '', thread };
  }

  /** The channel card as it is now (what Teams' refresh shows). */
  async function current(t: { referralId: string; thread: string }, user = LOTTE): Promise<CardJson | undefined> {
    return (await invoke(url(), stub().url, user, { verb: 'view', data: { naft: 'dispatch', referralId: t.referralId, rev: 0 } }, {}, { thread: t.thread })).card;
  }

  /** The channel card of this thread once it shows `text` (the outbox paces a busy channel). */
  const channelCardShowing = async (thread: string, text: string | RegExp): Promise<string> => {
    const shows = (a: SentActivity) => inChannel(a) && a.method === 'PUT' && a.path.endsWith(encodeURIComponent(thread)) && (typeof text === 'string' ? cardText(cardOf(a)).includes(text) : text.test(cardText(cardOf(a))));
    await drain();
    return cardText(cardOf(await stub().waitFor(shows, 15_000)));
  };

  const qrCards = (title: RegExp) => stub().sent.filter((a) => sentTo(lotteChat.conversationId)(a) && title.test(cardText(cardOf(a))));

  it('closes a pupil trajectory from the channel card: the form, kept input on a mistake, one closing on a double click, the QR codes to the closer only', async () => {
    const t = await trajectory('PUPIL');
    const form = await invoke(url(), stub().url, LOTTE, executeAction(await current(t), 'Afronden'), {}, { thread: t.thread });
    expect(cardText(form.card)).toContain('Traject afronden');
    // The channel's form names no one: the title is for the 1:1 chat.
    expect(cardText(form.card)).not.toContain('Youssef');
    expect(adaptiveCardProblems(form.card)).toEqual([]);

    const confirm = executeAction(form.card, 'Bevestigen: afronden');
    const wrong = await invoke(url(), stub().url, LOTTE, confirm, { ending: 'STOP_EARLY', goalAttainment: '', outcome: OUTCOME }, { thread: t.thread });
    expect(cardText(wrong.card)).toContain('Kies waarom het traject voortijdig stopte.');
    expect(cardText(wrong.card)).toContain('Kies in welke mate de doelen bereikt zijn.');
    expect(inputValues(wrong.card).outcome).toBe(OUTCOME);
    const tooLong = await invoke(url(), stub().url, LOTTE, confirm, { ending: 'CLOSE', goalAttainment: '3', outcome: 'x'.repeat(201) }, { thread: t.thread });
    expect(cardText(tooLong.card)).toContain('Hou het kort: hoogstens 200 tekens.');

    const done = await invoke(url(), stub().url, LOTTE, confirm, { ending: 'CLOSE', goalAttainment: '3', outcome: OUTCOME, stopReason: '' }, { thread: t.thread });
    expect(cardText(done.card)).toContain('Afgerond genoteerd.');
    expect(cardText(done.card)).toMatch(/Afgerond op \d{2}\/\d{2}\/\d{4}/);
    expect(JSON.stringify(done.card)).not.toContain(OUTCOME);
    const again = await invoke(url(), stub().url, LOTTE, confirm, { ending: 'CLOSE', goalAttainment: '3', outcome: OUTCOME }, { thread: t.thread });
    expect(cardText(again.card)).toMatch(/Dit traject is al afgerond op/);

    const row = await prisma().referral.findUniqueOrThrow({ where: { id: t.referralId }, include: { events: true, surveyInvitations: true } });
    expect([row.status, row.goalAttainment, row.outcome, row.stopReason]).toEqual(['CLOSED', 3, OUTCOME, null]);
    expect(row.closedAt).not.toBeNull();
    expect(row.events.filter((e) => e.type === 'CLOSED')).toHaveLength(1);
    expect(row.events.find((e) => e.type === 'CLOSED')?.data).toEqual({ goalAttainment: 3 });
    expect(variants(row.surveyInvitations)).toEqual([['YOUNG_PERSON', 1], ['SCHOOL', 1]]);

    await drain();
    const codes = qrCards(/De tevredenheidsbevraging/).filter((a) => cardText(cardOf(a)).includes(t.reference));
    expect(codes).toHaveLength(1);
    const card = cardOf(codes[0] as SentActivity);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(28_000);
    expect(cardText(card)).toContain('Voor de jongere');
    expect(cardText(card)).toContain('Voor de leerkracht of de contactpersoon van de school');
    expect(JSON.stringify(card)).toContain('data:image/png;base64,');
    expect(JSON.stringify(card)).toContain('Afdrukken (kaartje)');
    const tokens = tokensIn(card);
    expect(tokens).toHaveLength(2);
    for (const token of tokens) {
      expect(cardText(card)).toContain(`${url()}/s/${token}`);
      const stored = await prisma().surveyToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { invitation: true } });
      expect(stored?.invitation.referralId).toBe(t.referralId);
    }
    // The token itself is in that card and nowhere else: not in the outbox, not in any table.
    const everything = JSON.stringify(
      await Promise.all([prisma().outboxMessage.findMany(), prisma().surveyToken.findMany(), prisma().surveyInvitation.findMany(), prisma().referral.findMany(), prisma().referralEvent.findMany(), prisma().conversationRef.findMany()]),
    );
    for (const token of tokens) expect(everything).not.toContain(token);

    // The referrer hears that it ended, not how.
    const notice = stub().sent.filter((a) => sentTo(sofieChat.conversationId)(a) && cardText(cardOf(a)).includes('Het traject is afgerond'));
    expect(notice).toHaveLength(1);
    expect(JSON.stringify(notice[0]?.body)).not.toContain(OUTCOME);

    // The channel: that it ended and whether the survey was answered; no outcome, no token.
    expect(await channelCardShowing(t.thread, /Afgerond op \d{2}\/\d{2}\/\d{4}/)).toContain('Bevraging: jongere – · school –');
    for (const a of stub().sent.filter(inChannel)) {
      const text = JSON.stringify(a.body);
      expect(text).not.toContain(OUTCOME);
      for (const token of tokens) expect(text).not.toContain(token);
    }

    // Answered by the young person: the channel card shows ✓ (and never an answer).
    const young = await prisma().surveyToken.findFirstOrThrow({ where: { tokenHash: { in: tokens.map(hashToken) }, invitation: { variant: 'YOUNG_PERSON' } } });
    const youngToken = tokens.find((token) => hashToken(token) === young.tokenHash) ?? '';
    expect(await submitAnswers(prisma(), { token: youngToken, variant: 'YOUNG_PERSON', answers: { score: '4' }, language: 'nl', now: new Date() })).toMatchObject({ ok: true });
    expect(await channelCardShowing(t.thread, 'Bevraging: jongere ✓ · school –')).not.toContain(OUTCOME);
    // The begeleider sees the same with `afronden <referentie>`.
    const status = last(await lotteChat.say(`afronden ${t.reference.toLowerCase()}`));
    expect(cardText(status.card)).toMatch(/Dit traject is al afgerond op/);
    expect(cardText(status.card)).toContain('Bevraging: jongere ✓ · school –');

    // A week later nobody at school filled it in: one reminder, with only the school's code.
    await runSchedules(prisma(), { overviewWeekday: 1, overviewHour: 9 }, new Date(Date.now() + 8 * 86_400_000));
    await drain();
    const reminder = qrCards(/Nog niet ingevuld: de bevraging voor de school/).filter((a) => cardText(cardOf(a)).includes(t.reference));
    expect(reminder).toHaveLength(1);
    expect(cardText(cardOf(reminder[0] as SentActivity))).not.toContain('Voor de jongere');
    const fresh = tokensIn(cardOf(reminder[0] as SentActivity));
    expect(fresh).toHaveLength(1);
    expect(tokens).not.toContain(fresh[0]);
  });

  it('stops a class trajectory early with a reason: one shared code up to the pupils given, the reason never in the channel', async () => {
    const t = await trajectory('CLASS');
    const form = await invoke(url(), stub().url, LOTTE, executeAction(await current(t), 'Afronden'), {}, { thread: t.thread });
    expect(inputValues(form.card).pupils).toBe(25);
    const badCount = await invoke(url(), stub().url, LOTTE, executeAction(form.card, 'Bevestigen: afronden'), { ending: 'STOP_EARLY', stopReason: 'NO_CONTACT', goalAttainment: '1', outcome: STOPPED, pupils: 'veel' }, { thread: t.thread });
    expect(cardText(badCount.card)).toContain('Geef het aantal leerlingen als getal.');
    expect(inputValues(badCount.card).outcome).toBe(STOPPED);
    const done = await invoke(url(), stub().url, LOTTE, executeAction(form.card, 'Bevestigen: afronden'), { ending: 'STOP_EARLY', stopReason: 'NO_CONTACT', goalAttainment: '1', outcome: STOPPED, pupils: '22' }, { thread: t.thread });
    expect(cardText(done.card)).toContain('Voortijdig gestopt genoteerd.');
    expect(cardText(done.card)).not.toContain('Geen contact meer');

    const row = await prisma().referral.findUniqueOrThrow({ where: { id: t.referralId }, include: { events: true, surveyInvitations: true } });
    expect([row.status, row.stopReason, row.goalAttainment]).toEqual(['STOPPED_EARLY', 'NO_CONTACT', 1]);
    expect(row.events.find((e) => e.type === 'STOPPED_EARLY')?.data).toEqual({ goalAttainment: 1, stopReason: 'NO_CONTACT' });
    expect(variants(row.surveyInvitations)).toEqual([['GROUP', 22], ['SCHOOL', 1]]);

    await drain();
    const codes = qrCards(/De tevredenheidsbevraging/).filter((a) => cardText(cardOf(a)).includes(t.reference));
    expect(codes).toHaveLength(1);
    expect(cardText(cardOf(codes[0] as SentActivity))).toContain('tot 22 antwoorden');
    expect(cardBytes(cardOf(codes[0] as SentActivity))).toBeLessThan(28_000);
    expect(await channelCardShowing(t.thread, /Voortijdig gestopt op \d{2}\/\d{2}\/\d{4}/)).toContain('Bevraging: leerlingen 0 van 22 · school –');
    for (const text of stub().sent.filter(inChannel).map((a) => JSON.stringify(a.body))) {
      expect(text).not.toContain(STOPPED);
      expect(text).not.toContain('Geen contact meer met de jongere');
    }
    expect(stub().sent.some((a) => sentTo(sofieChat.conversationId)(a) && cardText(cardOf(a)).includes('Het traject is voortijdig gestopt'))).toBe(true);
  });

  it('closes with "afronden <referentie>" in 1:1, and says clearly why not for an unknown, foreign or not yet running referral, or a non-partner', async () => {
    const group = await trajectory('GROUP');
    const waiting = await trajectory('PUPIL', { submittedOnly: true });

    expect(last(await lotteChat.say('afronden')).text).toContain('Typ **afronden** met de referentie erachter');
    // Not in the channel: the outcome is not for the channel.
    await channelMessage(url(), stub().url, LOTTE, `afronden ${group.reference}`);
    const reply = stub().sent.filter((a) => inChannel(a) && a.body.text).at(-1);
    expect(reply?.body.text).toContain('Afronden doe je met de knop **Afronden** op de kaart van het traject');
    expect(last(await lotteChat.say('afronden iets')).text).toContain('Dat lijkt geen referentie.');
    expect(last(await lotteChat.say('afronden GR-2020-9999')).text).toContain('Een aanmelding met die referentie ken ik niet.');
    expect(last(await new Chat(url(), stub(), PIETER).say(`afronden ${group.reference}`)).text).toBe('Dit traject is niet van jouw organisatie: alleen de organisatie die het opnam, kan het afronden.');
    expect(last(await sofieChat.say(`afronden ${group.reference}`)).text).toContain('Afronden kunnen alleen de begeleiders en coördinatoren');
    // Sent but not yet taken up by aPart: not theirs either; a coordinator of the region sees why it cannot close.
    expect(last(await lotteChat.say(`afronden ${waiting.reference}`)).text).toBe('Dit traject is niet van jouw organisatie: alleen de organisatie die het opnam, kan het afronden.');

    // From a 1:1 card (the evaluation reminder's "Afronden"): the same form, in the chat.
    const rev = (await prisma().referral.findUniqueOrThrow({ where: { id: group.referralId } })).revision;
    const fromReminder = await invoke(url(), stub().url, LOTTE, { verb: 'close', data: { naft: 'dispatch', referralId: group.referralId, rev } }, {}, { personal: lotteChat.conversationId });
    expect(cardText(fromReminder.card)).toContain('Traject afronden');
    expect(cardText(fromReminder.card)).toContain('alleen voor jou');

    const form = last(await lotteChat.say(`afronden ${group.reference}`));
    expect(cardText(form.card)).toContain('Traject afronden');
    expect(cardText(form.card)).toContain('alleen voor jou');
    expect(inputValues(form.card).pupils).toBe(6);
    const confirm = executeAction(form.card, 'Bevestigen: afronden');
    const empty = await invoke(url(), stub().url, LOTTE, confirm, { outcome: '  ' }, { personal: lotteChat.conversationId });
    expect(cardText(empty.card)).toContain('Kies: afgerond of voortijdig gestopt.');
    expect(cardText(empty.card)).toContain('Schrijf het resultaat in een korte zin.');
    const done = await invoke(url(), stub().url, LOTTE, confirm, { ending: 'CLOSE', goalAttainment: '4', outcome: OUTCOME, pupils: '6' }, { personal: lotteChat.conversationId });
    expect(cardText(done.card)).toContain('✓ Afgerond genoteerd.');
    const twice = await invoke(url(), stub().url, LOTTE, confirm, { ending: 'CLOSE', goalAttainment: '4', outcome: OUTCOME, pupils: '6' }, { personal: lotteChat.conversationId });
    expect(cardText(twice.card)).toMatch(/Dit traject is al afgerond op/);
    // A step button from before, on the begeleider's 1:1 details card: refused, with where it stands now (not in green).
    const stale = await invoke(url(), stub().url, LOTTE, { verb: 'start', data: { naft: 'dispatch', referralId: group.referralId, rev } }, {}, { personal: lotteChat.conversationId });
    expect(cardText(stale.card)).toMatch(/De start kan je noteren na het opnemen of de intake: afgerond op \d\d\/\d\d\/\d{4}/);
    expect(JSON.stringify(stale.card)).toContain('"style":"warning"');
    expect(JSON.stringify(stale.card)).not.toContain('"style":"good"');
    const row = await prisma().referral.findUniqueOrThrow({ where: { id: group.referralId }, include: { events: true, surveyInvitations: true } });
    expect(row.status).toBe('CLOSED');
    expect(row.events.filter((e) => e.type === 'CLOSED')).toHaveLength(1);
    expect(variants(row.surveyInvitations)).toEqual([['GROUP', 6], ['SCHOOL', 1]]);
    await drain();
    expect(qrCards(/De tevredenheidsbevraging/).filter((a) => cardText(cardOf(a)).includes(group.reference))).toHaveLength(1);
  });

  it('refuses a non-partner, another organisation, and a referral that is not running, on the channel card', async () => {
    const t = await trajectory('SCHOOL');
    const close = executeAction(await current(t), 'Afronden');
    // Refused with a message: Teams leaves the card as it was, and nothing of the trajectory is in the answer.
    const bySofie = await invoke(url(), stub().url, SOFIE, close, {}, { thread: t.thread });
    expect([bySofie.card, bySofie.message]).toEqual([undefined, 'Alleen de organisatie die de aanmelding opnam, kan de stappen van het traject noteren en het afronden.']);
    const byNadia = await invoke(url(), stub().url, NADIA, close, {}, { thread: t.thread });
    expect([byNadia.card, byNadia.message]).toEqual([undefined, bySofie.message]);
    const forged = await invoke(url(), stub().url, NADIA, { verb: 'closeConfirm', data: close.data }, { ending: 'CLOSE', goalAttainment: '2', outcome: OUTCOME }, { thread: t.thread });
    expect([forged.card, forged.message]).toEqual([undefined, bySofie.message]);
    expect((await prisma().referral.findUniqueOrThrow({ where: { id: t.referralId } })).status).toBe('RUNNING');

    // A referral that only waits for the dispatch cannot be closed (a forged or old button): nobody took it up, so nobody may.
    const waiting = await trajectory('PUPIL', { submittedOnly: true });
    const rev = (await prisma().referral.findUniqueOrThrow({ where: { id: waiting.referralId } })).revision;
    const refused = await invoke(url(), stub().url, LOTTE, { verb: 'closeConfirm', data: { naft: 'dispatch', referralId: waiting.referralId, rev } }, { ending: 'CLOSE', goalAttainment: '2', outcome: OUTCOME }, { thread: waiting.thread });
    expect([refused.card, refused.message]).toEqual([undefined, bySofie.message]);
    expect(await closeTrajectory(prisma(), { referralId: waiting.referralId, actorId: (await demoPerson(prisma(), 'Lotte Vermeulen')).id, ending: 'CLOSE', goalAttainment: 2, outcome: OUTCOME, surveyDays: 30 })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await prisma().surveyInvitation.count({ where: { referralId: waiting.referralId } })).toBe(0);

    // School support: only the school is asked.
    const form = await invoke(url(), stub().url, LOTTE, close, {}, { thread: t.thread });
    expect(inputValues(form.card).pupils).toBeUndefined();
    await invoke(url(), stub().url, LOTTE, executeAction(form.card, 'Bevestigen: afronden'), { ending: 'CLOSE', goalAttainment: '2', outcome: OUTCOME }, { thread: t.thread });
    expect((await prisma().surveyInvitation.findMany({ where: { referralId: t.referralId } })).map((i) => i.variant)).toEqual(['SCHOOL']);
  });
});
