// Generated referrals with their whole history (decisions, steps, evaluations, afronding, survey
// invitations and anonymous answers) for the reports: the demo data of `npm start`, the report
// tests' data set and bench:reports. Deterministic for a given seed, written with createMany.
import { randomUUID } from 'node:crypto';
import type { DbClient } from './open.ts';
import type { Prisma } from '../generated/prisma/client.ts';

const DAY = 86_400_000;

/** mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface ReportDataOptions {
  seed: number;
  referrals: number;
  /** Extra anonymous answers on top of those of the generated invitations (bench). */
  extraResponses?: number;
  /** Submissions fall in [start, end). */
  start: Date;
  end: Date;
  /** Nothing happens after this moment (open trajectories stay open). */
  now: Date;
  regionCode: string;
  /** Organisation codes with their relative weight (a small one shows "< 5" on purpose). */
  organisations: ReadonlyArray<{ code: string; weight: number }>;
  /** CLB staff who refer (ids of Person rows). */
  referrerIds: readonly string[];
  targets?: ReadonlyArray<{ code: string; year: number; target: number }>;
  /**
   * Nothing left waiting for the dispatch (no SUBMITTED, no WAITING_LIST): the demo's history must
   * not show up in the dispatch channel's overview or ask anyone for a decision.
   */
  settled?: boolean;
}

const KINDS = [
  ['PUPIL', 0.72],
  ['GROUP', 0.1],
  ['CLASS', 0.12],
  ['SCHOOL', 0.06],
] as const;
const FORMS = ['A_STREAM', 'B_STREAM', 'DOORSTROOM', 'DUBBEL', 'ARBEIDSMARKT', 'ARBEIDSMARKT', 'DBSO', 'DBSO', 'BUSO', 'BUSO', 'OKAN', 'OTHER'];
const SUPPORT = ['INDIVIDUAL', 'GROUP_WORK', 'CLASS', 'CROSS_CLASS', 'SCHOOL_SUPPORT', 'RESTORATIVE_TALK', 'CLASS_MEDIATION', 'HERGO'];
const DECLINE = ['NO_PLACE', 'NO_PLACE', 'NO_PLACE', 'OTHER_HELP', 'OTHER_HELP', 'OUT_OF_SCOPE', 'NOT_ENOUGH_INFO', 'DUPLICATE', 'OTHER'] as const;
const INSTEAD = ['Doorverwezen naar CLB', 'Doorverwezen naar CLB', 'Time-out elders', 'Wachtlijst bij een andere partner', 'School zoekt zelf een oplossing', 'Doorverwezen naar het CAW', null, null];
const STOP = ['YOUNG_PERSON_STOPPED', 'YOUNG_PERSON_STOPPED', 'NO_CONTACT', 'MOVED_SCHOOL', 'SCHOOL_STOPPED', 'OTHER_HELP', 'OTHER'] as const;
const TRAJECTORY = { PUPIL: 'INDIVIDUAL', GROUP: 'GROUP', CLASS: 'CLASS', SCHOOL: 'SCHOOL' } as const;
const AGREE = ['yes', 'yes', 'yes', 'somewhat', 'no'];
const GOALS = ['yes', 'yes', 'somewhat', 'no', 'unsure'];
const RECOMMEND = ['yes', 'yes', 'yes', 'yes', 'maybe', 'no'];
const WHY = ['De begeleider luisterde echt.', 'Ik ga terug graag naar school.', 'Goede samenwerking met de klas.', ''];

