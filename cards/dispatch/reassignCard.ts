// "begeleider <referentie>": the coordinator picks another begeleider of her organisation. An
// Action.Submit in the 1:1 chat; the choice and the reason are checked again by the domain.
import type { Option } from '../../referrals/fields.ts';
import { card } from '../adaptiveCard.ts';
import type { AdaptiveCard } from '../adaptiveCard.ts';
import { heading, para, small, words } from '../text.ts';

export const REASSIGN_FLOW = 'reassign';

export function reassignCard(v: { referralId: string; reference: string; title: string; current?: string; people: readonly Option[]; error?: string; reason?: string }): AdaptiveCard {
  return card(
    [
      small(`${v.reference} · andere begeleider`),
      heading('Begeleiding overdragen', { spacing: 'none' }),
      words(['', { typed: v.title }, v.current ? `: nu begeleid door ${v.current}.` : ': nog zonder begeleider.']),
      { type: 'Input.ChoiceSet', id: 'begeleiderId', label: 'Nieuwe begeleider *', style: v.people.length <= 4 ? 'expanded' : 'compact', choices: v.people.map((p) => ({ title: p.title, value: p.value })), wrap: true },
      { type: 'Input.Text', id: 'reason', label: 'Waarom? (voor de geschiedenis; max. 200 tekens)', maxLength: 200, ...(v.reason ? { value: v.reason } : {}) },
      ...(v.error ? [para(v.error, { color: 'attention', size: 'small', spacing: 'none' })] : []),
      small('De nieuwe begeleider krijgt de gegevens in een 1:1-bericht; de vorige ziet ze niet meer.'),
    ],
    [{ type: 'Action.Submit', title: 'Overdragen', style: 'positive', data: { naft: REASSIGN_FLOW, referralId: v.referralId } }],
  );
}
