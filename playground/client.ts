// A small typed client for the playground's headless HTTP/WebSocket API, the same calls
// its browser UI makes. Used by smoke.ts; usable from end-to-end tests.
import { z } from 'zod';

const ZAccount = z.object({ id: z.string(), name: z.string(), aadObjectId: z.string() });

const ZConfigResponse = z.object({
  config: z.object({
    tenantId: z.string(),
    bot: z.object({ id: z.string(), name: z.string() }),
    currentUser: ZAccount,
    users: z.array(ZAccount),
    personalChat: z.object({ id: z.string() }),
    groupChats: z.array(z.object({ id: z.string(), name: z.string() })),
    teams: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        channels: z.array(z.object({ id: z.string(), name: z.string() })),
      }),
    ),
  }),
});
export type TPlaygroundConfig = z.infer<typeof ZConfigResponse>['config'];

const ZSentMessage = z.object({
  messageId: z.string(),
  timestamp: z.number(),
  /** Set for a channel message: the thread "<channelId>;messageid=<messageId>". */
  postConversationId: z.string().optional(),
});
export type TSentMessage = z.infer<typeof ZSentMessage>;

/** What the WebSocket pushes: only messages the bot sends or updates (and typing). */
export const ZStreamEvent = z.object({
  action: z.string(), // "createMessage" | "updateMessage" | "typing"
  actionConversationId: z.string(),
  message: z
    .object({
      messageId: z.string(),
      timestamp: z.number(),
      from: z.object({ id: z.string() }),
      text: z.string().optional(),
      attachments: z.array(z.object({ contentType: z.string(), content: z.unknown() })).default([]),
      postConversationId: z.string().optional(),
    })
    .optional(),
});
export type TStreamEvent = z.infer<typeof ZStreamEvent>;

async function call(baseUrl: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

const conversationPath = (id: string): string => encodeURIComponent(id); // ids contain ':', '@', ';'

/** Mock tenant, bot, users, chats and team. Waits (up to 15 s) for the bot endpoint first. */
export async function getPlaygroundConfig(baseUrl: string): Promise<TPlaygroundConfig> {
  return ZConfigResponse.parse(await call(baseUrl, 'GET', '/_internal/v1/config')).config;
}

/**
 * What the UI does when a conversation is first opened in a browser session: sends the
 * bot an `installationUpdate` (action "add") and then a `conversationUpdate` with
 * membersAdded (1:1: the user and the bot; channel or group chat: the bot).
 */
export async function triggerInstallation(baseUrl: string, conversationId: string): Promise<void> {
  await call(baseUrl, 'POST', `/_debug/conversation/${conversationPath(conversationId)}/installation`, {});
}

export interface SendMessageInput {
  conversationId: string;
  /** Must be a member of the conversation; the bot still sees the *current user* as sender. */
  fromId: string;
  text: string;
  /** In a channel or group chat the bot only receives messages that @mention it. */
  mentions?: ReadonlyArray<{ mentioned: { id: string }; text: string }>;
}

export async function sendMessage(baseUrl: string, input: SendMessageInput): Promise<TSentMessage> {
  const body = { from: { id: input.fromId }, text: input.text, textFormat: 'plain', mentions: input.mentions };
  return ZSentMessage.parse(await call(baseUrl, 'POST', `/_conversation/v1/conversations/${conversationPath(input.conversationId)}/messages`, body));
}

export interface CardActionInput {
  conversationId: string;
  /** Any member: unlike messages, card actions reach the bot as this user. */
  fromId: string;
  /** The messageId of the card message. */
  replyToId: string;
}

/** An `Action.Execute` click; resolves with the bot's invoke response body. */
export async function executeAction(
  baseUrl: string,
  input: CardActionInput & { verb: string; data?: unknown },
): Promise<unknown> {
  return call(baseUrl, 'POST', '/_conversation/v1/invoke', {
    name: 'adaptiveCard/action',
    from: { id: input.fromId },
    conversation: { id: input.conversationId },
    replyToId: input.replyToId,
    value: { action: { type: 'Action.Execute', verb: input.verb, data: input.data ?? {} }, trigger: 'manual' },
  });
}

/** An `Action.Submit` click: the bot gets a message activity with `value`. */
export async function submitAction(baseUrl: string, input: CardActionInput & { value: Record<string, unknown> }): Promise<void> {
  await call(baseUrl, 'POST', '/_conversation/v1/submit', {
    from: { id: input.fromId },
    conversation: { id: input.conversationId },
    replyToId: input.replyToId,
    value: input.value,
  });
}

export interface PlaygroundStream {
  /** The first event (already received or still to come) that matches; it is consumed. */
  next: (match: (event: TStreamEvent) => boolean, timeoutMs?: number) => Promise<TStreamEvent>;
  close: () => void;
}

/**
 * Subscribes to everything the bot sends. The playground buffers bot messages while no
 * client is connected and hands them all to the first one that connects, so match on
 * conversation and timestamp rather than taking whatever comes first.
 */
export async function openStream(baseUrl: string): Promise<PlaygroundStream> {
  if (typeof globalThis.WebSocket === 'undefined') {
    throw new Error('No global WebSocket: on Node 20 run with --experimental-websocket (NODE_OPTIONS works too)');
  }
  const url = new URL('/_ws_conversation/v1/conversations/stream', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  const received: TStreamEvent[] = [];
  const waiters = new Set<() => void>();
  socket.addEventListener('message', (event) => {
    const data: unknown = event.data; // text frames: a JSON string
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return;
    }
    const parsed = ZStreamEvent.safeParse(json);
    if (!parsed.success) return; // an event shape we do not use
    received.push(parsed.data);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((opened, failed) => {
    socket.addEventListener('open', () => opened(), { once: true });
    socket.addEventListener('error', () => failed(new Error(`Cannot connect to ${url.href}`)), { once: true });
  });

  const next = (match: (event: TStreamEvent) => boolean, timeoutMs = 15_000): Promise<TStreamEvent> =>
    new Promise((found, failed) => {
      const check = (): boolean => {
        const index = received.findIndex(match);
        const event = received[index];
        if (event === undefined) return false;
        received.splice(index, 1);
        waiters.delete(wake);
        clearTimeout(timer);
        found(event);
        return true;
      };
      const wake = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        failed(new Error(`No matching message from the bot within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) waiters.add(wake);
    });

  return { next, close: () => socket.close() };
}
