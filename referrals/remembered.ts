// What does not change between referrals, offered again so nobody types it twice: the referrer's
// own way to be reached, and a school's contact person (as the same CLB gave it last time).
import type { DbClient } from '../db/open.ts';
import { ZReferralAnswers } from './answers.ts';
import { normalizeKey } from './subject.ts';
import type { RawInputs } from './validate.ts';

const SCHOOL_CONTACT = ['schoolContactName', 'schoolContactRole', 'schoolContactReach'] as const;
const REFERRER_CONTACT = ['referrerReach', 'referrerPhone', 'referrerEmail'] as const;
/** How far back to look: enough for a year of one CLB's referrals to the schools it serves. */
const LOOK_BACK = 200;

const schoolKey = normalizeKey;

export interface RememberedContact {
  values: RawInputs;
  /** The school whose contact person is offered, to say so on the card. */
  school?: string;
}

export async function rememberedContact(prisma: DbClient, referrerId: string, schoolName: string): Promise<RememberedContact> {
  const me = await prisma.person.findUnique({ where: { id: referrerId }, select: { clbId: true } });
  const rows = await prisma.referral.findMany({
    where: { NOT: { status: 'DRAFT' }, OR: [{ referrerId }, ...(me?.clbId ? [{ referrer: { clbId: me.clbId } }] : [])] },
    orderBy: { submittedAt: 'desc' },
    take: LOOK_BACK,
    select: { referrerId: true, answers: true },
  });
  const values: RawInputs = {};
  const wanted = schoolKey(schoolName);
  let school: string | undefined;
  const mine = rows.find((r) => r.referrerId === referrerId);
  const myContact = mine ? ZReferralAnswers.safeParse(mine.answers).data?.steps.contact : undefined;
  for (const id of REFERRER_CONTACT) if (myContact?.[id] !== undefined) values[id] = String(myContact[id]);
  for (const row of rows) {
    const steps = ZReferralAnswers.safeParse(row.answers).data?.steps;
    if (!steps?.contact || schoolKey(steps.who?.schoolName) !== wanted) continue;
    for (const id of SCHOOL_CONTACT) if (steps.contact[id] !== undefined) values[id] = String(steps.contact[id]);
    school = String(steps.who?.schoolName ?? schoolName);
    break;
  }
  return { values, ...(school ? { school } : {}) };
}
