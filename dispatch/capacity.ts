// How many places each organisation has free ("capaciteit 3", "capaciteit vol tot 15/01/2027"),
// said by its coordinators in the dispatch channel and shown on every open referral's card and
// on the overview, so a coordinator sees who can take a referral now without a meeting. Only a
// coordinator of the organisation may change it; the last change keeps who and when.
import type { DbClient } from '../db/open.ts';
import { formatDate } from '../referrals/status.ts';
import { inBrussels } from './schedule.ts';
import { enqueueChannelUpdate } from './decide.ts';
import { wakeOutboxWorkers } from '../outbox/wake.ts';

export type CapacityValue = { kind: 'free'; places: number } | { kind: 'full'; until?: string } | { kind: 'unknown' };

export interface CapacityCommand {
  /** The organisation's name or code as typed, when the coordinator belongs to several. */
  organisation?: string;
  value: CapacityValue;
}

const HOW = 'Typ bv. **capaciteit 3** (plaatsen vrij), **capaciteit vol tot 15/01/2027**, **capaciteit vol** of **capaciteit onbekend**; met meer organisaties: **capaciteit LEJO 2**.';

/** "3", "LEJO 2", "vol", "vol tot 15/01/2027", "JES vol tot 2027-01-15", "onbekend". */
export function parseCapacity(argument: string, now: Date): CapacityCommand | { error: string } {
  const text = argument.trim().replace(/\s+/g, ' ');
  const free = /^(?:(.+) )?(\d{1,3})(?: plaatsen?(?: vrij)?| vrij)?$/i.exec(text);
  const full = /^(?:(.+) )?vol(?: tot (\d{1,2})\/(\d{1,2})\/(\d{4})| tot (\d{4})-(\d{2})-(\d{2}))?$/i.exec(text);
  const unknown = /^(?:(.+) )?onbekend$/i.exec(text);
  const organisation = (m: RegExpExecArray) => (m[1] ? { organisation: m[1] } : {});
  if (free?.[2]) return { ...organisation(free), value: { kind: 'free', places: Number(free[2]) } };
  if (unknown) return { ...organisation(unknown), value: { kind: 'unknown' } };
  if (full) {
    const [d, m, y] = full[2] ? [full[2], full[3], full[4]] : [full[7], full[6], full[5]];
    if (!y) return { ...organisation(full), value: { kind: 'full' } };
    const until = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const parsed = new Date(`${until}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== until) return { error: `Die datum bestaat niet. ${HOW}` };
    if (until < inBrussels(now).date) return { error: `Die datum is al voorbij. ${HOW}` };
    return { ...organisation(full), value: { kind: 'full', until } };
  }
  return { error: `Dat begrijp ik niet. ${HOW}` };
}

/** What a card says of one organisation's places, or undefined when it never said. */
export function capacityText(o: { freePlaces: number | null; fullUntil: Date | null; capacityAt: Date | null }, now: Date): string | undefined {
  if (!o.capacityAt) return undefined;
  const since = ` (gemeld ${formatDate(o.capacityAt)})`;
  if (o.fullUntil) {
    // "Vol tot" a day that has passed says nothing any more: not "vol" for ever.
    return o.fullUntil.toISOString().slice(0, 10) >= inBrussels(now).date ? `vol tot ${formatDate(o.fullUntil)}` : undefined;
  }
  if (o.freePlaces === null) return undefined;
  if (o.freePlaces === 0) return `vol${since}`;
  return `${o.freePlaces === 1 ? '1 plaats' : `${o.freePlaces} plaatsen`} vrij${since}`;
}

/** "aPart: 3 plaatsen vrij (gemeld 12/12/2026) · LEJO: vol tot 15/01/2027 · JES: niet gemeld", or undefined when nobody said. */
export async function regionCapacity(prisma: DbClient, regionId: string, now = new Date()): Promise<string | undefined> {
  const orgs = await prisma.organisation.findMany({ where: { regionId }, select: { name: true, freePlaces: true, fullUntil: true, capacityAt: true } });
  const parts = orgs.map((o) => ({ name: o.name, text: capacityText(o, now) })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  if (parts.every((p) => p.text === undefined)) return undefined;
  return parts.map((p) => `${p.name}: ${p.text ?? 'niet gemeld'}`).join(' · ');
}

export type CapacityResult =
  | { ok: true; organisation: string; regionId: string; text: string }
  | { ok: false; message: string };

/** Sets the capacity of one of the acting person's organisations: coordinators only, their own organisation only. */
export async function setCapacity(prisma: DbClient, d: { personId: string; command: CapacityCommand; now?: Date }): Promise<CapacityResult> {
  const now = d.now ?? new Date();
  const person = await prisma.person.findUnique({ where: { id: d.personId }, select: { role: true, memberships: { select: { organisation: { select: { id: true, code: true, name: true, regionId: true } } } } } });
  const own = person?.role === 'COORDINATOR' ? person.memberships.map((m) => m.organisation).sort((a, b) => a.name.localeCompare(b.name)) : [];
  if (own.length === 0) return { ok: false, message: 'Alleen de coördinator van een NAFT-partner kan de capaciteit van zijn organisatie melden.' };
  const wanted = d.command.organisation?.toLowerCase();
  const matches = wanted ? own.filter((o) => o.code.toLowerCase() === wanted || o.name.toLowerCase() === wanted) : own;
  if (wanted && matches.length === 0) return { ok: false, message: `Die organisatie is niet de jouwe. Jouw organisaties: ${own.map((o) => `${o.name} (${o.code})`).join(', ')}.` };
  const target = matches.length === 1 ? matches[0] : undefined;
  if (!target) return { ok: false, message: `Voor welke organisatie? Typ bv. **capaciteit ${own[0]?.code ?? 'LEJO'} 2**. Jouw organisaties: ${own.map((o) => `${o.name} (${o.code})`).join(', ')}.` };
  const v = d.command.value;
  const data =
    v.kind === 'free' ? { freePlaces: v.places, fullUntil: null } : v.kind === 'full' ? { freePlaces: 0, fullUntil: v.until ? new Date(`${v.until}T00:00:00Z`) : null } : { freePlaces: null, fullUntil: null };
  const saved = await prisma.organisation.update({ where: { id: target.id }, data: { ...data, capacityById: d.personId, capacityAt: v.kind === 'unknown' ? null : now }, select: { freePlaces: true, fullUntil: true, capacityAt: true } });
  await refreshOpenCards(prisma, target.regionId);
  return { ok: true, organisation: target.name, regionId: target.regionId, text: capacityText(saved, now) ?? 'niet gemeld' };
}

/** The open referrals' cards in the channel show the places: each is brought up to date (one waiting update per card at most). */
async function refreshOpenCards(prisma: DbClient, regionId: string): Promise<void> {
  const open = await prisma.referral.findMany({ where: { regionId, status: { in: ['SUBMITTED', 'WAITING_LIST'] }, dispatchActivityId: { not: null } }, select: { id: true, region: { select: { code: true } } }, take: 200 });
  if (open.length === 0) return;
  await prisma.$transaction(async (tx) => {
    for (const r of open) await enqueueChannelUpdate(tx, r.id, r.region?.code ?? '');
  });
  wakeOutboxWorkers();
}
