// Drives the real HTTP endpoint like Teams would for one user in a 1:1 chat: typed text and card
// submits go to /api/messages, and what the bot answers is read back from the connector stub.
import { randomUUID } from 'node:crypto';
import type { ConnectorStub, SentActivity } from './connectorStub.ts';
import { BOT } from './activities.ts';

export interface ChatUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export interface Reply {
  text: string | undefined;
  /** The Adaptive Card, if the reply is one. */
  card: CardJson | undefined;
  id: string | undefined;
}

export interface CardJson {
  body: unknown[];
  actions?: Array<{ title: string; data?: Record<string, unknown> }>;
}

export class Chat {
  readonly conversationId: string;
  constructor(
    private serviceUrl: string,
    private readonly stub: ConnectorStub,
    readonly user: ChatUser,
    opts: { conversationId?: string; conversationType?: 'personal' | 'channel' } = {},
  ) {
    this.conversationId = opts.conversationId ?? `a:personal-${randomUUID()}`;
    this.conversationType = opts.conversationType ?? 'personal';
  }
  private readonly conversationType: 'personal' | 'channel';

  /** After a restart the service has a new URL; the conversation stays. */
  moveTo(serviceUrl: string): void {
    this.serviceUrl = serviceUrl;
  }

  say(text: string): Promise<Reply[]> {
    return this.post({ text, textFormat: 'plain' });
  }

  /**
   * Clicks a button: its data plus the inputs, as Teams merges them, sent as a reply to the card
   * that holds that button now (the newest one, if several do; a card the bot replaced in the
   * meantime holds what it was replaced with).
   */
  submit(data: Record<string, unknown>, inputs: Record<string, unknown> = {}): Promise<Reply[]> {
    const needle = JSON.stringify(data);
    const from = [...this.cards.entries()].reverse().find(([, card]) => JSON.stringify(card).includes(needle))?.[0];
    return this.post({ value: { ...inputs, ...data }, ...(from ? { replyToId: from } : {}) });
  }

  /** Every card in the chat as it looks now, by message id, oldest first. */
  private readonly cards = new Map<string, CardJson>();

  /** The card a message shows now (after any replacement). */
  cardNow(id: string | undefined): CardJson | undefined {
    return id ? this.cards.get(id) : undefined;
  }

  private async post(fields: Record<string, unknown>): Promise<Reply[]> {
    const id = randomUUID();
    const before = this.stub.sent.length;
    const activity = {
      type: 'message',
      id,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.stub.url,
      from: { id: `29:${this.user.aadObjectId}`, name: this.user.name, aadObjectId: this.user.aadObjectId },
      recipient: BOT,
      conversation: { id: this.conversationId, conversationType: this.conversationType, tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
      ...fields,
    };
    const res = await fetch(`${this.serviceUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    if (res.status >= 300) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
    // The adapter answers the POST after the turn, so every reply has reached the stub by now.
    const mine = this.stub.sent.slice(before).filter((a) => a.body.conversation?.id === this.conversationId || a.body.replyToId === id);
    const posted = mine.filter((a) => a.method === 'POST' && a.body.replyToId === id).map(toReply);
    const replaced = mine.filter((a) => a.method === 'PUT').map((a) => ({ ...toReply(a), id: targetOf(a) }));
    for (const reply of [...posted, ...replaced]) if (reply.id && reply.card) this.cards.set(reply.id, reply.card);
    // What the user looks at next: the new messages, or else the card that was replaced in place.
    if (posted.length > 0) return posted;
    return replaced.filter((r) => r.id === fields.replyToId);
  }

  /** The cards the bot put in place of earlier ones, newest last. */
  updates(): Array<Reply & { path: string }> {
    return this.stub.sent.filter((a) => a.method === 'PUT' && a.body.conversation?.id === this.conversationId).map((a) => ({ ...toReply(a), id: targetOf(a), path: a.path }));
  }
}

/** PUT /v3/conversations/<conversation>/activities/<id>: the message that was replaced. */
function targetOf(a: SentActivity): string {
  return decodeURIComponent(a.path.split('/').pop() ?? '');
}

function toReply(a: SentActivity): Reply {
  const attachment = a.body.attachments?.[0];
  return { text: a.body.text, card: attachment?.contentType === 'application/vnd.microsoft.card.adaptive' ? (attachment.content as CardJson) : undefined, id: a.id };
}

/** All the text in a card, for assertions on what the user sees. */
export function cardText(card: CardJson | undefined): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['text', 'title', 'label', 'value', 'errorMessage'].includes(key)) out.push(value);
      else if (key !== 'data') walk(value);
    }
  };
  walk(card);
  return out.join('\n');
}

/** The data of the button with this title (anywhere in the card), to click it. */
export function button(card: CardJson | undefined, title: string | RegExp): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as { type?: unknown; title?: unknown; data?: unknown };
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && typeof n.title === 'string' && (typeof title === 'string' ? n.title === title : title.test(n.title))) {
      found = n.data as Record<string, unknown>;
      return;
    }
    Object.values(node).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`No button "${String(title)}" in card:\n${cardText(card)}`);
  return found;
}

/** The values the card's inputs show (what the user typed before, put back). */
export function inputValues(card: CardJson | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: unknown; id?: unknown; value?: unknown };
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') values[n.id] = n.value;
    Object.values(node).forEach(walk);
  };
  walk(card?.body);
  return values;
}

/** The red line under an input (the server's message for that field), if there is one. */
export function errorUnder(card: CardJson | undefined, inputId: string): string | undefined {
  const body = (card?.body ?? []) as Array<{ type?: string; id?: string; text?: string; color?: string }>;
  const at = body.findIndex((el) => el.id === inputId);
  if (at < 0) return undefined;
  for (const el of body.slice(at + 1)) {
    if (el.type?.startsWith('Input.')) return undefined;
    if (el.type === 'TextBlock' && el.color === 'attention') return el.text;
  }
  return undefined;
}
