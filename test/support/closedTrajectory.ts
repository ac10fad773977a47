// A trajectory that was referred, taken up, started and closed through the domain (as the
// conversation and the dispatch would do it), with a fresh survey token for every invitation
// that the afronding created. For the survey tests and the survey bench.
import { closeTrajectory } from '../../dispatch/close.ts';
import type { SurveyVariant } from '../../dispatch/close.ts';
import { recordStep, takeUp } from '../../dispatch/decide.ts';
import type { DbClient } from '../../db/open.ts';
import type { SubjectKind } from '../../referrals/fields.ts';
import { submitReferral } from '../../referrals/submit.ts';
import { mintToken } from '../../survey/tokens.ts';
import { completeDraft } from './seededDatabase.ts';

export interface ClosedTrajectoryOptions {
  kind?: SubjectKind;
  /** For a group or class: how many pupils may answer with the shared code. */
  pupils?: number;
  /** When the trajectory closed (the invitations expire surveyDays later). */
  now?: Date;
  surveyDays?: number;
}

export interface ClosedTrajectory {
  referralId: string;
  /** One token per variant that this kind of trajectory is asked (undefined for the others). */
  tokens: Record<SurveyVariant, string | undefined>;
  invitationIds: Record<SurveyVariant, string | undefined>;
  organisationId: string;
  regionId: string;
}

const DAY = 86_400_000;

export async function closedTrajectory(prisma: DbClient, options: ClosedTrajectoryOptions = {}): Promise<ClosedTrajectory> {
  const kind = options.kind ?? 'PUPIL';
  const closedAt = options.now ?? new Date();
  const referrer = await prisma.person.findFirstOrThrow({ where: { role: 'CLB_STAFF' }, orderBy: { name: 'asc' } });
  const draft = await completeDraft(prisma, referrer.id, kind);
  // The referral's life is placed in the weeks before the closing, in order.
  const at = (daysBefore: number) => new Date(closedAt.getTime() - daysBefore * DAY);
  const submitted = await submitReferral(prisma, { referrerId: referrer.id, draftId: draft.id, revision: draft.revision, now: at(60) });
  if (!submitted.ok) throw new Error(`submit: ${submitted.reason}`);
  const referralId = submitted.referralId;

  const lotte = await prisma.person.findFirstOrThrow({ where: { name: 'Lotte Vermeulen' }, include: { memberships: true } });
  const organisationId = lotte.memberships[0]?.organisationId;
  if (!organisationId) throw new Error('Lotte Vermeulen has no organisation in the seed');
  const rev = async () => (await prisma.referral.findUniqueOrThrow({ where: { id: referralId } })).revision;
  const must = (step: string, outcome: { ok: boolean }) => {
    if (!outcome.ok) throw new Error(`${step}: ${JSON.stringify(outcome)}`);
  };
  must('take up', await takeUp(prisma, { referralId, rev: await rev(), actorId: lotte.id, organisationId, begeleiderId: lotte.id, now: at(50) }));
  must('intake', await recordStep(prisma, { referralId, actorId: lotte.id, step: 'INTAKE', now: at(45) }));
  must('start', await recordStep(prisma, { referralId, actorId: lotte.id, step: 'START', now: at(40) }));
  must(
    'close',
    await closeTrajectory(prisma, {
      referralId,
      actorId: lotte.id,
      ending: 'CLOSE',
      goalAttainment: 3,
      outcome: 'Gaat terug elke dag naar school.',
      ...(options.pupils !== undefined ? { pupils: options.pupils } : {}),
      surveyDays: options.surveyDays ?? 30,
      now: closedAt,
    }),
  );

  const invitations = await prisma.surveyInvitation.findMany({ where: { referralId }, select: { id: true, variant: true, regionId: true } });
  const tokens: Record<SurveyVariant, string | undefined> = { YOUNG_PERSON: undefined, GROUP: undefined, SCHOOL: undefined };
  const invitationIds: Record<SurveyVariant, string | undefined> = { YOUNG_PERSON: undefined, GROUP: undefined, SCHOOL: undefined };
  for (const invitation of invitations) {
    tokens[invitation.variant] = await mintToken(prisma, invitation.id);
    invitationIds[invitation.variant] = invitation.id;
  }
  return { referralId, tokens, invitationIds, organisationId, regionId: invitations[0]?.regionId ?? '' };
}
