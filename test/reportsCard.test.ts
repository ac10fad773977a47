// `rapport [periode]`: the command is parsed with its period, the card shows the key figures as
// the hiding module shows them, is a valid Adaptive Card 1.5 and links to /rapport with the filter.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../cards/commands.ts';
import { reportCard } from '../cards/reports/reportCard.ts';
import { reportCommand } from '../dialogs/reports/reportCommand.ts';
import { countCell, percentCell, statCell } from '../reports/privacy.ts';
import { DATABASE_KINDS } from './support/databases.ts';
import { useSeededDatabase } from './support/seededDatabase.ts';
import { adaptiveCardProblems } from './support/adaptiveCard15.ts';
import { demoPeople } from '../db/demo.ts';

const t = { minCount: 5, minN: 10 };

describe('the rapport card', () => {
  it('parses "rapport", "rapport 2026" and "Rapport 2026-03"', () => {
    expect(parseCommand('rapport')).toMatchObject({ command: { id: 'report' }, argument: '' });
    expect(parseCommand('rapport 2026')).toMatchObject({ command: { id: 'report' }, argument: '2026' });
    expect(parseCommand('Rapport 2026-03')).toMatchObject({ command: { id: 'report' }, argument: '2026-03' });
  });

  it('shows hidden cells as hidden, never their number', () => {
    const key = { referrals: countCell(3, t), decisionWorkdaysMedian: statCell(1, 9, 'workdays', t), decidedWithinTwo: percentCell(8, 12, t), startDaysMedian: statCell(16, 12, 'days', t), declined: countCell(0, t), responseRate: percentCell(1, 4, t) };
    const c = reportCard({ description: '1 jan. 2026 – 31 dec. 2026', scopeNote: 'Cijfers van aPart.', snapshotLabel: '07/12/2026', key, tabUrl: 'https://naft.example.be/rapport?van=2026-01-01&tot=2026-12-31' });
    expect(adaptiveCardProblems(c)).toEqual([]);
    const text = JSON.stringify(c);
    expect(text).toContain('< 5');
    expect(text).toContain('n < 10');
    expect(text).toContain('67%');
    expect(text).toContain('16 dagen');
    expect(text).toContain('https://naft.example.be/rapport?van=2026-01-01&tot=2026-12-31');
  });
});

describe.each(DATABASE_KINDS)('rapport command on %s', (kind) => {
  const fixture = useSeededDatabase(kind);
  const coordinator = demoPeople.find((p) => p.role === 'COORDINATOR');
  const turn = (aadObjectId: string | undefined) => ({ aadObjectId, name: 'x', personal: true, replyToId: undefined });

  it('answers a coordinator with the card and a link carrying the period', async () => {
    const effects = await reportCommand(fixture.db.prisma, { privacy: t, baseUrl: 'https://naft.example.be/' }, turn(coordinator?.aadObjectId), '2026-03', new Date('2026-12-07T12:00:00Z'));
    const text = JSON.stringify(effects);
    expect(text).toContain('Kerncijfers');
    expect(text).toContain('https://naft.example.be/rapport?van=2026-03-01&tot=2026-03-31');
  });

  it('explains a period it does not understand, and refuses strangers', async () => {
    expect(JSON.stringify(await reportCommand(fixture.db.prisma, { privacy: t }, turn(coordinator?.aadObjectId), 'vorige week'))).toContain('Die periode begrijp ik niet');
    expect(JSON.stringify(await reportCommand(fixture.db.prisma, { privacy: t }, turn('nobody'), ''))).toContain('We kennen je niet');
  });
});
