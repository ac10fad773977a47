// Run by `npm run test:playground`, never by `npm test`. Starts the real playground against a fake bot and checks which ids from demo.ts reach
// the bot in activities. Documents the playground's behaviour the bot relies on.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { executeAction, getPlaygroundConfig, sendMessage, type TPlaygroundConfig } from './client.ts';
import { demoPeople, demoPlayground, demoTeam, demoTeamsUserId } from './demo.ts';
import { startPlayground, type PlaygroundHandle } from './start.ts';

// Only the fields under test; everything else in the activity is ignored.
const ZActivity = z.object({
  type: z.string(),
  name: z.string().optional(),
  from: z.object({ id: z.string(), aadObjectId: z.string().optional() }),
  conversation: z.object({ id: z.string(), conversationType: z.string().optional() }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string() }).optional(),
      team: z.object({ id: z.string() }).optional(),
      channel: z.object({ id: z.string() }).optional(),
    })
    .optional(),
});
type TActivity = z.infer<typeof ZActivity>;

const received: TActivity[] = [];
let bot: Server;
let playground: PlaygroundHandle;
let config: TPlaygroundConfig;

function startFakeBot(): Promise<string> {
  bot = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const parsed = body === '' ? undefined : ZActivity.safeParse(JSON.parse(body));
      if (parsed?.success === true) received.push(parsed.data);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  return new Promise((listening, failed) =>
    bot.listen(0, '127.0.0.1', () => {
      const address = bot.address();
      if (address === null || typeof address === 'string') failed(new Error('fake bot has no TCP port'));
      else listening(`http://127.0.0.1:${address.port}/api/messages`);
    }),
  );
}

async function nextActivity(match: (activity: TActivity) => boolean): Promise<TActivity> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = received.find(match);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('The fake bot received no matching activity');
    await new Promise((tick) => setTimeout(tick, 50));
  }
}

const person = (name: string) => {
  const found = demoPeople.find((p) => p.name === name);
  if (found === undefined) throw new Error(`${name} is not a demo person`);
  return { ...found, teamsId: demoTeamsUserId(found) };
};

beforeAll(async () => {
  playground = await startPlayground({ botEndpoint: await startFakeBot(), port: 0 });
  config = await getPlaygroundConfig(playground.url);
});

afterAll(async () => {
  await playground.close();
  await new Promise((closed) => bot.close(closed));
});

describe('the playground with .m365agentsplayground.yml', () => {
  it('loads the demo tenant, current user, team and Dispatch channel', () => {
    expect(config.tenantId).toBe(demoTeam.tenantId);
    expect(config.currentUser.aadObjectId).toBe(demoPlayground.currentUserAadObjectId);
    expect(config.teams[0]?.id).toBe(demoTeam.teamId);
    expect(config.teams[0]?.channels).toContainEqual({ id: demoTeam.dispatchChannelId, name: demoTeam.dispatchChannelName });
  });

  it('sends 1:1 messages from the current user with their aadObjectId', async () => {
    await sendMessage(playground.url, { conversationId: config.personalChat.id, fromId: config.currentUser.id, text: 'help' });
    const activity = await nextActivity((a) => a.type === 'message' && a.conversation.id === config.personalChat.id);
    expect(activity.from.aadObjectId).toBe(person('Sofie Claes').aadObjectId);
    expect(activity.conversation.conversationType).toBe('personal');
    expect(activity.channelData?.tenant?.id).toBe(demoTeam.tenantId);
  });

  it('puts channel messages in a thread with the team and channel ids, always as the current user', async () => {
    const lotte = person('Lotte Vermeulen');
    const sent = await sendMessage(playground.url, {
      conversationId: demoTeam.dispatchChannelId,
      fromId: lotte.teamsId,
      text: `<at>${config.bot.name}</at> help`,
      mentions: [{ mentioned: { id: config.bot.id }, text: `<at>${config.bot.name}</at>` }],
    });
    expect(sent.postConversationId).toBe(`${demoTeam.dispatchChannelId};messageid=${sent.messageId}`);
    const activity = await nextActivity((a) => a.type === 'message' && a.conversation.id === sent.postConversationId);
    expect(activity.channelData?.team?.id).toBe(demoTeam.teamId);
    expect(activity.channelData?.channel?.id).toBe(demoTeam.dispatchChannelId);
    // A playground quirk: typed messages always come from the current user.
    expect(activity.from.aadObjectId).toBe(demoPlayground.currentUserAadObjectId);

    // Card actions, however, arrive as the member who clicked.
    await executeAction(playground.url, {
      conversationId: sent.postConversationId ?? '',
      fromId: lotte.teamsId,
      replyToId: sent.messageId,
      verb: 'probe',
    });
    const invoke = await nextActivity((a) => a.type === 'invoke' && a.name === 'adaptiveCard/action');
    expect(invoke.from.aadObjectId).toBe(lotte.aadObjectId);
    expect(invoke.channelData?.channel?.id).toBe(demoTeam.dispatchChannelId);
  });
});