export interface GeneratedCounts {
  referrals: number;
  events: number;
  invitations: number;
  responses: number;
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function generateReportData(prisma: DbClient, o: ReportDataOptions): Promise<GeneratedCounts> {
  const rnd = random(o.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const region = await prisma.region.findUniqueOrThrow({ where: { code: o.regionCode }, select: { id: true } });
  const orgs = await prisma.organisation.findMany({ where: { code: { in: o.organisations.map((x) => x.code) } }, select: { id: true, code: true } });
  const weighted = o.organisations.flatMap((x) => {
    const id = orgs.find((g) => g.code === x.code)?.id;
    return id ? [{ id, weight: x.weight }] : [];
  });
  const totalWeight = weighted.reduce((a, b) => a + b.weight, 0);
  const pickOrg = (): string => {
    let r = rnd() * totalWeight;
    for (const w of weighted) if ((r -= w.weight) <= 0) return w.id;
    return weighted[weighted.length - 1]?.id ?? '';
  };
  const pickKind = (): (typeof KINDS)[number][0] => {
    let r = rnd();
    for (const [k, p] of KINDS) if ((r -= p) <= 0) return k;
    return 'PUPIL';
  };
  const at = (base: number, minDays: number, maxDays: number): number => base + (minDays + rnd() * (maxDays - minDays)) * DAY;
  const now = o.now.getTime();
  const span = o.end.getTime() - o.start.getTime();
  const pupilPool = Math.max(1, Math.floor(o.referrals * 0.85));
  const referrals: Prisma.ReferralCreateManyInput[] = [];
  const events: Prisma.ReferralEventCreateManyInput[] = [];
  const invitations: Prisma.SurveyInvitationCreateManyInput[] = [];
  const responses: Prisma.SurveyResponseCreateManyInput[] = [];
  const answer = (variant: 'YOUNG_PERSON' | 'SCHOOL' | 'GROUP'): Record<string, string> =>
    variant === 'SCHOOL'
      ? { cooperation: pick(AGREE), effect: pick(AGREE), involved: pick(AGREE), score: String(3 + Math.floor(rnd() * 3)), recommend: pick(RECOMMEND), why: pick(WHY) }
      : { talk: pick(AGREE), helped: pick(AGREE), decide: pick(AGREE), ownGoals: pick(GOALS), score: String(2 + Math.floor(rnd() * 4)), recommend: pick(RECOMMEND), why: pick(WHY), better: rnd() < 0.2 ? 'Meer tijd voor gesprekken.' : '' };
  const addResponse = (orgId: string, variant: 'YOUNG_PERSON' | 'SCHOOL' | 'GROUP', type: string, closedAt: number) => {
    const submitted = Math.min(now, closedAt + rnd() * 10 * DAY);
    const entries = Object.entries(answer(variant)).filter(([, v]) => v !== '');
    responses.push({ organisationId: orgId, regionId: region.id, variant, trajectoryType: type, closingQuarter: quarterOfDate(new Date(closedAt)), questionSet: variant === 'SCHOOL' ? 'school-2026-1' : 'jongere-2026-1', language: 'nl', answers: Object.fromEntries(entries), submittedOn: new Date(new Date(submitted).toISOString().slice(0, 10)) });
  };

  for (let i = 0; i < o.referrals; i++) {
    const id = randomUUID();
    const kind = pickKind();
    let submitted = o.start.getTime() + rnd() * span;
    const weekday = new Date(submitted).getUTCDay();
    if (weekday === 0 || weekday === 6) submitted += (weekday === 6 ? 2 : 1) * DAY;
    if (submitted >= now) submitted = now - rnd() * 3 * DAY;
    const birthYear = new Date(submitted).getUTCFullYear() - (12 + Math.floor(rnd() * 8));
    const who: Record<string, string | number> = kind === 'SCHOOL' ? {} : { educationForm: pick(FORMS) };
    if (kind === 'PUPIL') who.birthYear = birthYear;
    const supportTypes = [...new Set([pick(SUPPORT), ...(rnd() < 0.3 ? [pick(SUPPORT)] : [])])];
    const row: Prisma.ReferralCreateManyInput = {
      id,
      reference: `${o.regionCode}-G${o.seed}-${i}`,
      regionId: region.id,
      referrerId: pick(o.referrerIds),
      subjectKind: kind,
      status: 'SUBMITTED',
      subjectKey: kind === 'PUPIL' ? `gen-${o.seed}-${Math.floor(rnd() * pupilPool)}` : null,
      answers: { steps: { who, support: { supportTypes } } },
      submittedAt: new Date(submitted),
    };
    let decision = at(submitted, 0, rnd() < 0.8 ? 3 : 12);
    if (o.settled && decision > now) decision = Math.max(submitted, now - DAY);
    if (decision > now) {
      referrals.push(row);
      continue;
    }
    const roll = rnd();
    if (roll < 0.03) {
      referrals.push({ ...row, status: 'WITHDRAWN', decidedAt: new Date(decision) });
      continue;
    }
    if (roll < 0.2) {
      referrals.push({ ...row, status: 'DECLINED', decidedAt: new Date(decision), declineReason: pick(DECLINE), declineInstead: pick(INSTEAD) });
      continue;
    }
    const org = pickOrg();
    let takeUp = decision;
    if (roll < 0.32) {
      events.push({ referralId: id, type: 'WAITING_LIST', createdAt: new Date(decision) });
      takeUp = at(decision, 5, 60);
      if (o.settled && takeUp > now) takeUp = Math.max(decision, now - DAY / 2);
      if (takeUp > now) {
        referrals.push({ ...row, status: 'WAITING_LIST', organisationId: org, decidedAt: new Date(decision) });
        continue;
      }
    }
    const taken = { ...row, organisationId: org, decidedAt: new Date(takeUp), status: 'TAKEN_UP' as const };
    const contact = at(takeUp, 1, 8);
    const intake = at(contact, 2, 12);
    const start = at(intake, 1, 10);
    if (contact > now) {
      referrals.push(taken);
      continue;
    }
    if (intake > now) {
      referrals.push({ ...taken, firstContactAt: new Date(contact) });
      continue;
    }
    if (start > now) {
      referrals.push({ ...taken, status: 'INTAKE', firstContactAt: new Date(contact), intakeAt: new Date(intake) });
      continue;
    }
    const close = at(start, 14, kind === 'PUPIL' ? 200 : 90);
    let last = start;
    for (let e = at(start, 45, 75); e < Math.min(close, now); e = at(e, 45, 75)) {
      events.push({ referralId: id, type: 'EVALUATED', createdAt: new Date(e) });
      last = e;
    }
    const running = { ...taken, status: 'RUNNING' as const, firstContactAt: new Date(contact), intakeAt: new Date(intake), startedAt: new Date(start), ...(last > start ? { lastEvaluationAt: new Date(last) } : {}) };
    if (close > now) {
      referrals.push(running);
      continue;
    }
    const stopped = rnd() < 0.12;
    referrals.push({ ...running, status: stopped ? 'STOPPED_EARLY' : 'CLOSED', closedAt: new Date(close), ...(stopped ? { stopReason: pick(STOP) } : {}), goalAttainment: stopped ? 1 + Math.floor(rnd() * 2) : 2 + Math.floor(rnd() * 3) });
    const variant = kind === 'PUPIL' ? 'YOUNG_PERSON' : kind === 'SCHOOL' ? 'SCHOOL' : 'GROUP';
    const maxUses = variant === 'GROUP' ? 6 + Math.floor(rnd() * 20) : 1;
    const type = TRAJECTORY[kind];
    let uses = 0;
    for (let u = 0; u < maxUses; u++) if (rnd() < 0.45) uses++;
    invitations.push({ referralId: id, variant, organisationId: org, regionId: region.id, trajectoryType: type, closingMonth: new Date(close).toISOString().slice(0, 7), maxUses, uses, createdAt: new Date(close), expiresAt: new Date(close + 30 * DAY) });
    for (let u = 0; u < uses; u++) addResponse(org, variant, type, close);
  }
  for (let i = 0; i < (o.extraResponses ?? 0); i++) {
    const closed = o.start.getTime() + rnd() * Math.min(span, now - o.start.getTime());
    const variant = rnd() < 0.7 ? 'YOUNG_PERSON' : rnd() < 0.5 ? 'GROUP' : 'SCHOOL';
    addResponse(pickOrg(), variant, variant === 'SCHOOL' ? 'SCHOOL' : variant === 'GROUP' ? 'GROUP' : 'INDIVIDUAL', closed);
  }
  await insertChunks(referrals, (chunk) => prisma.referral.createMany({ data: chunk }));
  await insertChunks(events, (chunk) => prisma.referralEvent.createMany({ data: chunk }));
  await insertChunks(invitations, (chunk) => prisma.surveyInvitation.createMany({ data: chunk }));
  await insertChunks(responses, (chunk) => prisma.surveyResponse.createMany({ data: chunk }));
  for (const t of o.targets ?? []) {
    const orgId = orgs.find((g) => g.code === t.code)?.id;
    if (orgId) await prisma.organisationTarget.upsert({ where: { organisationId_year: { organisationId: orgId, year: t.year } }, create: { organisationId: orgId, year: t.year, target: t.target }, update: { target: t.target } });
  }
  return { referrals: referrals.length, events: events.length, invitations: invitations.length, responses: responses.length };
}

/** The quarter a trajectory closed, as a survey answer keeps it ("2026-Q2"). */
function quarterOfDate(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}
