// Offline check that a card is a valid Adaptive Card for schema 1.5, the highest version Teams
// renders. No npm package ships the official JSON schema, and the `adaptivecards` 3.0.6 renderer
// only loads in Node through its UMD bundle and lets e.g. a TextBlock without text, isRequired "yes"
// or numeric Submit data through, so this is a compact zod schema of the 1.5 elements Teams supports.
// Unknown *properties* pass (Teams ignores them); unknown *types*, wrong value types and missing
// required properties do not, because Teams drops or refuses such cards without telling anyone.
import { z } from 'zod';

/** Adaptive Card enums are matched case-insensitively by every renderer, so "Bolder" is fine. */
function oneOf(...values: string[]) {
  const allowed = values.map((v) => v.toLowerCase());
  return z.string().refine((v) => allowed.includes(v.toLowerCase()), { error: `must be one of ${values.join(', ')}` });
}

const [str, bool, num] = [z.string(), z.boolean(), z.number()];
const spacing = oneOf('none', 'small', 'default', 'medium', 'large', 'extraLarge', 'padding');
const hAlign = oneOf('left', 'center', 'right');
const vAlign = oneOf('top', 'center', 'bottom');
const containerStyle = oneOf('default', 'emphasis', 'good', 'attention', 'warning', 'accent');
const textColor = oneOf('default', 'dark', 'light', 'accent', 'good', 'warning', 'attention');
const textSize = oneOf('default', 'small', 'medium', 'large', 'extraLarge');
const textWeight = oneOf('default', 'lighter', 'bolder');
const fontType = oneOf('default', 'monospace');
const backgroundImage = z.union([str, z.looseObject({ url: str })], { error: 'must be a URL string or { url }' });
const dataProp = z.union([z.record(z.string(), z.unknown()), str], { error: 'must be an object or a string' });

// Recursive schemas are typed as plain ZodType so TypeScript need not infer the cycle.
const element: z.ZodType<unknown> = z.lazy(() => elementUnion);
const action: z.ZodType<unknown> = z.lazy(() => actionUnion);
// A selectAction may be any action except ShowCard (spec: "Action.ShowCard is not supported").
const selectAction = action.refine((a) => (a as { type?: unknown }).type !== 'Action.ShowCard', {
  error: 'Action.ShowCard is not allowed as a selectAction or inlineAction',
});
const elementList = z.array(element);

/** Properties every element accepts; `fallback` is either "drop" or another element. */
const common = {
  id: str.optional(),
  isVisible: bool.optional(),
  spacing: spacing.optional(),
  separator: bool.optional(),
  height: oneOf('auto', 'stretch').optional(),
  requires: z.record(z.string(), str).optional(),
  fallback: z.union([z.literal('drop'), element], { error: 'must be "drop" or an element' }).optional(),
};
const boxProps = {
  selectAction: selectAction.optional(),
  style: containerStyle.optional(),
  verticalContentAlignment: vAlign.optional(),
  bleed: bool.optional(),
  backgroundImage: backgroundImage.optional(),
  minHeight: str.optional(),
  rtl: bool.optional(),
};
const textProps = { color: textColor.optional(), fontType: fontType.optional(), isSubtle: bool.optional(), size: textSize.optional(), weight: textWeight.optional() };
const inputProps = { ...common, id: str, label: str.optional(), isRequired: bool.optional(), errorMessage: str.optional() };

const image = z.looseObject({
  ...common,
  type: z.literal('Image'),
  url: str,
  ...{ altText: str.optional(), backgroundColor: str.optional(), horizontalAlignment: hAlign.optional() },
  selectAction: selectAction.optional(),
  size: oneOf('auto', 'stretch', 'small', 'medium', 'large').optional(),
  style: oneOf('default', 'person').optional(),
  width: str.optional(),
  height: str.optional(), // Image alone also takes pixel heights such as "50px"
});
const textRun = z.looseObject({
  ...textProps,
  type: z.literal('TextRun'),
  text: str,
  ...{ highlight: bool.optional(), italic: bool.optional(), strikethrough: bool.optional(), underline: bool.optional() },
  selectAction: selectAction.optional(),
});
const columnRef: z.ZodType<unknown> = z.lazy(() => column);
const column = z.looseObject({
  ...common,
  ...boxProps,
  type: z.literal('Column').optional(), // the schema lets a column omit its type
  items: elementList.optional(),
  width: z.union([str, num], { error: 'must be a string or a number' }).optional(),
  fallback: z.union([z.literal('drop'), columnRef], { error: 'must be "drop" or a Column' }).optional(),
});
const tableCell = z.looseObject({ ...boxProps, type: z.literal('TableCell'), items: elementList });
const cellAlign = { horizontalCellContentAlignment: hAlign.optional(), verticalCellContentAlignment: vAlign.optional() };
const tableRow = z.looseObject({ ...cellAlign, type: z.literal('TableRow'), cells: z.array(tableCell).optional(), style: containerStyle.optional() });
const choice = z.looseObject({ title: str, value: str });

