// The referral conversation end to end: real HTTP endpoint, real database (PGlite and
// PostgreSQL), the connector stub standing in for Teams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { startService } from '../server/app.ts';
import type { Service } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import type { SubjectKind } from '../referrals/fields.ts';
import { STEP_IDS } from '../referrals/steps.ts';
import type { StepId } from '../referrals/steps.ts';
import * as say from '../dialogs/messages.ts';
import { TURN_ERROR_MESSAGE } from '../bot/adapter.ts';
import { startConnectorStub } from './support/connectorStub.ts';
import type { ConnectorStub } from './support/connectorStub.ts';
import { createTestDatabase, DATABASE_KINDS, setPostgresDatabaseDown, runsOn } from './support/databases.ts';
import type { TestDatabase } from './support/databases.ts';
import { button, cardText, Chat, errorUnder, inputValues } from './support/chat.ts';
import { STEP_ANSWERS } from './support/referralAnswers.ts';
import { answersFor, fillIn, last, person } from './support/referralChat.ts';

const SOFIE = person('Sofie Claes');
const YOUSSEF = person('Youssef El Amrani');
const LOTTE = person('Lotte Vermeulen');

describe.each(DATABASE_KINDS)('referral conversation on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let stub: ConnectorStub;
  const start = async () => startService({ ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on' }), database: testDb.settings }, silentLogger);

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    stub = await startConnectorStub();
    service = await start();
  });
  afterAll(async () => {
    await service?.close();
    await stub?.close();
    await testDb?.destroy();
  });

  it('takes a pupil from "nieuwe aanmelding" to a confirmed referral with a reference and a dispatch outbox entry', async () => {
    const chat = new Chat(service.url, stub, SOFIE);
    const summary = await fillIn(chat, 'PUPIL');
    const text = cardText(summary.card);
    expect(text).toContain('Youssef');
    expect(text).toContain('NAFT Gent en Rand');
    expect(text).toContain('Individueel traject, Herstelgesprek');
    expect(text).not.toContain('Mogelijk al eerder aangemeld');

    const confirmation = last(await chat.submit(button(summary.card, 'Bevestigen en versturen')));
    const year = new Date().getFullYear();
    expect(cardText(confirmation.card)).toMatch(new RegExp(`GR-${year}-\\d{4}`));
    expect(cardText(confirmation.card)).toContain('wekelijkse dispatch');

    const referral = await service.db.prisma.referral.findFirstOrThrow({ where: { status: 'SUBMITTED' }, include: { events: true, region: true } });
    expect(referral.region?.code).toBe('GR');
    expect(referral.subjectKind).toBe('PUPIL');
    expect(referral.events.map((e) => e.type)).toEqual(['SUBMITTED']);
    const outbox = await service.db.prisma.outboxMessage.findMany();
    expect(outbox).toHaveLength(1);
    // No dispatch channel is linked in this test: the entry waits for one, it is not dropped.
    expect(outbox[0]).toMatchObject({ kind: 'dispatch.post', status: 'PENDING', scope: 'GR', payload: { referralId: referral.id } });

    // A second click on "bevestigen" does not submit twice.
    const again = last(await chat.submit(button(summary.card, 'Bevestigen en versturen')));
    expect(cardText(again.card)).toContain(referral.reference ?? 'missing');
    expect(await service.db.prisma.outboxMessage.count()).toBe(1);

    const status = last(await chat.submit(button(confirmation.card, 'Status bekijken')));
    expect(cardText(status.card)).toContain('aangemeld, wacht op dispatch');

    // Every used card was replaced by one line, in place (the PUT goes to that card's id).
    const updates = chat.updates().map((u) => `${u.path.split('/').pop() ?? ''} ${cardText(u.card)}`);
    expect(updates.filter((u) => /✓ Stap \d van 7 bewaard · /.test(u))).toHaveLength(7);
    expect(updates.some((u) => u.startsWith(`${summary.id ?? 'x'} ✓ Verstuurd als ${referral.reference ?? 'x'}`))).toBe(true);
    expect(updates.some((u) => u.includes('✓ Aanmelding: Eén leerling'))).toBe(true);
    // Only one card of the referral still asks for input at any time: every step card was retired once.
    expect(new Set(updates.map((u) => u.split(' ')[0])).size).toBe(updates.length);
  });

  it.each<[string, StepId, Record<string, string>, string, RegExp]>([
    ['a missing school', 'who', { schoolName: '' }, 'schoolName', /^Vul dit nog in\.$/],
    ['a two-letter initial', 'who', { lastInitial: 'El' }, 'lastInitial', /^Schrijf hoogstens 1 teken\.$/],
    ['an impossible birth year', 'who', { birthYear: '1950' }, 'birthYear', /^Vul een getal tussen \d{4} en \d{4} in\.$/],
    ['a birth year in scientific notation', 'who', { birthYear: '2e3' }, 'birthYear', /^Vul alleen cijfers in/],
    ['a town outside every region', 'who', { schoolTown: 'Oostende' }, 'regionCode', /werkingsgebied van deze gemeente niet/],
    ['no kind of support', 'support', { supportTypes: '' }, 'supportTypes', /^Kies hier een antwoord\.$/],
    ['an urgent request without a reason', 'support', { urgency: 'URGENT' }, 'urgencyReason', /^Vul dit nog in\.$/],
    ['a start date in the past', 'support', { preferredStart: '2020-01-01' }, 'preferredStart', /vandaag of een latere datum/],
    ['31 February', 'support', { preferredStart: `${new Date().getFullYear() + 1}-02-31` }, 'preferredStart', /Die datum bestaat niet/],
    ['no "uitbreiding van zorg"', 'care', { extendedCare: 'false' }, 'extendedCare', /pas instappen vanaf "uitbreiding van zorg"/],
    ['parents not informed without a reason', 'care', { parentsInformed: 'NO' }, 'consentNote', /^Vul dit nog in\.$/],
    ['a too short question', 'reason', { about: 'Spijbelt.' }, 'about', /^Schrijf minstens 15 tekens\.$/],
    ['a forged choice', 'engagement', { capacity: 'INFINITE' }, 'capacity', /^Kies een van de mogelijkheden\.$/],
    ['phone contact without a number', 'contact', { referrerReach: 'PHONE' }, 'referrerPhone', /^Vul dit nog in\.$/],
  ])('shows what is wrong on the same step, keeping what was typed: %s', async (_name, step, bad, field, message) => {
    const chat = new Chat(service.url, stub, SOFIE);
    let reply = last(await chat.say('nieuwe aanmelding'));
    reply = last(await chat.submit(button(reply.card, 'Eén leerling')));
    for (const s of STEP_IDS.slice(0, STEP_IDS.indexOf(step))) reply = last(await chat.submit(button(reply.card, 'Volgende'), answersFor(s, 'PUPIL')));
    const typed = { ...answersFor(step, 'PUPIL'), ...bad };
    const retry = last(await chat.submit(button(reply.card, /^(Volgende|Naar het overzicht)$/), typed));
    expect(cardText(retry.card)).toContain(`Stap ${STEP_IDS.indexOf(step) + 1} van 7`);
    expect(errorUnder(retry.card, field)).toMatch(message);
    expect(cardText(retry.card)).toContain('Pas nog één antwoord aan');
    // The card that was sent comes back in place, not as a new message below it.
    expect(retry.id).toBe(chat.updates().at(-1)?.id);
    const shown = inputValues(retry.card);
    for (const [id, value] of Object.entries(typed)) {
      if (value === '' || id === 'regionCode' || id === 'extendedCare') continue;
      // Put back as the card can hold it: cut to the input's length, a number input only a number.
      if (id === 'birthYear' && !/^\d+$/.test(value)) expect(shown[id]).toBeUndefined();
      else expect(String(shown[id])).toBe(id === 'lastInitial' ? value.slice(0, 1) : value);
    }
    // Fixing it moves on.
    const fixed = last(await chat.submit(button(retry.card, /^(Volgende|Naar het overzicht)$/), answersFor(step, 'PUPIL')));
    expect(cardText(fixed.card)).not.toContain('Pas nog');
  });

  it('pauses with "stop" and resumes with "verder" after the service restarted', async () => {
    const chat = new Chat(service.url, stub, SOFIE);
    let reply = last(await chat.say('nieuwe aanmelding'));
    reply = last(await chat.submit(button(reply.card, 'Een groep leerlingen')));
    for (const s of ['who', 'support', 'care'] as const) reply = last(await chat.submit(button(reply.card, 'Volgende'), answersFor(s, 'GROUP')));
    expect(last(await chat.say('stop')).text).toBe(say.PAUSED);

    await service.close();
    service = await start();
    chat.moveTo(service.url);

    const resumed = last(await chat.say('verder'));
    expect(cardText(resumed.card)).toMatch(/Je gaat verder met \nGroep van 6 leerlingen — Sint-Lucas Gent\n, laatst bewaard op \d{2}\/\d{2}\/\d{4} om \d{2}:\d{2} \(verder bij stap 4/);
    expect(cardText(resumed.card)).toContain('Stap 4 van 7');
    // "Vorige" shows the saved answers of step 3.
    const back = last(await chat.submit(button(resumed.card, 'Vorige')));
    expect(inputValues(back.card).agreement).toBe(STEP_ANSWERS.care.agreement);
    // Typing something else while a card is waiting points back to it.
    const nudge = await chat.say('ik weet het niet goed');
    expect(nudge[0]?.text).toBe(say.WAITING_FOR_CARD(3));
  });

  it('discards a draft with "annuleer" only after confirmation', async () => {
    const chat = new Chat(service.url, stub, SOFIE);
    let reply = last(await chat.say('nieuwe aanmelding'));
    reply = last(await chat.submit(button(reply.card, 'Een klas')));
    reply = last(await chat.submit(button(reply.card, 'Volgende'), answersFor('who', 'CLASS')));
    const draftId = String(button(reply.card, 'Volgende').draftId);

    const ask = last(await chat.say('annuleer'));
    expect(cardText(ask.card)).toContain('Concept verwijderen?');
    const kept = last(await chat.submit(button(ask.card, 'Nee, bewaren en verder')));
    expect(cardText(kept.card)).toContain('Stap 2 van 7');
    expect(await service.db.prisma.referral.count({ where: { id: draftId } })).toBe(1);

    const ask2 = last(await chat.say('annuleer'));
    expect(last(await chat.submit(button(ask2.card, 'Ja, verwijderen'))).text).toBe(say.DISCARDED);
    expect(await service.db.prisma.referral.count({ where: { id: draftId } })).toBe(0);
    // The old card's buttons now explain instead of failing.
    expect(last(await chat.submit(button(reply.card, 'Volgende'), STEP_ANSWERS.support)).text).toBe(say.DRAFT_GONE);
    // "annuleer" no longer finds this draft (it may find another open draft of the same referrer).
    const after = last(await chat.say('annuleer'));
    if (after.card) expect(button(after.card, 'Ja, verwijderen').draftId).not.toBe(draftId);
    else expect(after.text).toBe(say.NOTHING_TO_CANCEL);
  });

  it('hints at an earlier referral of the same pupil, by anyone, with only its date and status', async () => {
    const first = new Chat(service.url, stub, YOUSSEF);
    const who = { firstName: 'Lina', lastInitial: 'M', birthYear: String(new Date().getFullYear() - 14), schoolName: 'Atheneum Mariakerke', schoolTown: 'Mariakerke' };
    const summary = await fillIn(first, 'PUPIL', who);
    await first.submit(button(summary.card, 'Bevestigen en versturen'));

    const second = new Chat(service.url, stub, SOFIE);
    const hint = await fillIn(second, 'PUPIL', { ...who, firstName: 'lina ', schoolName: 'atheneum  mariakerke' });
    const text = cardText(hint.card);
    expect(text).toMatch(/Mogelijk al eerder aangemeld op \d{2}\/\d{2}\/\d{4} — status: aangemeld, wacht op dispatch\./);
    expect(text).not.toContain('Youssef');
    expect(text).not.toContain('CLB Deinze');
    // The referrer can continue.
    const done = last(await second.submit(button(hint.card, 'Bevestigen en versturen')));
    expect(cardText(done.card)).toContain('Je aanmelding is verstuurd');
  });

  it.each<[SubjectKind]>([['CLASS'], ['SCHOOL']])('refers a %s without any pupil identity', async (subject) => {
    const chat = new Chat(service.url, stub, SOFIE);
    const summary = await fillIn(chat, subject);
    expect(cardText(summary.card)).not.toContain('Voornaam');
    const done = last(await chat.submit(button(summary.card, 'Bevestigen en versturen')));
    const reference = /GR-\d{4}-\d{4}/.exec(cardText(done.card))?.[0];
    const referral = await service.db.prisma.referral.findUniqueOrThrow({ where: { reference: reference ?? '' } });
    expect(referral.subjectKind).toBe(subject);
    expect(referral.subjectKey).toBeNull();
    expect(JSON.stringify(referral.answers)).not.toMatch(/firstName|lastInitial|birthYear/);
  });

  it('tells someone who is not CLB staff how referring works, and stores nothing', async () => {
    const before = await service.db.prisma.referral.count();
    const chat = new Chat(service.url, stub, LOTTE);
    expect(last(await chat.say('nieuwe aanmelding')).text).toBe(say.NOT_ALLOWED);
    expect(last(await chat.submit({ naft: 'referral', op: 'kind', kind: 'PUPIL', draftId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })).text).toBe(say.NOT_ALLOWED);
    const stranger = new Chat(service.url, stub, { id: 'x', name: 'Onbekend', aadObjectId: '99999999-0000-4000-8000-000000000000' });
    expect(last(await stranger.say('verder')).text).toBe(say.NOT_ALLOWED);
    expect(await service.db.prisma.referral.count()).toBe(before);
  });

  it('answers a malformed or foreign card submit with an explanation', async () => {
    const chat = new Chat(service.url, stub, SOFIE);
    expect(last(await chat.submit({ naft: 'referral', op: 'step' })).text).toBe(say.UNKNOWN_CARD);
    expect(last(await chat.submit({ naft: 'referral', op: 'step', step: 'who', draftId: 'not-a-draft' })).text).toBe(say.DRAFT_GONE);
    expect(last(await chat.submit({ something: 'else' })).text).toBe(say.UNKNOWN_CARD);
  });

  it('keeps referring out of team channels', async () => {
    const chat = new Chat(service.url, stub, SOFIE, { conversationId: '19:dispatch@thread.tacv2', conversationType: 'channel' });
    expect(last(await chat.say('nieuwe aanmelding')).text).toBe(say.ONLY_IN_PERSONAL_CHAT);
  });

  it('lists "mijn aanmeldingen" newest first, a page at a time, and the drafts apart', async () => {
    const chat = new Chat(service.url, stub, YOUSSEF);
    const submitted = await service.db.prisma.referral.count({ where: { referrer: { aadObjectId: YOUSSEF.aadObjectId }, NOT: { status: 'DRAFT' } } });
    for (let i = 0; i < 9 - submitted; i++) {
      const summary = await fillIn(chat, 'GROUP', { schoolName: `School ${i}` });
      await chat.submit(button(summary.card, 'Bevestigen en versturen'));
    }
    let reply = last(await chat.say('nieuwe aanmelding'));
    await chat.submit(button(reply.card, 'Een klas'));

    const page1 = last(await chat.say('mijn aanmeldingen'));
    const text1 = cardText(page1.card);
    expect(text1).toContain('9 aanmeldingen, nieuwste eerst · pagina 1 van 2');
    const refs = [...text1.matchAll(/GR-\d{4}-(\d{4})/g)].map((m) => Number(m[1]));
    expect(refs).toHaveLength(8);
    expect(refs).toEqual([...refs].sort((a, b) => b - a));
    const page2 = last(await chat.submit(button(page1.card, 'Volgende pagina')));
    expect([...cardText(page2.card).matchAll(/GR-\d{4}-\d{4}/g)]).toHaveLength(1);

    reply = last(await chat.submit(button(page1.card, 'Concepten (1)')));
    expect(cardText(reply.card)).toMatch(/Laatst bewaard \d{2}\/\d{2}\/\d{4} om \d{2}:\d{2} · verder bij stap 1/);
    const resumed = last(await chat.submit(button(reply.card, 'Verder')));
    expect(cardText(resumed.card)).toContain('Stap 1 van 7 · Een klas');
  });
});

