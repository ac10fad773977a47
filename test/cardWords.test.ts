// What partners type and read in few words: the expected start of a waiting-list place (a week
// or a month, never a day, from this month to two years ahead), "capaciteit …", and yes/no after
// a label.
import { describe, expect, it } from 'vitest';
import { expectedStartChoices, expectedStartPhrase, firstDay, parseExpectedStart } from '../dispatch/expectedStart.ts';

const now = new Date('2026-12-09T10:00:00Z'); // a Wednesday

describe('expected start', () => {
  it('offers the next two weeks from their Monday and this month with the five after it', () => {
    const choices = expectedStartChoices(now);
    expect(choices.map((c) => c.value)).toEqual(['week:2026-12-14', 'week:2026-12-21', 'month:2026-12', 'month:2027-01', 'month:2027-02', 'month:2027-03', 'month:2027-04', 'month:2027-05']);
    expect(choices[0]?.title).toBe('Volgende week (vanaf maandag 14/12/2026)');
    expect(choices[2]?.title).toBe('Nog deze maand (december 2026)');
    expect(choices[3]?.title).toBe('januari 2027');
    // On a Monday "volgende week" is the Monday after, not today.
    expect(expectedStartChoices(new Date('2026-12-14T08:00:00Z'))[0]?.value).toBe('week:2026-12-21');
  });

  it('accepts every offered choice and refuses a day, a Tuesday, the past and the far future', () => {
    for (const c of expectedStartChoices(now)) expect(parseExpectedStart(c.value, now), c.value).not.toBeNull();
    expect(parseExpectedStart('2026-12-20', now)).toBeNull();
    expect(parseExpectedStart('week:2026-12-15', now)).toBeNull();
    expect(parseExpectedStart('week:2026-02-30', now)).toBeNull();
    expect(parseExpectedStart('month:2026-11', now)).toBeNull();
    expect(parseExpectedStart('month:2029-01', now)).toBeNull();
    expect(parseExpectedStart('month:2026-13', now)).toBeNull();
    expect(firstDay({ kind: 'month', month: '2027-01' }).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('says it in words, also for the plain days of older decisions', () => {
    expect(expectedStartPhrase('week:2026-12-14')).toBe('in de week van 14/12/2026');
    expect(expectedStartPhrase('month:2027-01')).toBe('in januari 2027');
    expect(expectedStartPhrase('2026-04-20')).toBe('rond 20/04/2026');
    expect(expectedStartPhrase('morgen')).toBeUndefined();
  });
});

describe('capaciteit', () => {
  it('reads places, full (until a day) and unknown, with an organisation in front when typed', async () => {
    const { parseCapacity } = await import('../dispatch/capacity.ts');
    const now = new Date('2026-12-09T10:00:00Z');
    expect(parseCapacity('3', now)).toEqual({ value: { kind: 'free', places: 3 } });
    expect(parseCapacity('LEJO 2 plaatsen vrij', now)).toEqual({ organisation: 'LEJO', value: { kind: 'free', places: 2 } });
    expect(parseCapacity('Groep INTRO vol tot 5/1/2027', now)).toEqual({ organisation: 'Groep INTRO', value: { kind: 'full', until: '2027-01-05' } });
    expect(parseCapacity('vol tot 2027-01-05', now)).toEqual({ value: { kind: 'full', until: '2027-01-05' } });
    expect(parseCapacity('vol', now)).toEqual({ value: { kind: 'full' } });
    expect(parseCapacity('onbekend', now)).toEqual({ value: { kind: 'unknown' } });
    expect(parseCapacity('vol tot 01/12/2026', now)).toMatchObject({ error: expect.stringMatching(/^Die datum is al voorbij\./) });
    expect(parseCapacity('veel', now)).toMatchObject({ error: expect.stringMatching(/^Dat begrijp ik niet\./) });
  });
});

describe('yes and no after a label', () => {
  it('reads "ja", "gedeeltelijk", "nee" for a choice as for a toggle; other choices keep their capital', async () => {
    const { displayValue } = await import('../cards/referral/format.ts');
    const { YES_PARTLY_NO } = await import('../referrals/fields.ts');
    const choice = { id: 'x', type: 'choice', label: 'X', options: YES_PARTLY_NO } as unknown as Parameters<typeof displayValue>[0];
    expect(['YES', 'PARTLY', 'NO'].map((v) => displayValue(choice, v, []))).toEqual(['ja', 'gedeeltelijk', 'nee']);
    expect(displayValue({ id: 't', type: 'toggle', label: 'T' } as unknown as Parameters<typeof displayValue>[0], true, [])).toBe('ja');
    const other = { ...choice, options: [{ value: 'A', title: 'Arbeidsmarktfinaliteit' }] } as Parameters<typeof displayValue>[0];
    expect(displayValue(other, 'A', [])).toBe('Arbeidsmarktfinaliteit');
  });
});