const elementUnion = z.discriminatedUnion('type', [
  z.looseObject({ ...common, ...textProps, type: z.literal('TextBlock'), text: str, horizontalAlignment: hAlign.optional(), maxLines: num.optional(), wrap: bool.optional(), style: oneOf('default', 'heading').optional() }),
  z.looseObject({ ...common, type: z.literal('RichTextBlock'), inlines: z.array(z.union([str, textRun], { error: 'must be a string or a TextRun' })), horizontalAlignment: hAlign.optional() }),
  image,
  z.looseObject({ ...common, type: z.literal('ImageSet'), images: z.array(image), imageSize: oneOf('auto', 'stretch', 'small', 'medium', 'large').optional() }),
  z.looseObject({ ...common, ...boxProps, type: z.literal('Container'), items: elementList }),
  z.looseObject({ ...common, ...boxProps, type: z.literal('ColumnSet'), columns: z.array(column).optional(), horizontalAlignment: hAlign.optional() }),
  z.looseObject({ ...common, type: z.literal('FactSet'), facts: z.array(z.looseObject({ title: str, value: str })) }),
  z.looseObject({ ...common, type: z.literal('ActionSet'), actions: z.array(action) }),
  z.looseObject({
    ...common,
    type: z.literal('Table'),
    columns: z.array(z.looseObject({ width: z.union([str, num], { error: 'must be a string or a number' }).optional() })).optional(),
    rows: z.array(tableRow).optional(),
    ...cellAlign,
    firstRowAsHeader: bool.optional(),
    showGridLines: bool.optional(),
    gridStyle: containerStyle.optional(),
  }),
  z.looseObject({ ...common, type: z.literal('Media'), sources: z.array(z.looseObject({ url: str, mimeType: str.optional() })), poster: str.optional(), altText: str.optional() }),
  z.looseObject({
    ...inputProps,
    type: z.literal('Input.Text'),
    isMultiline: bool.optional(),
    maxLength: num.optional(),
    placeholder: str.optional(),
    regex: str.optional(),
    style: oneOf('text', 'tel', 'url', 'email', 'password').optional(),
    inlineAction: selectAction.optional(),
    value: str.optional(),
  }),
  z.looseObject({ ...inputProps, type: z.literal('Input.Number'), min: num.optional(), max: num.optional(), value: num.optional(), placeholder: str.optional() }),
  z.looseObject({ ...inputProps, type: z.literal('Input.Date'), min: str.optional(), max: str.optional(), value: str.optional(), placeholder: str.optional() }),
  z.looseObject({ ...inputProps, type: z.literal('Input.Time'), min: str.optional(), max: str.optional(), value: str.optional(), placeholder: str.optional() }),
  z.looseObject({ ...inputProps, type: z.literal('Input.Toggle'), title: str, value: str.optional(), valueOn: str.optional(), valueOff: str.optional(), wrap: bool.optional() }),
  z.looseObject({
    ...inputProps,
    type: z.literal('Input.ChoiceSet'),
    choices: z.array(choice).optional(),
    style: oneOf('compact', 'expanded', 'filtered').optional(),
    ...{ isMultiSelect: bool.optional(), value: str.optional(), placeholder: str.optional(), wrap: bool.optional() },
  }),
]);

const actionCommon = {
  title: str.optional(),
  iconUrl: str.optional(),
  id: str.optional(),
  style: oneOf('default', 'positive', 'destructive').optional(),
  fallback: z.union([z.literal('drop'), action], { error: 'must be "drop" or an action' }).optional(),
  ...{ tooltip: str.optional(), isEnabled: bool.optional(), mode: oneOf('primary', 'secondary').optional() },
  requires: z.record(z.string(), str).optional(),
};
const associatedInputs = oneOf('auto', 'none').optional();

const versions = ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'] as const;
function cardSchema(topLevel: boolean) {
  return z.looseObject({
    $schema: str.optional(),
    type: z.literal('AdaptiveCard', { error: 'type must be "AdaptiveCard"' }),
    // A ShowCard's inner card inherits the version of the card around it.
    version: topLevel
      ? z.enum(versions, { error: 'version must be one of "1.0".."1.5" (Teams renders at most 1.5)' })
      : z.enum(versions, { error: 'version must be one of "1.0".."1.5"' }).optional(),
    body: elementList.optional(),
    actions: z.array(action).optional(),
    selectAction: selectAction.optional(),
    ...{ fallbackText: str.optional(), speak: str.optional(), lang: str.optional(), minHeight: str.optional(), rtl: bool.optional() },
    backgroundImage: backgroundImage.optional(),
    verticalContentAlignment: vAlign.optional(),
    msteams: z.looseObject({ width: str.optional(), entities: z.array(z.unknown()).optional() }).optional(),
    // Universal Actions (1.4+): Teams asks the bot for the current card; at most 60 user ids.
    refresh: z
      .looseObject({
        action: z.looseObject({ type: z.literal('Action.Execute', { error: 'refresh.action must be an Action.Execute' }), verb: str.optional(), data: dataProp.optional() }),
        userIds: z.array(str).max(60, { error: 'refresh.userIds holds at most 60 ids' }).optional(),
      })
      .optional(),
  });
}
const innerCard = cardSchema(false);

