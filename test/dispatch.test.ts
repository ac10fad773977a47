// The dispatch end to end, through the real endpoint on both databases: a channel linked by a
// coordinator, the referral posted there by the outbox (without identifiers), decisions on the
// card with Universal Actions, exactly one of two coordinators winning, and everyone told.
import { afterAll, describe, expect, it } from 'vitest';
import * as say from '../dialogs/messages.ts';
import { closeTrajectory } from '../dispatch/close.ts';
import { askInfo, recordStep, takeUp, waitlist } from '../dispatch/decide.ts';
import { accessTo } from '../dispatch/access.ts';
import { reassign } from '../dispatch/reassign.ts';
import { correctLastStep, lastStep } from '../dispatch/correct.ts';
import type { Correction } from '../dispatch/correct.ts';
import { loadEvents } from '../reports/rows.ts';
import { randomUUID } from 'node:crypto';
import type { SentActivity } from './support/connectorStub.ts';
import { button, cardText, Chat } from './support/chat.ts';
import type { CardJson } from './support/chat.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { STEP_ANSWERS } from './support/referralAnswers.ts';
import { fillIn, last, person } from './support/referralChat.ts';
const last_ = last;
import { useService } from './support/serviceFixture.ts';
import { CHANNEL_ID, channelMessage, executeAction, invoke } from './support/teams.ts';

const SOFIE = person('Sofie Claes');
const LOTTE = person('Lotte Vermeulen'); // aPart
const PIETER = person('Pieter De Smet'); // LEJO and JES
const NADIA = person('Nadia Benali'); // Groep INTRO

const PUPIL = { firstName: 'Amira', lastInitial: 'B', birthYear: String(new Date().getFullYear() - 15) };
const ABOUT = `Amira spijbelt sinds september; Amira B. zegt dat school te zwaar is (geboren ${PUPIL.birthYear}).`;

const cardOf = (a: SentActivity): CardJson | undefined => a.body.attachments?.[0]?.content as CardJson | undefined;
/** Sent into this conversation (the outbox's proactive messages carry it only in their path). */
const sentTo = (conversationId: string) => (a: SentActivity) => decodeURIComponent(a.path).includes(`/v3/conversations/${conversationId}`);
const inChannel = sentTo(CHANNEL_ID);

