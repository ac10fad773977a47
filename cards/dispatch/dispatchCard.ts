// The referral as the partners of a region see it in their dispatch channel: what the decision
// needs, never who the young person is (see dispatch/view.ts), the state it is in, and the
// buttons that fit that state. Its `refresh` makes Teams ask for the current state whenever a
// coordinator of the region looks at it, so everyone sees the same.
import { formatDate, STATUS_LABEL } from '../../referrals/status.ts';
import type { DispatchView } from '../../dispatch/view.ts';
import { DECLINE_LABEL } from '../../dispatch/reasons.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardAction, CardElement } from '../adaptiveCard.ts';
import { box, fact, heading, literal, para, small, words } from '../text.ts';
import { KIND_TITLE } from '../referral/format.ts';
import { surveyLine } from '../survey/labels.ts';
import { execute, stepDateInput } from './actions.ts';

const daysAgo = (from: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - from.getTime()) / 86_400_000));
const ago = (days: number) => (days === 0 ? 'vandaag' : days === 1 ? 'gisteren' : `${days} dagen geleden`);

/** One line on the state of the referral, in words. */
export function stateLine(view: DispatchView): string {
  const d = view.decision;
  switch (view.status) {
    case 'SUBMITTED':
      return 'Wacht op een beslissing van de dispatch.';
    case 'WAITING_LIST':
      return `Op de wachtlijst bij ${d?.organisation ?? '?'}${d?.expectedStart ? `, start verwacht ${d.expectedStart}` : ''}.`;
    case 'TAKEN_UP':
      return `Opgenomen door ${d?.organisation ?? '?'}${d?.begeleider ? ` (begeleider ${d.begeleider})` : ''}.`;
    case 'INTAKE':
    case 'RUNNING':
      return `${view.status === 'INTAKE' ? 'Intake gebeurd' : 'Traject loopt'} — opgenomen door ${d?.organisation ?? '?'}${d?.begeleider ? ` (begeleider ${d.begeleider})` : ''}.`;
    case 'DECLINED':
      return `Niet opgenomen: ${d?.declineReason ? DECLINE_LABEL[d.declineReason].toLowerCase() : 'reden onbekend'}.`;
    case 'WITHDRAWN':
      return 'Ingetrokken door de aanmelder.';
    case 'CLOSED':
    case 'STOPPED_EARLY':
      // Only that it ended: the outcome and a stop reason are for the organisation, not the channel.
      return `${view.status === 'CLOSED' ? 'Afgerond' : 'Voortijdig gestopt'}${view.closing ? ` op ${formatDate(view.closing.closedAt)}` : ''} — opgenomen door ${d?.organisation ?? '?'}${d?.begeleider ? ` (begeleider ${d.begeleider})` : ''}.`;
    default:
      return `${STATUS_LABEL[view.status].charAt(0).toUpperCase()}${STATUS_LABEL[view.status].slice(1)}.`;
  }
}

function stateBox(view: DispatchView, notice?: string): CardElement {
  const d = view.decision;
  const items: CardElement[] = [];
  // Names of organisations and people come from the directory, not from us: shown literally.
  if (notice) items.push(literal(notice, { weight: 'bolder' }));
  items.push(literal(stateLine(view), { weight: notice ? 'default' : 'bolder', spacing: 'none' }));
  if (d?.by && d.decidedAt) items.push(literal(`Beslist door ${d.by} op ${formatDate(d.decidedAt)}.`, { isSubtle: true, size: 'small', spacing: 'none' }));
  if (view.status === 'DECLINED') {
    if (d?.declineNote) items.push(fact('Toelichting', d.declineNote, { spacing: 'none' }));
    if (d?.declineInstead) items.push(fact('In de plaats', d.declineInstead, { spacing: 'none' }));
  }
  const p = view.progress;
  const steps = [p.firstContactAt && `eerste contact ${formatDate(p.firstContactAt)}`, p.intakeAt && `intake ${formatDate(p.intakeAt)}`, p.startedAt && `gestart ${formatDate(p.startedAt)}`, p.lastEvaluationAt && `laatste evaluatie ${formatDate(p.lastEvaluationAt)}`].filter(Boolean);
  if (steps.length > 0) items.push(small(steps.join(' · '), { spacing: 'none' }));
  if (view.closing && view.closing.survey.length > 0) items.push(small(surveyLine(view.closing.survey), { spacing: 'none' }));
  const style = view.status === 'SUBMITTED' ? 'accent' : view.status === 'DECLINED' || view.status === 'WITHDRAWN' ? 'warning' : 'good';
  return box(items, style);
}