describe.runIf(runsOn('postgres'))('a database outage in the middle of a referral', () => {
  it('explains the failure, keeps the earlier steps, and the same card works once the database is back', async () => {
    const testDb = await createTestDatabase('postgres');
    const stub = await startConnectorStub();
    const service = await startService({ ...loadConfig({ PORT: '0', PLAYGROUND: 'off', DEMO_DATA: 'on' }), database: testDb.settings }, silentLogger);
    const name = new URL((testDb.settings as { url: string }).url).pathname.slice(1);
    try {
      const chat = new Chat(service.url, stub, SOFIE);
      let reply = last(await chat.say('nieuwe aanmelding'));
      reply = last(await chat.submit(button(reply.card, 'Eén leerling')));
      reply = last(await chat.submit(button(reply.card, 'Volgende'), answersFor('who', 'PUPIL')));

      await setPostgresDatabaseDown(name, true);
      const failed = await chat.submit(button(reply.card, 'Volgende'), STEP_ANSWERS.support);
      expect(failed.map((r) => r.text)).toContain(TURN_ERROR_MESSAGE);
      expect((await fetch(`${service.url}/healthz`)).status).toBe(503);

      await setPostgresDatabaseDown(name, false);
      const retried = last(await chat.submit(button(reply.card, 'Volgende'), STEP_ANSWERS.support));
      expect(cardText(retried.card)).toContain('Stap 3 van 7');
      const draft = await service.db.prisma.referral.findFirstOrThrow({ where: { status: 'DRAFT' } });
      expect(Object.keys((draft.answers as { steps: object }).steps).sort()).toEqual(['support', 'who']);
    } finally {
      await setPostgresDatabaseDown(name, false).catch(() => {});
      await service.close().catch(() => {});
      await stub.close();
      await testDb.destroy();
    }
  });
});