describe.each(DATABASE_KINDS)('the dispatch on %s', (kind) => {
  const fixture = useService(kind);

  // Every message these tests made the bot send into the channel (posts, updates, replies): none
  // names the young person — no first name, no initial after it, no birth year.
  afterAll(() => {
    const traffic = fixture.stub.sent.filter((a) => inChannel(a) || a.body.conversation?.id?.startsWith(CHANNEL_ID));
    expect(traffic.length).toBeGreaterThan(10);
    for (const a of traffic) {
      const text = JSON.stringify(a.body);
      expect(text).not.toMatch(/Amira/i);
      expect(text).not.toMatch(/\bB\./);
      expect(text).not.toContain(PUPIL.birthYear);
    }
  });
  const url = () => fixture.service.url;
  const stub = () => fixture.stub;
  /**
   * Lets the outbox send everything that is due, including what waits its turn in a busy
   * conversation (one message a second): until nothing is due within the next two seconds.
   */
  const drain = async () => {
    for (let i = 0; i < 100; i++) {
      await fixture.service.outbox.runOnce();
      const soon = await fixture.service.db.prisma.outboxMessage.count({ where: { status: 'PENDING', nextAttemptAt: { lte: new Date(Date.now() + 2_000) } } });
      if (soon === 0) return;
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  const channelTraffic = () => stub().sent.filter(inChannel);
  const say_ = (user: typeof LOTTE, text: string) => channelMessage(url(), stub().url, user, text);
  const lastChannelText = () => stub().sent.filter((a) => a.body.conversation?.id?.startsWith(CHANNEL_ID) && a.body.text).at(-1)?.body.text ?? '';

  async function refer(chat: Chat, about = ABOUT): Promise<{ reference: string; referralId: string }> {
    const summary = await fillIn(chat, 'PUPIL', PUPIL, { reason: { ...STEP_ANSWERS.reason, about } });
    const done = last(await chat.submit(button(summary.card, 'Bevestigen en versturen')));
    const reference = /GR-\d{4}-\d{4}/.exec(cardText(done.card))?.[0] ?? '';
    const row = await fixture.service.db.prisma.referral.findUniqueOrThrow({ where: { reference } });
    return { reference, referralId: row.id };
  }

  /** A referral of Sofie's, taken up by aPart an hour after it was sent, with Lotte as begeleider; days counted from its sending, in Belgian days. */
  async function takenUpByLotte() {
    const { reference, referralId } = await refer(new Chat(url(), stub(), SOFIE));
    await drain();
    const prisma = fixture.service.db.prisma;
    const apart = await prisma.organisation.findUniqueOrThrow({ where: { code: 'APART' } });
    const lotte = await prisma.person.findUniqueOrThrow({ where: { aadObjectId: LOTTE.aadObjectId } });
    const row = () => prisma.referral.findUniqueOrThrow({ where: { id: referralId } });
    const submitted = (await row()).submittedAt ?? new Date();
    const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(d);
    const plus = (n: number) => dayOf(new Date(submitted.getTime() + n * 86_400_000));
    expect(await takeUp(prisma, { referralId, rev: (await row()).revision, actorId: lotte.id, organisationId: apart.id, begeleiderId: lotte.id, now: new Date(submitted.getTime() + 3_600_000) })).toMatchObject({ ok: true });
    return { reference, referralId, prisma, lotte, row, submitted, dayOf, plus };
  }

  /** The channel card of a referral as the outbox posted it (and its thread id). */
  function postedCard(reference: string): { card: CardJson; thread: string } {
    const post = channelTraffic().find((a) => a.method === 'POST' && cardText(cardOf(a)).includes(reference));
    if (!post) throw new Error(`no card for ${reference} in the channel`);
    return { card: cardOf(post) as CardJson, thread: post.id };
  }

  it('keeps a referral while its region has no channel, and posts it once a coordinator links one', async () => {
    const sofie = new Chat(url(), stub(), SOFIE);
    const { reference, referralId } = await refer(sofie);
    await drain();
    expect(channelTraffic()).toHaveLength(0);
    expect(cardText(last(await sofie.say('mijn aanmeldingen')).card)).toContain(`${reference} · `);
    expect(cardText(last(await sofie.say('mijn aanmeldingen')).card)).toContain('aangemeld, wacht op dispatch');

    await say_(SOFIE, 'koppel dispatch Gent en Rand');
    expect(lastChannelText()).toBe('Alleen coördinatoren van de partners van NAFT Gent en Rand kunnen een dispatchkanaal koppelen.');
    await say_(LOTTE, 'koppel dispatch Brugge');
    expect(lastChannelText()).toContain('Dat werkingsgebied ken ik niet. Mogelijk: **NAFT Gent en Rand**');
    await say_(LOTTE, 'koppel dispatch gent en rand');
    expect(lastChannelText()).toContain('Gekoppeld: dit is nu het dispatchkanaal van **NAFT Gent en Rand**');
    expect(lastChannelText()).toContain('Eén aanmelding die op een kanaal wachtte');
    await say_(NADIA, 'koppel dispatch GR');
    expect(lastChannelText()).toBe('Dit kanaal is al het dispatchkanaal van **NAFT Gent en Rand**. Er hoeft niets te gebeuren.');

    await drain();
    const posts = channelTraffic().filter((a) => a.method === 'POST' && cardText(cardOf(a)).includes(reference));
    expect(posts).toHaveLength(1);
    const row = await fixture.service.db.prisma.referral.findUniqueOrThrow({ where: { id: referralId } });
    expect(row.dispatchActivityId).toBe(posts[0]?.id);
  });

  it('lets exactly one of two coordinators take it up, tells the referrer and the organisation 1:1, and keeps identifiers out of the channel', async () => {
    const sofie = new Chat(url(), stub(), SOFIE);
    const { reference, referralId } = await refer(sofie);
    await drain();
    const { card, thread } = postedCard(reference);
    expect(cardText(card)).toContain('De leerling spijbelt sinds september; de leerling zegt dat school te zwaar is (geboren [jaartal]).');
    expect(cardText(card)).toContain('Sint-Lucas Gent, Gent');

    const lotteForm = await invoke(url(), stub().url, LOTTE, executeAction(card, 'Wij nemen op'), {}, { thread });
    expect(cardText(lotteForm.card)).toContain('Bevestigen: wij nemen op');
    const pieterForm = await invoke(url(), stub().url, PIETER, executeAction(card, 'Wij nemen op'), {}, { thread });
    expect(cardText(pieterForm.card)).toContain('Voor welke organisatie?');

    const lotte = await invoke(url(), stub().url, LOTTE, executeAction(lotteForm.card, 'Bevestigen: wij nemen op'), {}, { thread });
    expect(cardText(lotte.card)).toContain('Genoteerd: jullie nemen op.');
    expect(cardText(lotte.card)).toContain('Opgenomen door aPart (begeleider Lotte Vermeulen).');
    const lejo = await fixture.service.db.prisma.organisation.findUniqueOrThrow({ where: { code: 'LEJO' } });
    const pieter = await invoke(url(), stub().url, PIETER, executeAction(pieterForm.card, 'Bevestigen: wij nemen op'), { organisationId: lejo.id }, { thread });
    expect(cardText(pieter.card)).toContain('Lotte Vermeulen was je voor. Deze aanmelding kan niet meer opgenomen worden: opgenomen door aPart (begeleider Lotte Vermeulen).');
    // Her own second click (a double click, her other device) is not somebody else's win.
    const again = await invoke(url(), stub().url, LOTTE, executeAction(lotteForm.card, 'Bevestigen: wij nemen op'), {}, { thread });
    expect(cardText(again.card)).toMatch(/^Dit heb je om \d{2}:\d{2} al gedaan\. Deze aanmelding kan niet meer opgenomen worden/m);
    expect(cardText(again.card)).not.toContain('was je voor');

    const referral = await fixture.service.db.prisma.referral.findUniqueOrThrow({ where: { id: referralId }, include: { organisation: true, events: true } });
    expect(referral.status).toBe('TAKEN_UP');
    expect(referral.organisation?.code).toBe('APART');
    expect(referral.events.filter((e) => e.type === 'TAKEN_UP')).toHaveLength(1);

    await drain();
    // The channel card is brought up to date for everyone.
    const update = channelTraffic().filter((a) => a.method === 'PUT' && a.path.endsWith(encodeURIComponent(thread)));
    expect(cardText(cardOf(update.at(-1) as SentActivity))).toContain('Opgenomen door aPart');
    // The referrer hears it in their 1:1 chat; the organisation gets who it is, 1:1 as well.
    const toSofie = stub().sent.filter((a) => sentTo(sofie.conversationId)(a) && cardText(cardOf(a)).includes('Je aanmelding is opgenomen'));
    expect(toSofie).toHaveLength(1);
    // Her list says who decided.
    expect(cardText(last(await sofie.say('mijn aanmeldingen')).card)).toMatch(new RegExp(`${reference} · \\d{2}/\\d{2}/\\d{4} · opgenomen · door aPart`));
    const details = stub().sent.filter((a) => !inChannel(a) && cardText(cardOf(a)).includes('Opgenomen: gegevens voor de begeleiding') && cardText(cardOf(a)).includes(reference));
    expect(details).toHaveLength(1);
    expect(cardText(cardOf(details[0] as SentActivity))).toContain('Leerling Amira B.');

    // The begeleider records the first contact on that 1:1 card; the card stays hers, up to date.
    const detailsCard = cardOf(details[0] as SentActivity);
    const lotteChat = decodeURIComponent(details[0]?.path ?? '').split('/')[3] ?? '';
    const contacted = await invoke(url(), stub().url, LOTTE, executeAction(detailsCard, 'Eerste contact gehad'), {}, { personal: lotteChat });
    expect(cardText(contacted.card)).toContain('Eerste contact genoteerd.');
    expect(cardText(contacted.card)).toContain('Leerling Amira B.');
    expect(JSON.stringify(contacted.card)).not.toContain('"verb":"firstContact"');
    await drain();
    const progressed = channelTraffic().filter((a) => a.method === 'PUT' && a.path.endsWith(encodeURIComponent(thread))).at(-1);
    expect(cardText(cardOf(progressed as SentActivity))).toMatch(/eerste contact \d{2}\/\d{2}\/\d{4}/);

  });

  it('tells the referrer of each step once, in order, each with its own facts, when the outbox sends them only after the whole chain', async () => {
    const sofie = new Chat(url(), stub(), SOFIE);
    const { reference, referralId } = await refer(sofie);
    await drain();
    const prisma = fixture.service.db.prisma;
    const sentBefore = stub().sent.length;
    const apart = await prisma.organisation.findUniqueOrThrow({ where: { code: 'APART' } });
    const lotte = await prisma.person.findUniqueOrThrow({ where: { aadObjectId: LOTTE.aadObjectId } });
    const rev = async () => (await prisma.referral.findUniqueOrThrow({ where: { id: referralId } })).revision;
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 9, 30));
    // The worker is held: nothing is sent until the whole chain is written.
    const ok = (o: { ok: boolean }) => expect(o).toMatchObject({ ok: true });
    ok(await waitlist(prisma, { referralId, rev: await rev(), actorId: lotte.id, organisationId: apart.id, expectedStart: { kind: 'month', month: '2026-04' }, now: day(2) }));
    ok(await takeUp(prisma, { referralId, rev: await rev(), actorId: lotte.id, organisationId: apart.id, begeleiderId: lotte.id, now: day(9) }));
    for (const [step, d] of [['FIRST_CONTACT', 10], ['INTAKE', 12], ['START', 16]] as const) ok(await recordStep(prisma, { referralId, actorId: lotte.id, step, now: day(d) }));
    ok(await closeTrajectory(prisma, { referralId, actorId: lotte.id, ending: 'CLOSE', goalAttainment: 3, outcome: 'Gaat weer naar school.', surveyDays: 14, now: day(27) }));
    await drain();

    const notices = stub()
      .sent.slice(sentBefore)
      .filter((a) => sentTo(sofie.conversationId)(a) && cardText(cardOf(a)).includes(reference))
      .map((a) => cardText(cardOf(a)));
    const headings = ['Je aanmelding staat op de wachtlijst', 'Je aanmelding is opgenomen', 'Het traject is gestart', 'Het traject is afgerond'];
    expect(notices.map((text) => headings.find((h) => text.includes(h)) ?? text)).toEqual(headings);
    expect(notices[0]).toContain('staat sinds 02/03/2026 op de wachtlijst bij aPart');
    expect(notices[0]).toContain('De start wordt verwacht in april 2026.');
    expect(notices[1]).toContain('wordt opgenomen door aPart (beslist op 09/03/2026)');
    expect(notices[1]).toMatch(/Begeleider:\s*Lotte Vermeulen/);
    expect(notices[2]).toContain('is gestart op 16/03/2026');
    // The title mid-sentence: "voor leerling Amira B.", not "voor Leerling".
    expect(notices[2]).toMatch(/Het traject voor\s*leerling Amira B\./);
    expect(notices[3]).toContain('is afgerond op 27/03/2026 door aPart');
  });

  it('records each step on the day it happened: empty is today, never in the future, before the referral or before the step before it', async () => {
    const { reference, referralId, prisma, lotte, row, submitted, dayOf, plus } = await takenUpByLotte();
    const now = new Date(submitted.getTime() + 20 * 86_400_000);

    const step = (s: 'FIRST_CONTACT' | 'INTAKE' | 'START' | 'EVALUATE', on?: string) => recordStep(prisma, { referralId, actorId: lotte.id, step: s, now, ...(on ? { on } : {}) });
    expect(await step('FIRST_CONTACT', plus(21))).toEqual({ ok: false, reason: 'bad-date', message: 'Die datum ligt in de toekomst: noteer een stap op de dag dat hij gebeurde.' });
    expect(await step('FIRST_CONTACT', plus(-3))).toMatchObject({ ok: false, reason: 'bad-date', message: expect.stringMatching(/^Die datum ligt voor de aanmelding \(\d{2}\/\d{2}\/\d{4}\)\.$/) });
    expect(await step('FIRST_CONTACT', plus(3))).toMatchObject({ ok: true });
    expect(await step('INTAKE', plus(2))).toMatchObject({ ok: false, reason: 'bad-date', message: expect.stringContaining('voor het eerste contact') });
    expect(await step('INTAKE', plus(6))).toMatchObject({ ok: true });
    expect(await step('START')).toMatchObject({ ok: true });
    const r = await row();
    expect([dayOf(r.firstContactAt ?? now), dayOf(r.intakeAt ?? now)]).toEqual([plus(3), plus(6)]);
    expect(r.startedAt?.toISOString()).toBe(now.toISOString());
    // A day in the past is kept at noon, Belgian time; its event also says when it was written down.
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', hour12: false }).format(r.firstContactAt ?? now)).toBe('12');
    const contact = await prisma.referralEvent.findFirstOrThrow({ where: { referralId, type: 'FIRST_CONTACT' } });
    expect([contact.createdAt.toISOString(), contact.data]).toEqual([r.firstContactAt?.toISOString(), { recordedAt: now.toISOString() }]);
    // Nothing refused was written.
    expect(await prisma.referralEvent.count({ where: { referralId, type: { in: ['FIRST_CONTACT', 'INTAKE'] } } })).toBe(2);

    // On the card: the date field next to the buttons; a day in the future is refused on the card itself, with nothing written.
    await drain();
    const { card, thread } = postedCard(reference);
    const current = channelTraffic().filter((a) => a.method === 'PUT' && a.path.endsWith(encodeURIComponent(thread))).at(-1);
    const running = cardOf(current as SentActivity) ?? card;
    expect(JSON.stringify(running)).toContain('"id":"stepDate"');
    const future = await invoke(url(), stub().url, LOTTE, executeAction(running, 'Evaluatie gebeurd'), { stepDate: '2999-01-01' }, { thread });
    expect(cardText(future.card)).toContain('Die datum ligt in de toekomst: noteer een stap op de dag dat hij gebeurde. Er is niets genoteerd.');
    expect(await prisma.referralEvent.count({ where: { referralId, type: 'EVALUATED' } })).toBe(0);
  });

  it('gives a coordinator "mijn trajecten": running ones with what they need (overdue first), her waiting list, her open questions; a referrer is told it is not hers', async () => {
    const sofie = new Chat(url(), stub(), SOFIE);
    const running = await refer(sofie);
    const overdue = await refer(sofie);
    const waitingOne = await refer(sofie);
    const asked = await refer(sofie);
    await drain();
    const prisma = fixture.service.db.prisma;
    const apart = await prisma.organisation.findUniqueOrThrow({ where: { code: 'APART' } });
    const lotte = await prisma.person.findUniqueOrThrow({ where: { aadObjectId: LOTTE.aadObjectId } });
    const rev = async (id: string) => (await prisma.referral.findUniqueOrThrow({ where: { id } })).revision;
    const longAgo = new Date(Date.now() - 70 * 86_400_000);
    for (const r of [running, overdue]) expect(await takeUp(prisma, { referralId: r.referralId, rev: await rev(r.referralId), actorId: lotte.id, organisationId: apart.id, begeleiderId: lotte.id })).toMatchObject({ ok: true });
    // Started 70 days ago (eight weeks to the first evaluation): 14 days overdue.
    await prisma.referral.update({ where: { id: overdue.referralId }, data: { status: 'RUNNING', startedAt: longAgo, evaluationDueAt: new Date(longAgo.getTime() + 56 * 86_400_000) } });
    expect(await waitlist(prisma, { referralId: waitingOne.referralId, rev: await rev(waitingOne.referralId), actorId: lotte.id, organisationId: apart.id, expectedStart: { kind: 'month', month: new Date().toISOString().slice(0, 7) } })).toMatchObject({ ok: true });
    expect(await askInfo(prisma, { referralId: asked.referralId, rev: await rev(asked.referralId), actorId: lotte.id, question: 'Is er al contact geweest met de ouders?' })).toMatchObject({ ok: true });
    await drain();

    const list = last(await new Chat(url(), stub(), LOTTE).say('mijn trajecten'));
    const text = cardText(list.card);
    expect(text).toContain('Mijn trajecten · aPart');
    const at = (ref: string) => text.indexOf(ref);
    expect(text).toMatch(new RegExp(`${overdue.reference} · Leerling Amira B\\.[^\\n]*\\n⚠ evaluatie 14 dagen over tijd · begeleider Lotte Vermeulen`));
    expect(text).toMatch(new RegExp(`${running.reference} · Leerling Amira B\\.[^\\n]*\\neerste contact noteren`));
    expect(at(overdue.reference)).toBeLessThan(at(running.reference));
    expect(text).toMatch(new RegExp(`${waitingOne.reference} · [^\\n]*\\nsinds vandaag op een plaats, start verwacht in `));
    expect(text).toMatch(new RegExp(`${asked.reference}\\nje vraag wacht sinds vandaag op een antwoord van de aanmelder`));
    // The question's referral is not hers: its reference only, never the pupil's name.
    expect(text).not.toMatch(new RegExp(`${asked.reference} · `));
    expect(JSON.stringify(list.card)).toContain('teams.microsoft.com/l/message/');

    expect(last(await sofie.say('mijn trajecten')).text).toContain('**mijn trajecten** is voor de coördinatoren en begeleiders van de NAFT-partners.');
  });

  it('declines with a reason from the list, relays a question and its answer, and lets the referrer withdraw', async () => {
    const sofie = new Chat(url(), stub(), SOFIE);
    const first = await refer(sofie, 'Een eerste vraag over spijbelen en afhaken in de les.');
    const second = await refer(sofie, 'Een tweede vraag over spijbelen en afhaken in de les.');
    await drain();

    // Meer info vragen: the question goes to the referrer, the answer comes back on the card.
    const { card, thread } = postedCard(first.reference);
    const ask = await invoke(url(), stub().url, NADIA, executeAction(card, 'Meer info vragen'), {}, { thread });
    const tooShort = await invoke(url(), stub().url, NADIA, executeAction(ask.card, 'Vraag versturen'), { question: 'Hoe?' }, { thread });
    expect(cardText(tooShort.card)).toContain('Schrijf je vraag in minstens 10 tekens.');
    const asked = await invoke(url(), stub().url, NADIA, executeAction(ask.card, 'Vraag versturen'), { question: 'Is er al contact geweest met de ouders?' }, { thread });
    expect(cardText(asked.card)).toContain('Vraag van Nadia Benali: \nIs er al contact geweest met de ouders?');
    await drain();
    const questionPost = stub().sent.find((a) => sentTo(sofie.conversationId)(a) && cardText(cardOf(a)).includes('De dispatch heeft een vraag'));
    const answer = await invoke(url(), stub().url, SOFIE, executeAction(cardOf(questionPost as SentActivity), 'Antwoord versturen'), { answer: 'Ja, vorige week, ze steunen de aanmelding.' }, { personal: sofie.conversationId });
    expect(cardText(answer.card)).toContain('✓ Je antwoord is doorgegeven aan de dispatch');
    const again = await invoke(url(), stub().url, SOFIE, executeAction(cardOf(questionPost as SentActivity), 'Antwoord versturen'), { answer: 'Nog iets.' }, { personal: sofie.conversationId });
    expect(cardText(again.card)).toContain('Deze vraag had je al beantwoord.');
    await drain();
    const updated = channelTraffic().filter((a) => a.method === 'PUT' && a.path.endsWith(encodeURIComponent(thread))).at(-1);
    expect(cardText(cardOf(updated as SentActivity))).toContain('Ja, vorige week, ze steunen de aanmelding.');

    // Niet opnemen: "Anders" needs a word of explanation.
    const current = cardOf(updated as SentActivity);
    const form = await invoke(url(), stub().url, LOTTE, executeAction(current, 'Niet opnemen'), {}, { thread });
    const missing = await invoke(url(), stub().url, LOTTE, executeAction(form.card, 'Bevestigen: niet opnemen'), { reason: 'OTHER' }, { thread });
    expect(cardText(missing.card)).toContain('Licht "Anders" kort toe.');
    const declined = await invoke(url(), stub().url, LOTTE, executeAction(form.card, 'Bevestigen: niet opnemen'), { reason: 'OTHER_HELP', note: 'Past beter bij het CAW.', instead: 'Doorverwezen naar het CAW' }, { thread });
    expect(cardText(declined.card)).toContain('Niet opgenomen: andere hulp is aangewezen.');
    const row = await fixture.service.db.prisma.referral.findUniqueOrThrow({ where: { id: first.referralId } });
    expect([row.status, row.declineReason, row.declineInstead]).toEqual(['DECLINED', 'OTHER_HELP', 'Doorverwezen naar het CAW']);
    await drain();
    const notice = stub().sent.filter((a) => sentTo(sofie.conversationId)(a) && cardText(cardOf(a)).includes('kon niet opgenomen worden')).at(-1);
    expect(cardText(cardOf(notice as SentActivity))).toContain('Andere hulp is aangewezen');
    expect(cardText(cardOf(notice as SentActivity))).toContain('Doorverwezen naar het CAW');

    // Wachtlijst: a week or a month from the list (not a day); a forged value is refused with the form kept.
    const waiting = postedCard(second.reference);
    const wform = await invoke(url(), stub().url, LOTTE, executeAction(waiting.card, 'Wachtlijst'), {}, { thread: waiting.thread });
    const choices = (JSON.stringify(wform.card).match(/"value":"(week|month):[^"]+"/g) ?? []).map((m) => m.slice(9, -1));
    expect(choices).toHaveLength(8);
    const month = choices.find((c) => c.startsWith('month:')) ?? '';
    const forged = await invoke(url(), stub().url, LOTTE, executeAction(wform.card, 'Bevestigen: op de wachtlijst'), { expectedStart: '2020-01-01' }, { thread: waiting.thread });
    expect(cardText(forged.card)).toContain('Kies een week of een maand uit de lijst.');
    const placed = await invoke(url(), stub().url, LOTTE, executeAction(wform.card, 'Bevestigen: op de wachtlijst'), { expectedStart: month }, { thread: waiting.thread });
    const monthName = new Intl.DateTimeFormat('nl-BE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month.slice(6)}-15T00:00:00Z`));
    expect(cardText(placed.card)).toContain(`Op de wachtlijst bij aPart, start verwacht in ${monthName}.`);
    await drain();
    const waitNotice = stub().sent.filter((a) => sentTo(sofie.conversationId)(a) && cardText(cardOf(a)).includes(second.reference) && cardText(cardOf(a)).includes('op de wachtlijst')).at(-1);
    expect(cardText(cardOf(waitNotice as SentActivity))).toContain(`De start wordt verwacht in ${monthName}.`);

    // Intrekken from "mijn aanmeldingen"; a coordinator's click afterwards shows it.
    const list = last(await sofie.say('mijn aanmeldingen'));
    const withdrawBtn = button(list.card, 'Intrekken');
    expect(withdrawBtn.referralId).toBe(second.referralId);
    const confirm = last(await sofie.submit(withdrawBtn));
    expect(last(await sofie.submit(button(confirm.card, 'Ja, intrekken'))).text).toBe(say.WITHDRAWN(second.reference));
    const secondCard = postedCard(second.reference);
    const late = await invoke(url(), stub().url, PIETER, executeAction(secondCard.card, 'Wij nemen op'), {}, { thread: secondCard.thread });
    expect(cardText(late.card)).toContain('Ingetrokken door de aanmelder.');
  });

  it('shows what waits with "overzicht", whether messages arrive with "status dispatch", and unlinks only for a coordinator', async () => {
    const lastChannelCard = () => cardOf(stub().sent.filter((a) => a.body.conversation?.id?.startsWith(CHANNEL_ID) && a.body.attachments).at(-1) as SentActivity);
    await say_(NADIA, 'overzicht');
    const overview = cardText(lastChannelCard());
    expect(overview).toMatch(/\d+ aanmelding(en)? wacht(en)? op een beslissing/);
    expect(overview).not.toMatch(/Amira/);
    // Referred today: "sinds vandaag", not "wacht 0 dagen"; each line opens its own card in the channel.
    expect(overview).toContain('sinds vandaag');
    expect(overview).not.toContain('wacht 0 dagen');
    const links = [...JSON.stringify(lastChannelCard()).matchAll(/"url":"(https:\/\/teams\.microsoft\.com\/l\/message\/[^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links[0]).toContain(encodeURIComponent(CHANNEL_ID.split(';')[0] ?? ''));
    await say_(NADIA, 'help');
    expect(cardText(lastChannelCard())).toContain('In een kanaal noem je me eerst: typ **@NAFT-aanmeldbot** en dan het commando');
    await say_(NADIA, 'status dispatch');
    expect(cardText(lastChannelCard())).toContain('Gekoppeld aan NAFT Gent en Rand');
    expect(cardText(lastChannelCard())).toMatch(/Verstuurd: \n\d+ berichten/);

    await say_(SOFIE, 'ontkoppel dispatch');
    expect(lastChannelText()).toBe('Alleen coördinatoren van dit werkingsgebied kunnen het kanaal loskoppelen.');
    await say_(NADIA, 'ontkoppel dispatch');
    expect(lastChannelText()).toContain('Losgekoppeld: dit kanaal is niet langer het dispatchkanaal van **NAFT Gent en Rand**');
    await say_(NADIA, 'status dispatch');
    expect(lastChannelText()).toContain('Dit kanaal is nog niet gekoppeld als dispatchkanaal.');
    await say_(NADIA, 'koppel dispatch Gent en Rand');
    expect(lastChannelText()).toContain('Gekoppeld');
  });

  it('lets each coordinator say how many places her organisation has, shown on the open cards and the overview', async () => {
    const sofie = new Chat(url(), stub(), SOFIE);
    const open = await refer(sofie);
    await drain();
    await say_(SOFIE, 'capaciteit 3');
    expect(lastChannelText()).toBe('Alleen de coördinator van een NAFT-partner kan de capaciteit van zijn organisatie melden.');
    await say_(LOTTE, 'capaciteit drie');
    expect(lastChannelText()).toContain('Dat begrijp ik niet. Typ bv. **capaciteit 3**');
    await say_(LOTTE, 'capaciteit 3');
    expect(lastChannelText()).toMatch(/^Genoteerd voor aPart: 3 plaatsen vrij \(gemeld \d{2}\/\d{2}\/\d{4}\)\./);
    // Pieter is coordinator of two organisations: he says which.
    await say_(PIETER, 'capaciteit vol tot 15/01/2099');
    expect(lastChannelText()).toBe('Voor welke organisatie? Typ bv. **capaciteit JES 2**. Jouw organisaties: JES (JES), LEJO (LEJO).');
    await say_(PIETER, 'capaciteit LEJO vol tot 15/01/2099');
    expect(lastChannelText()).toContain('Genoteerd voor LEJO: vol tot 15/01/2099.');
    await say_(PIETER, 'capaciteit INTRO 5');
    expect(lastChannelText()).toMatch(/^Die organisatie is niet de jouwe\./);
    await say_(PIETER, 'capaciteit LEJO vol tot 31/02/2099');
    expect(lastChannelText()).toContain('Die datum bestaat niet.');
    await drain();
    const { thread } = postedCard(open.reference);
    const updated = channelTraffic().filter((a) => a.method === 'PUT' && a.path.endsWith(encodeURIComponent(thread))).at(-1);
    expect(cardText(cardOf(updated as SentActivity))).toMatch(/Plaatsen: \naPart: 3 plaatsen vrij \(gemeld [^)]+\) · Groep INTRO: niet gemeld · JES: niet gemeld · LEJO: vol tot 15\/01\/2099\n/);
    await say_(NADIA, 'overzicht');
    const overview = cardText(cardOf(stub().sent.filter((a) => a.body.conversation?.id?.startsWith(CHANNEL_ID) && a.body.attachments).at(-1) as SentActivity));
    expect(overview).toContain('LEJO: vol tot 15/01/2099');
    await say_(NADIA, 'capaciteit');
    expect(lastChannelText()).toMatch(/^Plaatsen nu: .*aPart: 3 plaatsen vrij/);
  });

  it('keeps the steps in order when two are noted at the same moment (the order is part of the update, not only of the check before it)', async () => {
    for (let round = 0; round < 4; round++) {
      const { referralId, prisma, lotte, row, submitted, dayOf, plus } = await takenUpByLotte();
      const now = new Date(submitted.getTime() + 20 * 86_400_000);
      // The intake is checked while no first contact is known yet; the first contact, on a later day, is noted in the same instant.
      const noteIntake = () => recordStep(prisma, { referralId, actorId: lotte.id, step: 'INTAKE', on: plus(5), now });
      const noteContact = () => recordStep(prisma, { referralId, actorId: lotte.id, step: 'FIRST_CONTACT', on: plus(7), now });
      // Both orders of starting: which one reaches the row first is up to the database.
      const [intake, contact] = round % 2 === 0 ? await Promise.all([noteIntake(), noteContact()]) : await Promise.all([noteContact(), noteIntake()]).then(([c, i]) => [i, c] as const);
      const r = await row();
      if (r.intakeAt && r.firstContactAt) expect(dayOf(r.intakeAt) >= dayOf(r.firstContactAt), `round ${round}: intake ${dayOf(r.intakeAt)} before first contact ${dayOf(r.firstContactAt)}`).toBe(true);
      expect([intake.ok, contact.ok]).toContain(true);
    }
  });

  it('hands a trajectory to another begeleider: only a coordinator of that organisation, only to one of its people; the old begeleider no longer sees it', async () => {
    const sofie = new Chat(url(), stub(), SOFIE);
    const { reference, referralId } = await refer(sofie);
    await drain();
    const prisma = fixture.service.db.prisma;
    const apart = await prisma.organisation.findUniqueOrThrow({ where: { code: 'APART' } });
    const lotte = await prisma.person.findUniqueOrThrow({ where: { aadObjectId: LOTTE.aadObjectId } });
    const pieter = await prisma.person.findUniqueOrThrow({ where: { aadObjectId: PIETER.aadObjectId } });
    const sofieRow = await prisma.person.findUniqueOrThrow({ where: { aadObjectId: SOFIE.aadObjectId } });
    const begeleider = async (name: string) => {
      const aad = randomUUID();
      const p = await prisma.person.create({ data: { name, role: 'BEGELEIDER', aadObjectId: aad } });
      await prisma.membership.create({ data: { personId: p.id, organisationId: apart.id } });
      return { ...p, aad };
    };
    const bram = await begeleider(`Bram ${reference}`);
    const eva = await begeleider(`Eva ${reference}`);
    const rev = (await prisma.referral.findUniqueOrThrow({ where: { id: referralId } })).revision;
    expect(await takeUp(prisma, { referralId, rev, actorId: lotte.id, organisationId: apart.id, begeleiderId: bram.id })).toMatchObject({ ok: true });
    const owner = async (aad: string) => (await accessTo(prisma, aad, referralId))?.owner;
    // The begeleider and the organisation's coordinator; not another begeleider of the same organisation.
    expect([await owner(bram.aad), await owner(LOTTE.aadObjectId), await owner(eva.aad)]).toEqual([true, true, false]);

    const to = (actorId: string, begeleiderId: string) => reassign(prisma, { referralId, actorId, begeleiderId, reason: 'Bram gaat met verlof.' });
    expect(await to(bram.id, eva.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await to(pieter.id, eva.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await to(sofieRow.id, eva.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await to(lotte.id, pieter.id)).toEqual({ ok: false, reason: 'not-member' });
    expect(await to(lotte.id, bram.id)).toEqual({ ok: false, reason: 'same' });
    expect(await prisma.referralEvent.count({ where: { referralId, type: 'REASSIGNED' } })).toBe(0);
    expect(await to(lotte.id, eva.id)).toEqual({ ok: true, from: bram.id, to: eva.id, toName: eva.name, reference });
    expect([await owner(bram.aad), await owner(eva.aad)]).toEqual([false, true]);
    const event = await prisma.referralEvent.findFirstOrThrow({ where: { referralId, type: 'REASSIGNED' } });
    expect([event.actorId, event.data]).toEqual([lotte.id, { from: bram.id, to: eva.id, reason: 'Bram gaat met verlof.' }]);
    const details = await prisma.outboxMessage.findMany({ where: { kind: 'notify.person', payload: { path: ['personId'], equals: eva.id } } });
    expect(details.map((m) => (m.payload as { notice: { type: string } }).notice.type)).toEqual(['details']);

    // In the 1:1 chat: the command and its card, for the coordinator only.
    const lotteChat = new Chat(url(), stub(), LOTTE);
    const form = last(await lotteChat.say(`begeleider ${reference.toLowerCase()}`));
    expect(cardText(form.card)).toContain(`nu begeleid door Eva ${reference}`);
    const none = last(await lotteChat.submit(button(form.card, 'Overdragen'), {}));
    expect(cardText(none.card)).toContain('Kies de nieuwe begeleider.');
    expect(last(await lotteChat.submit(button(form.card, 'Overdragen'), { begeleiderId: bram.id })).text).toBe(`Overgedragen: Bram ${reference} begeleidt nu ${reference} en krijgt de gegevens in een 1:1-bericht.`);
    expect(last(await sofie.say(`begeleider ${reference}`)).text).toBe('Een traject overdragen aan een andere begeleider kan alleen een coördinator van de organisatie die het opnam.');
    expect(last(await new Chat(url(), stub(), PIETER).submit({ naft: 'reassign', referralId }, { begeleiderId: pieter.id })).text).toBe('Een traject overdragen aan een andere begeleider kan alleen een coördinator van de organisatie die het opnam.');
  });

  it('corrects the last step (a new day, or undone) for the organisation that took it up, with a reason; the figures read the correction', async () => {
    const { reference, referralId, prisma, lotte, row, submitted, dayOf, plus } = await takenUpByLotte();
    const pieter = await prisma.person.findUniqueOrThrow({ where: { aadObjectId: PIETER.aadObjectId } });
    const now = new Date(submitted.getTime() + 30 * 86_400_000);
    for (const [step, d] of [['FIRST_CONTACT', 2], ['INTAKE', 5], ['START', 9], ['EVALUATE', 20]] as const) expect(await recordStep(prisma, { referralId, actorId: lotte.id, step, on: plus(d), now })).toMatchObject({ ok: true });
    const last = async () => (await lastStep(prisma, referralId, lotte.id))?.eventId ?? '';
    const correct = (actorId: string, eventId: string, correction: Correction) => correctLastStep(prisma, { referralId, actorId, eventId, correction, reason: 'Verkeerd genoteerd.', now });

    expect(await lastStep(prisma, referralId, pieter.id)).toBeNull();
    expect(await correct(pieter.id, await last(), { kind: 'undo' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await correct(lotte.id, randomUUID(), { kind: 'undo' })).toEqual({ ok: false, reason: 'changed' });
    // The evaluation: another day (not before the start), then undone — the reports no longer count it.
    expect(await correct(lotte.id, await last(), { kind: 'redate', on: plus(8) })).toMatchObject({ ok: false, reason: 'bad-date', message: expect.stringContaining('voor de stap ervoor') });
    expect(await correct(lotte.id, await last(), { kind: 'redate', on: plus(31) })).toMatchObject({ ok: false, reason: 'bad-date' });
    expect(await correct(lotte.id, await last(), { kind: 'redate', on: plus(18) })).toMatchObject({ ok: true, step: 'EVALUATE', undone: false });
    expect(dayOf((await row()).lastEvaluationAt ?? now)).toBe(plus(18));
    const evaluations = async () => (await loadEvents(prisma, { from: new Date(submitted.getTime() - 86_400_000), until: new Date(now.getTime() + 86_400_000) })).filter((e) => e.referralId === referralId && e.type === 'EVALUATED').map((e) => dayOf(new Date(e.at)));
    expect(await evaluations()).toEqual([plus(18)]);
    expect(await correct(lotte.id, await last(), { kind: 'undo' })).toMatchObject({ ok: true, step: 'EVALUATE', undone: true });
    expect(await evaluations()).toEqual([]);
    let r = await row();
    expect([r.status, r.lastEvaluationAt, dayOf(r.evaluationDueAt ?? now)]).toEqual(['RUNNING', null, dayOf(new Date((r.startedAt ?? now).getTime() + 56 * 86_400_000))]);
    // Then the start: undone, back to intake.
    expect(await correct(lotte.id, await last(), { kind: 'undo' })).toMatchObject({ ok: true, step: 'START', undone: true });
    r = await row();
    expect([r.status, r.startedAt, r.evaluationDueAt]).toEqual(['INTAKE', null, null]);
    const corrections = await prisma.referralEvent.findMany({ where: { referralId, type: 'STEP_CORRECTED' }, orderBy: { createdAt: 'asc' } });
    expect(corrections.map((c) => [c.actorId, (c.data as { step: string }).step, (c.data as { reason: string }).reason])).toEqual([
      [lotte.id, 'EVALUATE', 'Verkeerd genoteerd.'],
      [lotte.id, 'EVALUATE', 'Verkeerd genoteerd.'],
      [lotte.id, 'START', 'Verkeerd genoteerd.'],
    ]);

    // In the 1:1 chat: the card with the last step; a reason is required; someone else learns nothing.
    const lotteChat = new Chat(url(), stub(), LOTTE);
    const form = last_(await lotteChat.say(`corrigeer ${reference}`));
    expect(cardText(form.card)).toMatch(/Intake op \d{2}\/\d{2}\/\d{4}, genoteerd door Lotte Vermeulen\./);
    expect(cardText(last_(await lotteChat.submit(button(form.card, 'Ongedaan maken'), { reason: '' })).card)).toContain('Schrijf kort waarom (5 tot 200 tekens).');
    expect(last_(await lotteChat.submit(button(form.card, 'Ongedaan maken'), { reason: 'Intake ging niet door.' })).text).toBe('Ongedaan gemaakt: intake. Het traject staat weer waar het voor die stap stond.');
    expect((await row()).status).toBe('TAKEN_UP');
    expect(last_(await new Chat(url(), stub(), PIETER).say(`corrigeer ${reference}`)).text).toBe('Een stap corrigeren kunnen alleen de begeleider en de coördinatoren van de organisatie die het traject opnam, zolang het loopt.');
  });

  it('welcomes a coordinator in 1:1 as a partner: what comes here, no referral buttons', async () => {
    const welcome = last(await new Chat(url(), stub(), LOTTE).say('help'));
    expect(cardText(welcome.card)).toContain('Hier krijg je van mij de gegevens van elke aanmelding die jullie opnemen');
    expect(JSON.stringify(welcome.card)).not.toContain('Nieuwe aanmelding');
    expect(cardText(last(await new Chat(url(), stub(), SOFIE).say('help')).card)).toContain('Nieuwe aanmelding');
  });

  it('answers a forged or unknown button with an invoke error, never a chat message', async () => {
    // Nothing left for the outbox to send meanwhile: whatever reaches the stub now came from these clicks.
    await drain();
    const before = stub().sent.length;
    const bad = await invoke(url(), stub().url, LOTTE, { verb: 'takeUp', data: { naft: 'dispatch', referralId: 'nope', rev: 1 } });
    expect([bad.statusCode, bad.type]).toEqual([400, 'application/vnd.microsoft.error']);
    const gone = await invoke(url(), stub().url, LOTTE, { verb: 'view', data: { naft: 'dispatch', referralId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', rev: 0 } });
    expect([gone.statusCode, gone.message]).toEqual([404, 'Deze aanmelding bestaat niet (meer).']);
    const foreign = await invoke(url(), stub().url, LOTTE, { verb: 'x', data: { naft: 'elsewhere' } });
    expect(foreign.statusCode).toBe(400);
    expect(stub().sent.length).toBe(before);
  });
});
