// Every card the bot sends must be a card Teams renders: schema 1.5 at most, and under the
// ~28 KB a bot message may carry. The negative cases each hold exactly one mistake, so they prove
// the checker catches that class of problem rather than passing everything.
import { describe, expect, it } from 'vitest';
import { welcomeCard } from '../cards/welcome.ts';
import { adaptiveCardProblems, cardBytes } from './support/adaptiveCard15.ts';

const MAX_CARD_BYTES = 28 * 1024;

/** A valid 1.5 card around the given body and actions. */
function cardWith(body: unknown[], actions?: unknown[]): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    ...(actions ? { actions } : {}),
  };
}

describe('welcome cards', () => {
  const cases = [
    ['personal', welcomeCard({ scope: 'personal', firstName: 'Sofie' })],
    ['team', welcomeCard({ scope: 'team' })],
  ] as const;
  it.each(cases)('%s welcome card is a valid Adaptive Card 1.5', (_scope, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
  it.each(cases)('%s welcome card fits in a Teams message', (_scope, card) => {
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
  });
});

describe('adaptiveCardProblems accepts', () => {
  it('a card using every supported 1.5 element, input and action', () => {
    const card = cardWith(
      [
        { type: 'TextBlock', text: 'Titel', style: 'heading', weight: 'Bolder', wrap: true, fallback: 'drop' },
        { type: 'RichTextBlock', inlines: ['plain ', { type: 'TextRun', text: 'vet', weight: 'bolder', underline: true }] },
        { type: 'ImageSet', images: [{ type: 'Image', url: 'https://example.org/a.png', altText: 'a' }] },
        { type: 'Image', url: 'https://example.org/b.png', height: '40px', selectAction: { type: 'Action.OpenUrl', url: 'https://example.org' } },
        { type: 'Container', style: 'emphasis', bleed: true, items: [{ type: 'TextBlock', text: 'in container' }] },
        { type: 'ColumnSet', columns: [{ type: 'Column', width: 'auto', items: [] }, { width: 2, items: [{ type: 'TextBlock', text: 'b' }] }] },
        { type: 'FactSet', facts: [{ title: 'a', value: 'b' }] },
        { type: 'Table', firstRowAsHeader: true, columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'cel' }] }] }] },
        { type: 'Media', sources: [{ mimeType: 'video/mp4', url: 'https://example.org/v.mp4' }] },
        { type: 'Input.Text', id: 'naam', label: 'Naam', isRequired: true, errorMessage: 'Verplicht', regex: '^.+$', maxLength: 80, isMultiline: false, style: 'email', placeholder: 'x' },
        { type: 'Input.Number', id: 'aantal', min: 1, max: 30, value: 2 },
        { type: 'Input.Date', id: 'datum', value: '2025-01-31' },
        { type: 'Input.Time', id: 'uur', value: '09:30' },
        { type: 'Input.Toggle', id: 'akkoord', title: 'Akkoord', valueOn: 'ja', valueOff: 'nee' },
        { type: 'Input.ChoiceSet', id: 'keuze', style: 'filtered', isMultiSelect: true, choices: [{ title: 'A', value: 'a' }] },
        { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 't', targetElements: ['naam', { elementId: 'keuze', isVisible: false }] }] },
      ],
      [
        { type: 'Action.Submit', title: 'Verstuur', data: { verb: 'send' }, associatedInputs: 'auto' },
        { type: 'Action.Execute', title: 'Doe', verb: 'do', data: 'tekst' },
        { type: 'Action.ShowCard', title: 'Meer', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'extra' }] } },
      ],
    );
    expect(adaptiveCardProblems({ ...card, msteams: { width: 'Full' }, someFutureProperty: 1 })).toEqual([]);
  });
});

