// The slice of the Adaptive Card 1.5 schema our cards use. Teams renders at most 1.5, so the
// version is fixed here rather than per card.
export const CARD_VERSION = '1.5';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
  isSubtle?: boolean;
  spacing?: 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  separator?: boolean;
}

export interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
  spacing?: TextBlock['spacing'];
}

export type CardElement = TextBlock | FactSet;

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data?: Record<string, unknown>;
}

export type CardAction = SubmitAction;

export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
}

export function card(body: CardElement[], actions?: CardAction[]): AdaptiveCard {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
  };
}