/** States whose buttons record a step, and so ask for its day. */
const STEP_STATES: readonly DispatchView['status'][] = ['TAKEN_UP', 'INTAKE', 'RUNNING'];

function actionsFor(view: DispatchView): CardAction[] {
  const on = { referralId: view.referralId, rev: view.revision };
  switch (view.status) {
    case 'SUBMITTED':
    case 'WAITING_LIST':
      return [
        execute('Wij nemen op', 'takeUp', on, { style: 'positive' }),
        ...(view.status === 'SUBMITTED' ? [execute('Wachtlijst', 'waitlist', on)] : []),
        execute('Niet opnemen', 'decline', on),
        execute('Meer info vragen', 'ask', on),
      ];
    case 'TAKEN_UP':
      // As on the begeleider's 1:1 card: the first contact once.
      return [...(view.progress.firstContactAt ? [] : [execute('Eerste contact gehad', 'firstContact', on)]), execute('Intake gebeurd', 'intake', on), execute('Traject gestart', 'start', on)];
    case 'INTAKE':
      return [execute('Traject gestart', 'start', on)];
    case 'RUNNING':
      return [execute('Evaluatie gebeurd', 'evaluate', on), execute('Afronden', 'close', on)];
    default:
      return [];
  }
}

export interface DispatchCardOptions {
  now?: Date;
  /** Teams user ids ("29:…") of the region's coordinators: the card refreshes for them. */
  refreshFor?: readonly string[];
  /** A line on top of the state, e.g. "Pieter De Smet (LEJO) was je voor." */
  notice?: string;
}

export function dispatchCard(view: DispatchView, opts: DispatchCardOptions = {}): AdaptiveCard {
  const now = opts.now ?? new Date();
  const body: CardElement[] = [
    small(`Aanmelding voor de dispatch · ${view.regionName}`),
    heading(`${view.reference} · ${KIND_TITLE[view.kind]}`, { spacing: 'none' }),
    small(`Aangemeld ${formatDate(view.submittedAt)} (${ago(daysAgo(view.submittedAt, now))}) door ${view.clbName}`, { spacing: 'none' }),
    stateBox(view, opts.notice),
    fact('School', view.school),
    ...(view.who ? [fact('Wie', view.who, { spacing: 'none' })] : []),
    fact('Gevraagd', view.support || '—', { spacing: 'none' }),
    fact('Dringend', view.urgent ? `ja${view.urgencyReason ? ` — ${view.urgencyReason}` : ''}` : 'nee, volgende dispatch', { spacing: 'none' }),
    ...(view.preferredStart ? [fact('Gewenste start', view.preferredStart, { spacing: 'none' })] : []),
    ...(view.capacity ? [fact('Plaatsen', view.capacity, { spacing: 'none' })] : []),
  ];
  if (view.consentIncomplete) {
    body.push(box([para('Aandachtspunt: nog niet iedereen is op de hoogte of akkoord.', { weight: 'bolder' }), ...(view.consentNote ? [literal(view.consentNote, { spacing: 'none' })] : [])], 'attention'));
  }
  if (view.earlier) body.push(box([para(`Mogelijk al eerder aangemeld op ${formatDate(view.earlier.date)} — status: ${STATUS_LABEL[view.earlier.status]}.`)], 'warning'));
  body.push(fact('Aanleiding en vraag', view.reason || '—', { spacing: 'medium' }), fact('Verlangen', view.desire || '—'), fact('Gedeeld engagement', view.engagement || '—'));
  for (const q of view.questions) {
    body.push(
      words([`Vraag van ${q.askedBy}: `, { typed: q.question }], { spacing: 'medium' }),
      q.answer ? words(['Antwoord van de aanmelder: ', { typed: q.answer }], { spacing: 'none' }) : small('Nog geen antwoord van de aanmelder.', { spacing: 'none' }),
    );
  }
  body.push(small('Namen en contactgegevens staan hier bewust niet: de organisatie die opneemt, krijgt ze in een 1:1-bericht.', { spacing: 'medium' }));
  if (STEP_STATES.includes(view.status)) body.push(stepDateInput(view.submittedAt));
  const refresh = { action: { type: 'Action.Execute' as const, verb: 'view', data: { naft: 'dispatch', referralId: view.referralId, rev: view.revision } }, ...(opts.refreshFor && opts.refreshFor.length > 0 ? { userIds: opts.refreshFor.slice(0, 60) } : {}) };
  return card(body, actionsFor(view), { refresh });
}