describe('adaptiveCardProblems reports', () => {
  // Each entry: a card with one mistake, and a fragment the report must contain.
  const cases: Array<[string, unknown, RegExp]> = [
    ['a non-object card', 'hello', /expected object/],
    ['a wrong card type', { ...cardWith([]), type: 'Card' }, /type must be "AdaptiveCard"/],
    ['a missing card type', { version: '1.5', body: [] }, /type must be "AdaptiveCard"/],
    ['a version above 1.5', { ...cardWith([]), version: '1.6' }, /version must be one of/],
    ['a missing version', { type: 'AdaptiveCard', body: [] }, /version must be one of/],
    ['an unknown element type', cardWith([{ type: 'TextBlok', text: 'x' }]), /body\[0\]: unknown element type "TextBlok"/],
    ['an element without type', cardWith([{ text: 'x' }]), /body\[0\]: element has no type/],
    ['an unknown action type', cardWith([], [{ type: 'Action.Sumbit', title: 'x' }]), /actions\[0\]: unknown action type "Action.Sumbit"/],
    ['a nested unknown element', cardWith([{ type: 'Container', items: [{ type: 'Txt' }] }]), /body\[0\]\.items\[0\]: unknown element type "Txt"/],
    ['an unknown fallback element', cardWith([{ type: 'TextBlock', text: 'x', fallback: { type: 'Nope' } }]), /body\[0\]\.fallback: unknown element type "Nope"/],
    ['Action.Popover (after 1.5)', cardWith([], [{ type: 'Action.Popover', title: 'x' }]), /"Action.Popover" is newer than Adaptive Cards 1.5/],
    ['Input.Rating (after 1.5)', cardWith([{ type: 'Input.Rating', id: 'r' }]), /"Input.Rating" is newer than Adaptive Cards 1.5/],
    ['Icon (after 1.5)', cardWith([{ type: 'Icon', name: 'Calendar' }]), /"Icon" is newer than Adaptive Cards 1.5/],
    ['Badge (after 1.5)', cardWith([{ type: 'Badge', text: 'x' }]), /"Badge" is newer than Adaptive Cards 1.5/],
    ['Carousel (after 1.5)', cardWith([{ type: 'Carousel', pages: [] }]), /"Carousel" is newer than Adaptive Cards 1.5/],
    ['an input without id', cardWith([{ type: 'Input.Text', label: 'Naam' }]), /body\[0\]\.id \(in Input.Text\): required property is missing/],
    ['a TextBlock without text', cardWith([{ type: 'TextBlock', wrap: true }]), /body\[0\]\.text \(in TextBlock\): required property is missing/],
    ['a choice without value', cardWith([{ type: 'Input.ChoiceSet', id: 'c', choices: [{ title: 'A' }] }]), /choices\[0\]\.value.*required property is missing/],
    ['a choice without title', cardWith([{ type: 'Input.ChoiceSet', id: 'c', choices: [{ value: 'a' }] }]), /choices\[0\]\.title.*required property is missing/],
    ['Action.Submit data that is a number', cardWith([], [{ type: 'Action.Submit', title: 's', data: 5 }]), /actions\[0\]\.data.*must be an object or a string/],
    ['duplicate input ids', cardWith([{ type: 'Input.Text', id: 'naam' }, { type: 'Container', items: [{ type: 'Input.Number', id: 'naam' }] }]), /input id "naam" is used 2 times/],
    ['duplicate input ids across a ShowCard', cardWith([{ type: 'Input.Text', id: 'x' }], [{ type: 'Action.ShowCard', title: 'm', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Toggle', id: 'x', title: 't' }] } }]), /input id "x" is used 2 times/],
    ['isRequired as a string', cardWith([{ type: 'Input.Text', id: 'n', isRequired: 'yes' }]), /body\[0\]\.isRequired.*expected boolean/],
    ['a bad enum value', cardWith([{ type: 'TextBlock', text: 'x', weight: 'heavy' }]), /body\[0\]\.weight.*must be one of/],
    ['wrap as a string', cardWith([{ type: 'TextBlock', text: 'x', wrap: 'true' }]), /wrap.*expected boolean/],
    ['a ShowCard as selectAction', cardWith([{ type: 'Container', items: [], selectAction: { type: 'Action.ShowCard', card: { type: 'AdaptiveCard' } } }]), /selectAction.*not allowed/],
    ['Action.OpenUrl without url', cardWith([], [{ type: 'Action.OpenUrl', title: 'x' }]), /actions\[0\]\.url.*required property is missing/],
    ['a ShowCard card of the wrong type', cardWith([], [{ type: 'Action.ShowCard', card: { type: 'Card' } }]), /actions\[0\]\.card\.type.*must be "AdaptiveCard"/],
  ];
  it.each(cases)('%s', (_name, card, expected) => {
    const problems = adaptiveCardProblems(card);
    expect(problems.some((p) => expected.test(p)), `problems were: ${JSON.stringify(problems)}`).toBe(true);
  });

  it('reports only the one mistake in an otherwise valid card', () => {
    expect(adaptiveCardProblems(cardWith([{ type: 'TextBlock', text: 'ok' }, { type: 'TextBlok', text: 'x' }]))).toHaveLength(1);
  });
});

describe('cardBytes', () => {
  it('counts UTF-8 bytes of the JSON, not characters', () => {
    expect(cardBytes({ t: 'é' })).toBe(Buffer.byteLength('{"t":"é"}'));
    expect(cardBytes({ t: 'é' })).toBe(10);
  });
  it('flags a card over the Teams limit', () => {
    const big = cardWith([{ type: 'TextBlock', text: 'x'.repeat(MAX_CARD_BYTES) }]);
    expect(adaptiveCardProblems(big)).toEqual([]);
    expect(cardBytes(big)).toBeGreaterThan(MAX_CARD_BYTES);
  });
});
