// Text a person typed is text: a catalogue of hostile strings goes through the real endpoint into
// every free-text field of a referral. In every card the bot sends, typed text may appear only
// where Teams renders no markdown (TextRun, an input's value); no card loads anything from
// outside, none is over 28 KB, and what was typed is stored exactly (cleaned of control codes).
import { describe, expect, it } from 'vitest';
import type { TextField } from '../referrals/fields.ts';
import { STEP_IDS } from '../referrals/steps.ts';
import type { StepId } from '../referrals/steps.ts';
import { cleanText } from '../referrals/text.ts';
import { fieldsFor } from '../referrals/validate.ts';
import { adaptiveCardProblems, cardBytes } from './support/adaptiveCard15.ts';
import { button, cardText, Chat } from './support/chat.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { useService } from './support/serviceFixture.ts';
import { STEP_ANSWERS, whoAnswers } from './support/referralAnswers.ts';
import { last, NEXT, person } from './support/referralChat.ts';

/** Each carries a marker, so we can tell where in a card it ended up. */
const HOSTILE: readonly string[] = [
  '[klik hier](https://evil.example/phish) MRK01',
  '![beeld](https://evil.example/pixel.png) MRK02',
  '**vet** _schuin_ # kop\r- lijst\r1. nummer MRK03',
  '<img src=https://evil.example/x onerror=alert(1)> MRK04',
  '<script>alert("x")</script><a href="https://evil.example">a</a> MRK05',
  '"}]},{"type":"Image","url":"https://evil.example/i.png"},{"type":"TextBlock","text":"MRK06',
  'nul\u0000teken en \u0007bel MRK07',
  '\u202eevil\u202c omgekeerd, يتغيب كثيرًا عن المدرسة MRK08',
  'emoji 👩‍👩‍👧‍👦🎉🏳️‍🌈 MRK09',
  `MRK10${'W'.repeat(10_000)}`,
  '<at>Sofie Claes</at> {{DATE(2017-02-14T06:08:00Z,SHORT)}} MRK11',
  'javascript:alert(1) data:text/html,<b>x</b> MRK12',
];
const MARKER = /MRK\d\d/;

/** Where Teams renders markdown (or our own words): typed text must never be here. */
function markdownPlaces(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) markdownPlaces(item, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  const n = node as Record<string, unknown>;
  if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
  if (n.type === 'FactSet' && Array.isArray(n.facts)) for (const f of n.facts as Array<{ title: string; value: string }>) out.push(f.title, f.value);
  for (const key of ['label', 'placeholder', 'title', 'errorMessage', 'fallbackText', 'speak']) if (typeof n[key] === 'string') out.push(n[key]);
  for (const [key, value] of Object.entries(n)) if (key !== 'data' && key !== 'value' && key !== 'inlines') markdownPlaces(value, out);
  return out;
}

/** Elements that load something from an address. */
function loaders(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => loaders(item, out));
  else if (typeof node === 'object' && node !== null) {
    const n = node as Record<string, unknown>;
    if (['Image', 'Media', 'ImageSet', 'Action.OpenUrl'].includes(String(n.type)) || 'backgroundImage' in n || 'iconUrl' in n) out.push(String(n.type));
    Object.values(n).forEach((v) => loaders(v, out));
  }
  return out;
}

/** A payload that a field accepts: cut to its maximum, padded to its minimum, with a letter. */
function fit(payload: string, field: TextField): string {
  let text = [...payload].slice(0, field.max).join('');
  if (field.needsLetter && !/\p{L}/u.test(text)) text = `a${text}`.slice(0, field.max);
  while ([...cleanText(text)].length < field.min) text += ' aanvulling';
  return [...text].slice(0, field.max).join('');
}

/** The free-text fields of a pupil referral that take any text (no pattern). */
function freeTextFields(step: StepId): TextField[] {
  return fieldsFor(step, 'PUPIL').filter((f): f is TextField => f.type === 'text' && !f.pattern);
}

const FIXED: Record<StepId, Record<string, string>> = {
  who: { ...whoAnswers('PUPIL'), regionCode: 'GR' },
  support: { ...STEP_ANSWERS.support, urgency: 'URGENT' },
  care: { ...STEP_ANSWERS.care, agreement: 'PARTLY' },
  reason: {},
  desire: {},
  engagement: { ...STEP_ANSWERS.engagement },
  contact: { ...STEP_ANSWERS.contact },
};

