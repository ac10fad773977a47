// The referral conversation as a referrer lives it, through the real endpoint on both databases:
// a change of kind, one live card, pausing with a half-filled card, remembered contact details,
// a double click, and a card of a referral that was already sent.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as say from '../dialogs/messages.ts';
import { STEP_IDS } from '../referrals/steps.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { useService } from './support/serviceFixture.ts';
import { button, cardText, Chat, inputValues } from './support/chat.ts';
import type { CardJson } from './support/chat.ts';
import { STEP_ANSWERS, whoAnswers } from './support/referralAnswers.ts';
import { answersFor, fillIn, last, NEXT, person } from './support/referralChat.ts';

const SOFIE = person('Sofie Claes');
const YOUSSEF = person('Youssef El Amrani');

/** The card-level parts of a card: what it asks and answers, without its buttons' data. */
const inputsOf = (card: CardJson | undefined) => Object.keys(inputValues(card));

describe.each(DATABASE_KINDS)('the referral flow on %s', (kind) => {
  const fixture = useService(kind);

  it('after a change of kind shows no answer under a question it did not answer, and no hidden answer sets the consent flag', async () => {
    const chat = new Chat(fixture.service.url, fixture.stub, YOUSSEF);
    // A pupil whose parents do not know yet: the consent flag would be set.
    const care = { ...STEP_ANSWERS.care, parentsInformed: 'NO', consentNote: 'De ouders weten het nog niet.' };
    const summary = await fillIn(chat, 'PUPIL', {}, { care });
    expect(cardText(summary.card)).toContain('Nog niet iedereen is op de hoogte of akkoord');

    // Aanpassen on "wie", then "Andere keuze": school support instead.
    const who = last(await chat.submit(button(summary.card, 'Aanpassen')));
    const kinds = last(await chat.submit(button(who.card, 'Andere keuze'), answersFor('who', 'PUPIL')));
    expect(cardText(kinds.card)).toContain('Nu: eén leerling');
    const redo = last(await chat.submit(button(kinds.card, 'Ondersteuning van de school')));
    const text = cardText(redo.card);
    expect(text).toContain('Je koos nu voor ondersteuning van de school. De stappen 1, 3 en 5 vragen daarvoor iets anders');
    expect(text).toContain('Stap 1 van 7 · Ondersteuning van de school');
    // What still fits is there; the pupil's identity is not.
    expect(inputValues(redo.card)).toMatchObject({ schoolName: 'Sint-Lucas Gent', schoolTown: 'Gent' });
    expect(inputsOf(redo.card)).not.toContain('firstName');

    const care2 = last(await chat.submit(button(redo.card, NEXT), whoAnswers('SCHOOL')));
    expect(cardText(care2.card)).toContain('Is de directie op de hoogte?');
    // "Is de leerling op de hoogte?" was answered for a pupil: it is not offered as the directie's answer.
    expect(inputValues(care2.card).pupilInformed).toBeUndefined();
    expect(inputsOf(care2.card)).not.toContain('parentsInformed');
    const desire = last(await chat.submit(button(care2.card, NEXT), { extendedCare: 'true', pupilInformed: 'YES', agreement: 'YES' }));
    expect(cardText(desire.card)).toContain('Wat willen de leerkrachten zelf?');
    const back = last(await chat.submit(button(desire.card, NEXT), { ...STEP_ANSWERS.desire, youngPersonWants: 'Handvatten voor de klas.' }));
    expect(cardText(back.card)).toContain('Overzicht van je aanmelding');
    const overview = cardText(back.card);
    expect(overview).not.toContain('Nog niet iedereen is op de hoogte of akkoord');
    expect(overview).not.toMatch(/Youssef|De ouders weten het nog niet|Zijn de ouders op de hoogte/);

    const done = last(await chat.submit(button(back.card, 'Bevestigen en versturen')));
    const reference = /GR-\d{4}-\d{4}/.exec(cardText(done.card))?.[0] ?? '';
    const referral = await fixture.service.db.prisma.referral.findUniqueOrThrow({ where: { reference } });
    expect(referral.consentFlag).toBe(false);
    expect(referral.subjectKey).toBeNull();
    expect(JSON.stringify(referral.answers)).not.toMatch(/parentsInformed|firstName|De ouders weten/);
  });

  it('keeps one live card: a newer card turns the older into one line, and an old overview cannot confirm', async () => {
    const chat = new Chat(fixture.service.url, fixture.stub, SOFIE);
    const first = await fillIn(chat, 'GROUP');
    // "verder" shows the overview again: the first one becomes a line, without a confirm button.
    const second = last(await chat.say('verder'));
    expect(cardText(second.card)).toContain('Overzicht van je aanmelding');
    expect(cardText(chat.cardNow(first.id))).toContain('Vervangen door een nieuwere kaart hieronder');
    expect(JSON.stringify(chat.cardNow(first.id))).not.toContain('confirm');

    // Change something from the second overview; the first overview's confirm (forged or from a
    // card that was not updated) carries the old revision and does not send.
    const contact = last(await chat.submit(button(second.card, 'Aanpassen'), {}));
    const third = last(await chat.submit(button(contact.card, NEXT), whoAnswers('GROUP', { schoolName: 'Atheneum Gent' })));
    expect(cardText(third.card)).toContain('Atheneum Gent');
    const stale = last(await chat.submit(button(first.card, 'Bevestigen en versturen')));
    expect(cardText(stale.card)).toContain(say.CHANGED);
    expect(await fixture.service.db.prisma.referral.count({ where: { id: String(button(first.card, 'Bevestigen en versturen').draftId), status: 'DRAFT' } })).toBe(1);
    const sent = last(await chat.submit(button(stale.card, 'Bevestigen en versturen')));
    expect(cardText(sent.card)).toContain('Je aanmelding is verstuurd');

    // "Aanpassen" on a step of the sent referral says it was sent, with its reference.
    const reference = /GR-\d{4}-\d{4}/.exec(cardText(sent.card))?.[0] ?? 'none';
    const edit = last(await chat.submit(button(first.card, 'Aanpassen')));
    expect(edit.text).toBe(say.ALREADY_SENT(reference));
  });

  it('keeps what is on the card when pausing: complete steps are saved, half-filled ones come back as typed', async () => {
    const chat = new Chat(fixture.service.url, fixture.stub, SOFIE);
    let reply = last(await chat.say('nieuwe aanmelding'));
    reply = last(await chat.submit(button(reply.card, 'Een klas')));
    reply = last(await chat.submit(button(reply.card, NEXT), whoAnswers('CLASS')));
    // Step 2 is complete on the card: Pauzeren saves it.
    await chat.submit(button(reply.card, 'Pauzeren'), STEP_ANSWERS.support);
    const draftId = String(button(reply.card, 'Pauzeren').draftId);
    const saved = await fixture.service.db.prisma.referral.findUniqueOrThrow({ where: { id: draftId } });
    expect(Object.keys((saved.answers as { steps: object }).steps).sort()).toEqual(['support', 'who']);
    expect(cardText(chat.cardNow(reply.id))).toContain('Gepauzeerd');

    // Step 3 half-filled: nothing is lost, and "verder" shows it as it was typed.
    reply = last(await chat.submit({ naft: 'referral', op: 'resume', draftId }));
    expect(cardText(reply.card)).toContain('Stap 3 van 7');
    const typed = { extendedCare: 'true', pupilInformed: 'NO' };
    expect(last(await chat.submit(button(reply.card, 'Pauzeren'), typed)).text).toBe(say.PAUSED);
    const again = last(await chat.say('verder'));
    expect(cardText(again.card)).toContain('Stap 3 van 7');
    expect(inputValues(again.card)).toMatchObject({ extendedCare: 'true', pupilInformed: 'NO' });
    // Typing something else after a pause is not mistaken for an answer.
    await chat.say('stop');
    expect(last(await chat.say('hoe gaat het?')).text).not.toMatch(/Ik wacht nog op je antwoorden bij stap/);
  });

  it('offers the referrer\'s own contact details and the school\'s contact person again for the next referral from that school', async () => {
    const chat = new Chat(fixture.service.url, fixture.stub, YOUSSEF);
    const contact = { schoolContactName: 'Els Wouters', schoolContactRole: 'zorgcoördinator', schoolContactReach: '09 123 45 67', referrerReach: 'PHONE', referrerPhone: '0470 12 34 56' };
    const summary = await fillIn(chat, 'GROUP', { schoolName: 'Leiepoort Deinze', schoolTown: 'Deinze' }, { contact });
    await chat.submit(button(summary.card, 'Bevestigen en versturen'));

    let reply = last(await chat.say('nieuwe aanmelding'));
    reply = last(await chat.submit(button(reply.card, 'Een klas')));
    reply = last(await chat.submit(button(reply.card, NEXT), whoAnswers('CLASS', { schoolName: 'leiepoort  deinze', schoolTown: 'Deinze' })));
    for (const step of STEP_IDS.slice(1, -1)) reply = last(await chat.submit(button(reply.card, NEXT), answersFor(step, 'CLASS')));
    expect(cardText(reply.card)).toContain('Ingevuld zoals bij je vorige aanmelding voor \nLeiepoort Deinze');
    expect(inputValues(reply.card)).toMatchObject(contact);

    // Another school: only the referrer's own details come back.
    reply = last(await chat.say('nieuwe aanmelding'));
    reply = last(await chat.submit(button(reply.card, 'Een klas')));
    reply = last(await chat.submit(button(reply.card, NEXT), whoAnswers('CLASS', { schoolName: 'Sint-Vincentius' })));
    for (const step of STEP_IDS.slice(1, -1)) reply = last(await chat.submit(button(reply.card, NEXT), answersFor(step, 'CLASS')));
    expect(inputValues(reply.card)).toMatchObject({ referrerReach: 'PHONE', referrerPhone: '0470 12 34 56' });
    expect(inputValues(reply.card).schoolContactName).toBeUndefined();
  });

  it('creates one draft for a double click on a kind button', async () => {
    const chat = new Chat(fixture.service.url, fixture.stub, SOFIE);
    const kinds = last(await chat.say('nieuwe aanmelding'));
    const click = button(kinds.card, 'Eén leerling');
    const draftId = String(click.draftId);
    const replies = await Promise.all([chat.submit(click), chat.submit(click)]);
    expect(await fixture.service.db.prisma.referral.count({ where: { id: draftId } })).toBe(1);
    // At least one click shows step 1, and the card that asks for input is one card.
    expect(replies.flat().some((r) => cardText(r.card).includes('Stap 1 van 7'))).toBe(true);
    const row = await fixture.service.db.prisma.referral.findUniqueOrThrow({ where: { id: draftId } });
    const live = replies.flat().filter((r) => r.id && JSON.stringify(chat.cardNow(r.id)).includes('"op":"step"'));
    expect(live.map((r) => r.id)).toEqual([row.liveCardId]);
    // A kind button of someone else's draft id is refused, not taken over.
    const theirs = last(await new Chat(fixture.service.url, fixture.stub, YOUSSEF).submit({ ...click, draftId }));
    expect(theirs.text).toBe(say.DRAFT_GONE);
    expect(last(await chat.submit({ ...click, draftId: randomUUID(), kind: 'NOPE' })).text).toBe(say.UNKNOWN_CARD);
  });
});
