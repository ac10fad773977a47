// Teams as a coordinator uses it: messages in a team channel (with an @mention of the bot) and
// clicks on Universal Action buttons (invokes), through the real /api/messages endpoint.
import { randomUUID } from 'node:crypto';
import { BOT } from './activities.ts';
import type { CardJson } from './chat.ts';
import type { ChatUser } from './chat.ts';

export const TEAM_ID = '19:naft-gent-en-rand-general@thread.tacv2';
export const CHANNEL_ID = '19:naft-gent-en-rand-dispatch@thread.tacv2';
export const TENANT_ID = 'tenant-1';

export interface InvokeAnswer {
  httpStatus: number;
  statusCode: number | undefined;
  type: string | undefined;
  card: CardJson | undefined;
  message: string | undefined;
}

function base(serviceUrl: string, stubUrl: string, user: ChatUser, conversation: Record<string, unknown>, channelData: Record<string, unknown>) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: stubUrl,
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation,
    channelData: { tenant: { id: TENANT_ID }, ...channelData },
    _service: serviceUrl,
  };
}

const channelConversation = (thread?: string) => ({ id: thread ? `${CHANNEL_ID};messageid=${thread}` : CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID });
const channelData = { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } };

async function post(serviceUrl: string, activity: Record<string, unknown>): Promise<Response> {
  const { _service: _ignored, ...body } = activity;
  return fetch(`${serviceUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** "@NAFT-aanmeldbot koppel dispatch Gent en Rand" in the dispatch channel. */
export async function channelMessage(serviceUrl: string, stubUrl: string, user: ChatUser, text: string): Promise<string> {
  const activity = {
    ...base(serviceUrl, stubUrl, user, channelConversation(), channelData),
    type: 'message',
    text: `<at>${BOT.name}</at> ${text}`,
    entities: [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }],
  };
  const res = await post(serviceUrl, activity);
  if (res.status >= 300) throw new Error(`channel message answered ${res.status}: ${await res.text()}`);
  return String(activity.id);
}

/**
 * A click on an Action.Execute button with the card's inputs merged into its data, as Teams does.
 * In a channel the card is the root of its own thread; in a 1:1 chat pass `personal`.
 */
export async function invoke(
  serviceUrl: string,
  stubUrl: string,
  user: ChatUser,
  action: { verb: string; data: Record<string, unknown> },
  inputs: Record<string, unknown> = {},
  where: { thread?: string; personal?: string } = {},
): Promise<InvokeAnswer> {
  const conversation = where.personal ? { id: where.personal, conversationType: 'personal', tenantId: TENANT_ID } : channelConversation(where.thread);
  const activity = {
    ...base(serviceUrl, stubUrl, user, conversation, where.personal ? {} : channelData),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(where.thread ? { replyToId: where.thread } : {}),
    value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...inputs, ...action.data } }, trigger: 'manual' },
  };
  const res = await post(serviceUrl, activity);
  const text = await res.text();
  const body = text ? (JSON.parse(text) as { statusCode?: number; type?: string; value?: string | ({ message?: string } & Record<string, unknown>) }) : {};
  const isCard = body.type === 'application/vnd.microsoft.card.adaptive';
  // A message response carries its text as the value; an error as value.message.
  const message = typeof body.value === 'string' ? body.value : body.value?.message;
  return { httpStatus: res.status, statusCode: body.statusCode, type: body.type, card: isCard ? (body.value as unknown as CardJson) : undefined, message: isCard ? undefined : message };
}

/** The Action.Execute button with this title, anywhere in the card. */
export function executeAction(card: CardJson | undefined, title: string | RegExp): { verb: string; data: Record<string, unknown> } {
  let found: { verb: string; data: Record<string, unknown> } | undefined;
  const walk = (node: unknown): void => {
    if (found || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as { type?: unknown; title?: unknown; verb?: unknown; data?: unknown };
    if (n.type === 'Action.Execute' && typeof n.title === 'string' && typeof n.verb === 'string' && (typeof title === 'string' ? n.title === title : title.test(n.title))) {
      found = { verb: n.verb, data: (n.data ?? {}) as Record<string, unknown> };
      return;
    }
    Object.values(node).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`No Action.Execute "${String(title)}" in card: ${JSON.stringify(card).slice(0, 400)}`);
  return found;
}
