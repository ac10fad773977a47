// Teams activities as the Bot Framework channel delivers them to /api/messages.
import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:naft-bot', name: 'NAFT-aanmelding' };
export const CLB_USER = { id: '29:clb-user', name: 'Sofie Claes', aadObjectId: '00000000-0000-4000-8000-000000000001' };

export function personalMessage(serviceUrl: string, text: string, conversationId = 'a:personal-chat-1') {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: CLB_USER,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    text,
    textFormat: 'plain',
  };
}

export function botInstalledInTeam(serviceUrl: string) {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: CLB_USER,
    recipient: BOT,
    membersAdded: [{ id: BOT.id }],
    conversation: { id: '19:dispatch@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:dispatch@thread.tacv2' }, eventType: 'teamMemberAdded', tenant: { id: 'tenant-1' } },
  };
}
