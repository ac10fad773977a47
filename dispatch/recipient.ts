// Where a 1:1 message to a person goes: the chat they have with the bot, or a new one Teams lets
// the bot open. Shared by the notices (dispatch/kinds.ts) and the survey codes (surveyKinds.ts).
import { z } from 'zod';
import type { DbClient } from '../db/open.ts';
import type { Resolution } from '../outbox/types.ts';

const MINUTE = 60_000;
const later = (ms: number) => new Date(Date.now() + ms);

/** A 1:1 chat with the person: the one they have with the bot, or a new one Teams lets the bot open. */
export async function recipientOf(prisma: DbClient, personId: string): Promise<Resolution | { to: Extract<Resolution, { type: 'post' }>['to'] }> {
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { aadObjectId: true, teamsUserId: true } });
  if (!person) return { type: 'drop', reason: 'person not found' };
  const chat = await prisma.conversationRef.findFirst({ where: { kind: 'PERSONAL', aadObjectId: person.aadObjectId }, orderBy: { updatedAt: 'desc' } });
  if (chat) return { to: { conversationId: chat.conversationId } };
  const anyRef = await prisma.conversationRef.findFirst({ orderBy: { updatedAt: 'desc' }, select: { reference: true } });
  const ref = z.object({ serviceUrl: z.string(), conversation: z.object({ tenantId: z.string().optional() }).loose() }).loose().safeParse(anyRef?.reference);
  if (person.teamsUserId && ref.success && ref.data.conversation.tenantId) {
    return { to: { person: { aadObjectId: person.aadObjectId, teamsUserId: person.teamsUserId, tenantId: ref.data.conversation.tenantId, serviceUrl: ref.data.serviceUrl } } };
  }
  // Teams has not told us who this is yet: the notice waits until they use the bot once.
  return { type: 'wait', reason: 'no 1:1 chat with this person yet', retryAt: later(30 * MINUTE) };
}