describe.each(DATABASE_KINDS)('hostile text on %s', (kind) => {
  const fixture = useService(kind);

  it('never echoes a forged value in full: 100,000 characters in every field give a small card that says what is wrong', async () => {
    const chat = new Chat(fixture.service.url, fixture.stub, person('Sofie Claes'));
    let reply = last(await chat.say('nieuwe aanmelding'));
    reply = last(await chat.submit(button(reply.card, 'Eén leerling')));
    const huge = `MRK99${'W'.repeat(100_000)}`; // (8 fields of it stay under the 1 MB body limit)
    for (const step of ['who', 'support'] as const) {
      const forged = Object.fromEntries(fieldsFor(step, 'PUPIL').map((f) => [f.id, huge]));
      reply = last(await chat.submit(button(reply.card, NEXT), forged));
      expect(cardBytes(reply.card)).toBeLessThan(28 * 1024);
      expect(markdownPlaces(reply.card).filter((t) => MARKER.test(t))).toEqual([]);
      expect(cardText(reply.card)).toMatch(/Pas nog \d+ antwoorden aan/);
      if (step === 'who') reply = last(await chat.submit(button(reply.card, NEXT), FIXED.who));
    }
  });

  it.each(HOSTILE.map((h, i) => [i + 1, h] as const))('payload %i goes into every free-text field and stays text', async (_n, payload) => {
    const chat = new Chat(fixture.service.url, fixture.stub, person('Sofie Claes'));
    const before = fixture.stub.sent.length;
    let reply = last(await chat.say('nieuwe aanmelding'));
    reply = last(await chat.submit(button(reply.card, 'Eén leerling')));
    const typed: Record<string, string> = {};
    for (const step of STEP_IDS) {
      const inputs: Record<string, string> = { ...FIXED[step] };
      for (const field of freeTextFields(step)) inputs[field.id] = typed[field.id] = fit(payload, field);
      // Too long or otherwise refused: the card comes back with the problem; the second try is valid.
      reply = last(await chat.submit(button(reply.card, NEXT), { ...inputs, about: payload.length > 2000 ? payload : (inputs.about ?? '') }));
      if (step === 'reason' && payload.length > 2000) {
        expect(cardText(reply.card)).toContain('Schrijf hoogstens 1500 tekens.');
        reply = last(await chat.submit(button(reply.card, NEXT), inputs));
      }
    }
    expect(cardText(reply.card)).toContain('Overzicht van je aanmelding');
    await chat.say('verder');
    await chat.say('mijn aanmeldingen');
    const draftId = String(button(reply.card, 'Bevestigen en versturen').draftId);
    await chat.submit(button(reply.card, 'Bevestigen en versturen'));
    await chat.say('mijn aanmeldingen');

    // Every card this referral produced, sent or put in place of another.
    const cards = fixture.stub.sent.slice(before).flatMap((a) => a.body.attachments?.map((x) => x.content) ?? []);
    expect(cards.length).toBeGreaterThan(STEP_IDS.length);
    for (const card of cards) {
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(28 * 1024);
      expect(markdownPlaces(card).filter((t) => MARKER.test(t))).toEqual([]);
      expect(loaders(card)).toEqual([]);
    }
    // Plain text messages render markdown too: none carries typed text.
    expect(fixture.stub.sent.slice(before).filter((a) => MARKER.test(a.body.text ?? ''))).toEqual([]);

    // Stored exactly as typed, cleaned of control and direction codes, and shown literally.
    const referral = await fixture.service.db.prisma.referral.findUniqueOrThrow({ where: { id: draftId } });
    expect(referral.status).toBe('SUBMITTED');
    const steps = (referral.answers as { steps: Record<string, Record<string, unknown>> }).steps;
    const stored = Object.assign({}, ...Object.values(steps)) as Record<string, unknown>;
    for (const [field, value] of Object.entries(typed)) expect(stored[field], field).toBe(cleanText(value));
    const runs = JSON.stringify(cards).replaceAll('\\u200b', '').replaceAll('\u200b', '');
    expect(runs).toContain(JSON.stringify(cleanText(typed.about ?? '')).slice(1, 60));
  });
});
