// The HTTP boundary of POST /api/messages: read the body, parse it as JSON and check the activity
// envelope before botbuilder sees it. botbuilder answers a malformed activity with a 500 and its
// own error text, or runs a turn that crashes deep inside the bot; here it gets a 4xx with a short
// reason instead. Only the envelope is checked: what a card or command carries is the bot's
// business (it safeParses its own payloads).
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';

/** Largest accepted body. Teams caps messages at about 100 KB; cards stay under 80 KB. */
export const MAX_ACTIVITY_BYTES = 1024 * 1024;

// The routing fields every activity a channel delivers carries, and that botbuilder needs to
// reply: where (serviceUrl, channelId, conversation) and from whom.
const routingFields = ['channelId', 'serviceUrl', 'conversation', 'from'] as const;
// Only these run a turn that replies; other types are passed on as long as what they do carry
// has the right shape.
const replyingTypes = new Set(['message', 'invoke']);

const ZAccount = z.looseObject({ id: z.string().min(1) });

export const ZActivityEnvelope = z
  .looseObject({
    type: z.string().min(1),
    channelId: z.string().min(1).optional(),
    serviceUrl: z.string().min(1).optional(),
    conversation: ZAccount.optional(),
    from: ZAccount.optional(),
    recipient: ZAccount.optional(),
    text: z.string().optional(),
    value: z.unknown().optional(),
  })
  .superRefine((activity, ctx) => {
    if (!replyingTypes.has(activity.type)) return;
    for (const field of routingFields) {
      if (activity[field] === undefined) ctx.addIssue({ code: 'custom', path: field === 'conversation' || field === 'from' ? [field, 'id'] : [field], message: `is required for ${activity.type === 'invoke' ? 'an invoke' : 'a message'}` });
    }
  });
export type TActivityEnvelope = z.infer<typeof ZActivityEnvelope>;

export type ActivityRead = { ok: true; activity: TActivityEnvelope } | { ok: false; status: 400 | 413 | 415; error: string };

/** Reads and checks one activity; never throws for anything the client sent. */
export async function readActivity(req: IncomingMessage): Promise<ActivityRead> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    return { ok: false, status: 415, error: 'Expected a JSON body (Content-Type: application/json)' };
  }
  const body = await readBody(req, MAX_ACTIVITY_BYTES);
  if (body === undefined) return { ok: false, status: 413, error: `The body is larger than ${MAX_ACTIVITY_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, status: 400, error: 'The body is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, status: 400, error: 'The body must be a JSON object (a Bot Framework activity)' };
  }
  const parsed = ZActivityEnvelope.safeParse(json);
  if (!parsed.success) return { ok: false, status: 400, error: `Not a valid activity: ${describeIssue(parsed.error.issues[0], json)}` };
  // The object as sent, not zod's copy: botbuilder gets exactly what it got before this check.
  return { ok: true, activity: json as TActivityEnvelope };
}

function describeIssue(issue: z.core.$ZodIssue | undefined, json: object): string {
  if (!issue) return 'unknown problem';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the activity';
  if (issue.code === 'invalid_type') {
    return valueAt(json, issue.path) === undefined ? `${where} is missing` : `${where} must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
  }
  if (issue.code === 'too_small') return `${where} must not be empty`;
  return `${where} ${issue.message}`;
}

function valueAt(json: object, path: ReadonlyArray<PropertyKey>): unknown {
  let value: unknown = json;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/**
 * The body as text, or undefined when it is larger than `limit`. An oversized body is still read
 * to the end (up to a bound) rather than cut off, so the client can read the 413 instead of a
 * reset connection.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length']);
  let tooLarge = Number.isFinite(declared) && declared > limit;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    if (tooLarge) {
      chunks.length = 0;
      if (size > 16 * limit) break; // a client that keeps sending loses its connection
    } else {
      chunks.push(chunk);
    }
  }
  return tooLarge ? undefined : Buffer.concat(chunks).toString('utf8');
}
