// "corrigeer <referentie>": the last step of a trajectory, with a new day or undone, and why.
import { formatDate } from '../../referrals/status.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard } from '../adaptiveCard.ts';
import { heading, para, small, words } from '../text.ts';

export const CORRECT_FLOW = 'correct';

export const STEP_NAME = { FIRST_CONTACT: 'Eerste contact', INTAKE: 'Intake', START: 'Start van het traject', EVALUATE: 'Evaluatie' } as const;

export function correctCard(v: { referralId: string; reference: string; title: string; eventId: string; step: keyof typeof STEP_NAME; at: Date; by: string | null; submittedAt: Date; error?: string; reason?: string }): AdaptiveCard {
  const data = { naft: CORRECT_FLOW, referralId: v.referralId, eventId: v.eventId };
  return card(
    [
      small(`${v.reference} · correctie`),
      heading('De laatste stap corrigeren', { spacing: 'none' }),
      words(['', { typed: v.title }]),
      para(`${STEP_NAME[v.step]} op ${formatDate(v.at)}${v.by ? `, genoteerd door ${v.by}` : ''}.`, { weight: 'bolder' }),
      { type: 'Input.Date', id: 'on', label: 'Juiste datum (alleen bij "Datum aanpassen")', min: v.submittedAt.toISOString().slice(0, 10) },
      { type: 'Input.Text', id: 'reason', label: 'Waarom? * (5 tot 200 tekens; blijft in de geschiedenis)', maxLength: 200, ...(v.reason ? { value: v.reason } : {}) },
      ...(v.error ? [para(v.error, { color: 'attention', size: 'small', spacing: 'none' })] : []),
      small('Ongedaan maken zet het traject terug naar waar het voor deze stap stond. De cijfers rekenen met de correctie.'),
    ],
    [
      { type: 'Action.Submit', title: 'Datum aanpassen', style: 'positive', data: { ...data, op: 'redate' } },
      { type: 'Action.Submit', title: 'Ongedaan maken', style: 'destructive', data: { ...data, op: 'undo' } },
    ],
  );
}
