// "mijn aanmeldingen", the drafts and one referral's status, for the referrer in their 1:1 chat.
// Titles hold typed text (a first name, a school), so they are shown literally.
import type { Draft } from '../../referrals/drafts.ts';
import { nextStep } from '../../referrals/drafts.ts';
import type { ReferralListItem, ReferralPage } from '../../referrals/history.ts';
import { titleOf } from '../../referrals/history.ts';
import { formatDate, formatDateTime, STATUS_LABEL } from '../../referrals/status.ts';
import { stepById, stepNumber } from '../../referrals/steps.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard, CardAction, CardElement } from '../adaptiveCard.ts';
import { button, buttons, facts, heading, literal, para, small, words } from '../text.ts';
import { actionData } from './actions.ts';

/** Not yet taken up: the referrer may still withdraw it. */
export const WITHDRAWABLE: ReadonlyArray<ReferralListItem['status']> = ['SUBMITTED', 'WAITING_LIST'];

/** "bij aPart" for a waiting list, "door …" for the rest. */
function decidedWord(status: ReferralListItem['status']): string {
  return status === 'WAITING_LIST' ? 'bij' : 'door';
}

function row(item: ReferralListItem): CardElement {
  return {
    type: 'Container',
    separator: true,
    items: [
      literal(item.title, { weight: 'bolder' }),
      small(`${item.reference ?? '—'} · ${formatDate(item.date)} · ${STATUS_LABEL[item.status]}${item.decidedBy ? ` · ${decidedWord(item.status)} ${item.decidedBy}` : ''}`, { spacing: 'none' }),
      buttons([button('Bekijken', actionData({ op: 'status', referralId: item.id })), ...(WITHDRAWABLE.includes(item.status) ? [button('Intrekken', actionData({ op: 'withdraw', referralId: item.id }))] : [])]),
    ],
  };
}

export function myReferralsCard(page: ReferralPage, draftCount: number): AdaptiveCard {
  const body: CardElement[] = [heading('Mijn aanmeldingen')];
  if (page.total === 0) body.push(para('Je hebt nog geen aanmeldingen verstuurd.'));
  else body.push(small(`${page.total} aanmelding${page.total === 1 ? '' : 'en'}, nieuwste eerst · pagina ${page.page} van ${page.pageCount}`, { spacing: 'none' }), ...page.items.map(row));
  const actions: CardAction[] = [];
  if (page.page > 1) actions.push(button('Vorige pagina', actionData({ op: 'list', page: page.page - 1 })));
  if (page.page < page.pageCount) actions.push(button('Volgende pagina', actionData({ op: 'list', page: page.page + 1 })));
  if (draftCount > 0) actions.push(button(`Concepten (${draftCount})`, actionData({ op: 'drafts' })));
  actions.push(button('Nieuwe aanmelding', actionData({ op: 'new' })));
  return card(body, actions);
}

/** Where a draft stands, in words: "verder bij stap 3: zorgcontinuüm en afstemming". */
export function draftProgress(draft: Draft): string {
  const next = nextStep(draft);
  return next === 'summary' ? 'klaar om te bevestigen' : `verder bij stap ${stepNumber(next)}: ${stepById(next).title.toLowerCase()}`;
}

export function draftsCard(drafts: readonly Draft[]): AdaptiveCard {
  const body: CardElement[] = [heading('Mijn concepten')];
  if (drafts.length === 0) body.push(para('Je hebt geen concepten. Typ **nieuwe aanmelding** om te beginnen.'));
  for (const draft of drafts) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        literal(titleOf(draft.kind, { steps: draft.steps }), { weight: 'bolder' }),
        small(`Laatst bewaard ${formatDateTime(draft.updatedAt)} · ${draftProgress(draft)}`, { spacing: 'none' }),
        buttons([button('Verder', actionData({ op: 'resume', draftId: draft.id })), button('Verwijderen', actionData({ op: 'cancel', draftId: draft.id }), { style: 'destructive' })]),
      ],
    });
  }
  return card(body);
}

export function statusCard(item: ReferralListItem): AdaptiveCard {
  return card(
    [
      literal(item.title, { size: 'large', weight: 'bolder' }),
      ...facts([
        ['Referentie', item.reference ?? '—'],
        ['Aangemeld op', formatDate(item.date)],
        ['Status', STATUS_LABEL[item.status]],
        ...(item.decidedBy ? ([[item.status === 'DECLINED' ? 'Beslist door' : 'Organisatie', item.decidedBy]] as Array<[string, string]>) : []),
      ]),
    ],
    [
      ...(WITHDRAWABLE.includes(item.status) ? [button('Intrekken', actionData({ op: 'withdraw', referralId: item.id }), { style: 'destructive' })] : []),
      button('Mijn aanmeldingen', actionData({ op: 'list', page: 1 })),
    ],
  );
}

export function withdrawCard(item: ReferralListItem): AdaptiveCard {
  return card(
    [
      heading('Aanmelding intrekken?'),
      words(['', { typed: item.title }, ` (${item.reference ?? '—'}) wordt ingetrokken. De dispatch ziet dat op de kaart in hun kanaal en beslist er niet meer over. Dit kan niet ongedaan gemaakt worden; wil je later toch NAFT, dan meld je opnieuw aan.`]),
    ],
    [button('Ja, intrekken', actionData({ op: 'withdrawConfirm', referralId: item.id }), { style: 'destructive' }), button('Nee, laten staan', actionData({ op: 'status', referralId: item.id }))],
  );
}
