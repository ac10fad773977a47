// The closed-trajectory fixture itself: every kind gives the invitations its survey plan asks for,
// each with a working token (the survey tests and the bench build on it).
import { describe, expect, it } from 'vitest';
import { hashToken } from '../survey/tokens.ts';
import { closedTrajectory } from './support/closedTrajectory.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';

describe.each(DATABASE_KINDS)('a closed trajectory on %s', (kind) => {
  const fixture = useSeededDatabase(kind);

  it('asks the young person and the school for a pupil, one shared code of the group size for a group, only the school for a school', async () => {
    const prisma = fixture.db.prisma;
    const pupil = await closedTrajectory(prisma, { kind: 'PUPIL' });
    expect(Object.keys(pupil.tokens).filter((v) => pupil.tokens[v as keyof typeof pupil.tokens])).toEqual(['YOUNG_PERSON', 'SCHOOL']);
    const group = await closedTrajectory(prisma, { kind: 'GROUP', pupils: 3 });
    const groupInvitation = await prisma.surveyInvitation.findUniqueOrThrow({ where: { id: group.invitationIds.GROUP ?? '' } });
    expect(groupInvitation.maxUses).toBe(3);
    const school = await closedTrajectory(prisma, { kind: 'SCHOOL' });
    expect(school.tokens.SCHOOL).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(school.tokens.YOUNG_PERSON).toBeUndefined();
    const stored = await prisma.surveyToken.findUniqueOrThrow({ where: { tokenHash: hashToken(pupil.tokens.YOUNG_PERSON ?? '') } });
    expect(stored.invitationId).toBe(pupil.invitationIds.YOUNG_PERSON);
    const referral = await prisma.referral.findUniqueOrThrow({ where: { id: pupil.referralId } });
    expect(referral.status).toBe('CLOSED');
  });
});
