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

/** One run of text in a RichTextBlock. Renders no markdown: what a person typed stays literal. */
export interface TextRun {
  type: 'TextRun';
  text: string;
  size?: TextBlock['size'];
  weight?: TextBlock['weight'];
  color?: TextBlock['color'];
  isSubtle?: boolean;
  italic?: boolean;
}

export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  spacing?: TextBlock['spacing'];
  separator?: boolean;
}

export interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
  spacing?: TextBlock['spacing'];
}

interface InputBase {
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: TextBlock['spacing'];
}

export interface InputText extends InputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  regex?: string;
}

export interface InputNumber extends InputBase {
  type: 'Input.Number';
  value?: number;
  min?: number;
  max?: number;
  placeholder?: string;
}

export interface InputDate extends InputBase {
  type: 'Input.Date';
  value?: string;
  min?: string;
  max?: string;
  placeholder?: string;
}

export interface InputToggle extends InputBase {
  type: 'Input.Toggle';
  title: string;
  value?: 'true' | 'false';
  wrap?: boolean;
}

export interface InputChoiceSet extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Array<{ title: string; value: string }>;
  value?: string;
  isMultiSelect?: boolean;
  style?: 'compact' | 'expanded';
  placeholder?: string;
  wrap?: boolean;
}

export type CardInput = InputText | InputNumber | InputDate | InputToggle | InputChoiceSet;

export interface Container {
  type: 'Container';
  id?: string;
  isVisible?: boolean;
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: TextBlock['spacing'];
  separator?: boolean;
  /** Tapping anywhere on the container, e.g. to open the message it is about. */
  selectAction?: OpenUrlAction;
}

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: TextBlock['spacing'];
}

/** An image; a `data:` URI (e.g. a QR code) keeps the card self-contained, with no request elsewhere. */
export interface Image {
  type: 'Image';
  url: string;
  altText: string;
  size?: 'auto' | 'stretch' | 'small' | 'medium' | 'large';
  /** Pixels, e.g. "200px". */
  width?: string;
  horizontalAlignment?: 'left' | 'center' | 'right';
  spacing?: TextBlock['spacing'];
}

export type CardElement = TextBlock | RichTextBlock | FactSet | CardInput | Container | ActionSet | Image;

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data?: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  /** "none": a button that must not send (or validate) what is typed, like "vorige". */
  associatedInputs?: 'auto' | 'none';
}

/** Shows or hides elements in the card itself, without a round trip ("details"). */
export interface ToggleVisibilityAction {
  type: 'Action.ToggleVisibility';
  title: string;
  targetElements: string[];
}

/**
 * A Universal Action: the bot answers the invoke with the card to show, so a card in a shared
 * channel can change state for everyone (see the card's `refresh`).
 */
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data?: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
}

/** Opens a web page (e.g. a print page) in the browser. */
export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export type CardAction = SubmitAction | ToggleVisibilityAction | ExecuteAction | OpenUrlAction;

/** Teams asks the bot for the card's current state when one of `userIds` looks at it. */
export interface Refresh {
  action: Omit<ExecuteAction, 'title'> & { title?: string };
  userIds?: string[];
}

export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  refresh?: Refresh;
}

export function card(body: CardElement[], actions?: CardAction[], extra: { refresh?: Refresh } = {}): AdaptiveCard {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
    ...extra,
  };
}
