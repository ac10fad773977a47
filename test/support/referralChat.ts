// Shared by the end-to-end referral tests: demo people as chat users, and a whole referral.
import { expect } from 'vitest';
import { demoPeople } from '../../playground/demo.ts';
import type { SubjectKind } from '../../referrals/fields.ts';
import { STEP_IDS } from '../../referrals/steps.ts';
import type { StepId } from '../../referrals/steps.ts';
import { button, cardText } from './chat.ts';
import type { Chat, ChatUser, Reply } from './chat.ts';
import { STEP_ANSWERS, whoAnswers } from './referralAnswers.ts';

export const person = (name: string): ChatUser => {
  const p = demoPeople.find((d) => d.name === name);
  if (!p) throw new Error(name);
  return { id: p.aadObjectId, name: p.name, aadObjectId: p.aadObjectId };
};

export const last = (replies: Reply[]): Reply => {
  const reply = replies.at(-1);
  if (!reply) throw new Error('The bot did not answer');
  return reply;
};

export function answersFor(step: StepId, kind: SubjectKind, who: Record<string, string> = {}): Record<string, string> {
  return step === 'who' ? whoAnswers(kind, who) : STEP_ANSWERS[step];
}

export function kindTitle(kind: SubjectKind): string {
  return { PUPIL: 'Eén leerling', GROUP: 'Een groep leerlingen', CLASS: 'Een klas', SCHOOL: 'Ondersteuning van de school' }[kind];
}

export const NEXT = /^(Volgende|Naar het overzicht|Opslaan en terug naar overzicht)$/;

/** From "nieuwe aanmelding" to the summary card; `answers` may replace any step's inputs. */
export async function fillIn(chat: Chat, kind: SubjectKind, who: Record<string, string> = {}, answers: Partial<Record<StepId, Record<string, string>>> = {}): Promise<Reply> {
  let reply = last(await chat.say('nieuwe aanmelding'));
  reply = last(await chat.submit(button(reply.card, kindTitle(kind))));
  for (const step of STEP_IDS) {
    expect(cardText(reply.card)).toContain(`Stap ${STEP_IDS.indexOf(step) + 1} van 7`);
    reply = last(await chat.submit(button(reply.card, NEXT), answers[step] ?? answersFor(step, kind, who)));
  }
  expect(cardText(reply.card)).toContain('Overzicht van je aanmelding');
  return reply;
}