const actionUnion = z.discriminatedUnion('type', [
  z.looseObject({ ...actionCommon, type: z.literal('Action.Submit'), data: dataProp.optional(), associatedInputs }),
  z.looseObject({ ...actionCommon, type: z.literal('Action.Execute'), verb: str.optional(), data: dataProp.optional(), associatedInputs }),
  z.looseObject({ ...actionCommon, type: z.literal('Action.OpenUrl'), url: str }),
  z.looseObject({ ...actionCommon, type: z.literal('Action.ShowCard'), card: innerCard }),
  z.looseObject({
    ...actionCommon,
    type: z.literal('Action.ToggleVisibility'),
    targetElements: z.array(z.union([str, z.looseObject({ elementId: str, isVisible: bool.optional() })], { error: 'must be an id or { elementId, isVisible }' })),
  }),
]);
const topCard = cardSchema(true);

// Types that newer schemas or other hosts define; named so the report says why they are refused.
const AFTER_1_5 = new Set(['Carousel', 'CarouselPage', 'Icon', 'Badge', 'Rating', 'Input.Rating', 'CompoundButton', 'ProgressBar', 'ProgressRing', 'CodeBlock', 'Component', 'Action.Popover', 'Action.ResetInputs', 'Action.InsertImage']);
const ACTION_KEYS = new Set(['actions', 'selectAction', 'inlineAction']);

type Path = readonly PropertyKey[];

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

/** `body[2].items[0].id (in Input.Text)`: the path plus the type of the nearest typed object. */
function where(root: unknown, path: Path, withType = true): string {
  let text = '';
  let typeName: unknown;
  for (let i = 0; i <= path.length; i++) {
    const node = valueAt(root, path.slice(0, i));
    if (node !== null && typeof node === 'object' && typeof (node as { type?: unknown }).type === 'string') typeName = (node as { type: string }).type;
    const key = path[i];
    if (key !== undefined) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  }
  return `${text || '(card)'}${withType && typeof typeName === 'string' ? ` (in ${typeName})` : ''}`;
}

function report(issues: readonly z.core.$ZodIssue[], base: Path, root: unknown, out: string[]): void {
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.discriminator === 'type') {
      // A discriminated union with no matching `type`: an unknown or too-new element/action.
      const objectPath = path.slice(0, -1);
      const type = valueAt(root, objectPath.concat('type'));
      const lastKey = [...objectPath].reverse().find((k) => typeof k === 'string');
      const kind = ACTION_KEYS.has(String(lastKey)) || (typeof type === 'string' && type.startsWith('Action.')) ? 'action' : 'element';
      const at = where(root, objectPath, false);
      if (typeof type !== 'string') out.push(`${at}: ${kind} has no type`);
      else if (AFTER_1_5.has(type) || type.startsWith('Chart.')) out.push(`${at}: ${kind} type "${type}" is newer than Adaptive Cards 1.5, which Teams cannot render`);
      else out.push(`${at}: unknown ${kind} type "${type}"`);
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Drop the branches that rejected the value's kind outright ("expected object, received
      // string"); if one branch is left, its issues are the real problem, reported precisely.
      const fitting = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')));
      if (fitting.length === 1 && fitting[0]) {
        report(fitting[0], path, root, out);
        continue;
      }
    }
    const missing = issue.code === 'invalid_type' && valueAt(root, path) === undefined;
    out.push(`${where(root, path)}: ${missing ? 'required property is missing' : issue.message}`);
  }
}

/** Counts input ids over the whole card, ShowCard cards included: Teams submits them together. */
function countInputIds(node: unknown, counts: Map<string, number>): void {
  if (Array.isArray(node)) for (const item of node) countInputIds(item, counts);
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const { type, id } = node as { type?: unknown; id?: unknown };
  if (typeof type === 'string' && type.startsWith('Input.') && typeof id === 'string') counts.set(id, (counts.get(id) ?? 0) + 1);
  // `data`, `msteams` and `metadata` are free-form payloads, not card content.
  for (const [key, value] of Object.entries(node)) if (!['data', 'msteams', 'metadata'].includes(key)) countInputIds(value, counts);
}

export function adaptiveCardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const result = topCard.safeParse(card);
  if (!result.success) report(result.error.issues, [], card, problems);
  const counts = new Map<string, number>();
  countInputIds(card, counts);
  for (const [id, n] of counts) if (n > 1) problems.push(`input id "${id}" is used ${n} times; input ids must be unique in a card`);
  return problems;
}

/** The size Teams measures against its ~28 KB message limit: the card's JSON in UTF-8. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
