// "mijn aanmeldingen", the drafts and one referral's status, for the referrer in their 1:1 chat.
import type { Draft } from '../../referrals/drafts.ts';
import { nextStep } from '../../referrals/drafts.ts';
import type { ReferralListItem, ReferralPage } from '../../referrals/history.ts';
import { titleOf } from '../../referrals/history.ts';
import { formatDate, STATUS_LABEL } from '../../referrals/status.ts';
import { stepById, stepNumber } from '../../referrals/steps.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardAction, CardElement } from '../adaptiveCard.ts';
import { actionData } from './actions.ts';

function row(item: ReferralListItem): CardElement {
  return {
    type: 'Container',
    separator: true,
    items: [
      { type: 'TextBlock', text: item.title, weight: 'bolder', wrap: true },
      { type: 'TextBlock', text: `${item.reference ?? '—'} · ${formatDate(item.date)} · ${STATUS_LABEL[item.status]}`, isSubtle: true, wrap: true, spacing: 'none' },
    ],
  };
}

export function myReferralsCard(page: ReferralPage, draftCount: number): AdaptiveCard {
  const body: CardElement[] = [{ type: 'TextBlock', text: 'Mijn aanmeldingen', size: 'large', weight: 'bolder', wrap: true }];
  if (page.total === 0) body.push({ type: 'TextBlock', text: 'Je hebt nog geen aanmeldingen verstuurd.', wrap: true });
  else body.push({ type: 'TextBlock', text: `${page.total} aanmelding${page.total === 1 ? '' : 'en'}, nieuwste eerst · pagina ${page.page} van ${page.pageCount}`, isSubtle: true, wrap: true, spacing: 'none' }, ...page.items.map(row));
  const actions: CardAction[] = [];
  if (page.page > 1) actions.push({ type: 'Action.Submit', title: 'Vorige pagina', data: actionData({ op: 'list', page: page.page - 1 }) });
  if (page.page < page.pageCount) actions.push({ type: 'Action.Submit', title: 'Volgende pagina', data: actionData({ op: 'list', page: page.page + 1 }) });
  if (draftCount > 0) actions.push({ type: 'Action.Submit', title: `Concepten (${draftCount})`, data: actionData({ op: 'drafts' }) });
  actions.push({ type: 'Action.Submit', title: 'Nieuwe aanmelding', data: actionData({ op: 'new' }) });
  return card(body, actions);
}

export function draftsCard(drafts: readonly Draft[]): AdaptiveCard {
  const body: CardElement[] = [{ type: 'TextBlock', text: 'Mijn concepten', size: 'large', weight: 'bolder', wrap: true }];
  if (drafts.length === 0) body.push({ type: 'TextBlock', text: 'Je hebt geen concepten. Typ **nieuwe aanmelding** om te beginnen.', wrap: true });
  for (const draft of drafts) {
    const next = nextStep(draft);
    const where = next === 'summary' ? 'klaar om te bevestigen' : `verder bij stap ${stepNumber(next)}: ${stepById(next).title.toLowerCase()}`;
    body.push({
      type: 'Container',
      separator: true,
      items: [
        { type: 'TextBlock', text: titleOf(draft.kind, { steps: draft.steps }), weight: 'bolder', wrap: true },
        { type: 'TextBlock', text: `Laatst bewaard ${formatDate(draft.updatedAt)} · ${where}`, isSubtle: true, wrap: true, spacing: 'none' },
        {
          type: 'ActionSet',
          actions: [
            { type: 'Action.Submit', title: 'Verder', data: actionData({ op: 'resume', draftId: draft.id }) },
            { type: 'Action.Submit', title: 'Verwijderen', style: 'destructive', data: actionData({ op: 'cancel', draftId: draft.id }) },
          ],
        },
      ],
    });
  }
  return card(body);
}

export function statusCard(item: ReferralListItem): AdaptiveCard {
  return card(
    [
      { type: 'TextBlock', text: item.title, size: 'large', weight: 'bolder', wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: 'Referentie', value: item.reference ?? '—' },
          { title: 'Aangemeld op', value: formatDate(item.date) },
          { title: 'Status', value: STATUS_LABEL[item.status] },
        ],
      },
    ],
    [{ type: 'Action.Submit', title: 'Mijn aanmeldingen', data: actionData({ op: 'list', page: 1 }) }],
  );
}
