// Who may decide in a plenary session: names typed by hand match after trimming, collapsing spaces and case; the
// delegation log's latest event per person wins, whatever order the rows come in.
import { describe, expect, it } from 'vitest';
import { activeDelegates, decisionRole, nonEmpty, samePerson, type DelegationEvent } from './authority';

describe('samePerson', () => {
  it('matches names differing only in surrounding or repeated spaces and in case', () => {
    expect(samePerson('Siti Aminah', 'Siti Aminah')).toBe(true);
    expect(samePerson('  siti   AMINAH ', 'Siti Aminah')).toBe(true);
    expect(samePerson('Siti\tAminah', 'siti aminah')).toBe(true);
  });

  it('does not match different names, nor a name with its spaces removed', () => {
    expect(samePerson('Siti Aminah', 'Siti Aminah S')).toBe(false);
    expect(samePerson('SitiAminah', 'Siti Aminah')).toBe(false);
    expect(samePerson('Budi', 'Budi Santoso')).toBe(false);
  });

  it('never matches an empty or blank name, not even another blank one', () => {
    expect(samePerson('', '')).toBe(false);
    expect(samePerson('   ', ' ')).toBe(false);
    expect(samePerson('', 'Budi')).toBe(false);
    expect(samePerson('Budi', '')).toBe(false);
  });
});

describe('decisionRole', () => {
  const session = { ketua: 'H. Rahmat', delegates: ['Siti Aminah', 'Budi Santoso'] };

  it('names the ketua, then a delegate, and refuses anyone else', () => {
    expect(decisionRole(' h. rahmat ', session)).toBe('ketua');
    expect(decisionRole('SITI AMINAH', session)).toBe('delegate');
    expect(decisionRole('Budi Santoso', session)).toBe('delegate');
    expect(decisionRole('Budi', session)).toBeNull();
    expect(decisionRole('', session)).toBeNull();
  });

  it('the ketua stays ketua when also listed as a delegate; nobody decides in a session without delegates but the ketua', () => {
    expect(decisionRole('H. Rahmat', { ketua: 'H. Rahmat', delegates: ['h. rahmat'] })).toBe('ketua');
    expect(decisionRole('Siti Aminah', { ketua: 'H. Rahmat', delegates: [] })).toBeNull();
    expect(decisionRole('', { ketua: '', delegates: [''] })).toBeNull();
  });
});

describe('activeDelegates', () => {
  const ev = (id: number, delegate: string, action: DelegationEvent['action']): DelegationEvent => ({
    id,
    delegate,
    action,
  });

  it('keeps a grant, drops a grant revoked later, and restores one granted again', () => {
    expect(activeDelegates([])).toEqual([]);
    expect(activeDelegates([ev(1, 'Siti', 'grant')])).toEqual(['Siti']);
    expect(activeDelegates([ev(1, 'Siti', 'grant'), ev(2, 'Siti', 'revoke')])).toEqual([]);
    expect(activeDelegates([ev(1, 'Siti', 'grant'), ev(2, 'Siti', 'revoke'), ev(3, 'Siti', 'grant')])).toEqual([
      'Siti',
    ]);
  });

  it('orders by id, not by the order the rows arrive in', () => {
    expect(activeDelegates([ev(2, 'Siti', 'revoke'), ev(1, 'Siti', 'grant')])).toEqual([]);
    expect(activeDelegates([ev(5, 'Siti', 'grant'), ev(3, 'Siti', 'revoke')])).toEqual(['Siti']);
    expect(activeDelegates([ev(10, 'Siti', 'grant'), ev(9, 'Siti', 'revoke'), ev(2, 'Siti', 'grant')])).toEqual([
      'Siti',
    ]);
  });

  it('treats differently typed forms of one name as one person, and lists the name as last written', () => {
    expect(activeDelegates([ev(1, 'Siti Aminah', 'grant'), ev(2, ' siti  aminah', 'revoke')])).toEqual([]);
    expect(activeDelegates([ev(1, 'siti aminah', 'grant'), ev(2, 'Siti Aminah', 'grant')])).toEqual(['Siti Aminah']);
  });

  it('keeps each person separately, listed in the order they first appear', () => {
    const events = [ev(1, 'Budi', 'grant'), ev(2, 'Siti', 'grant'), ev(3, 'Ani', 'grant'), ev(4, 'Siti', 'revoke')];
    expect(activeDelegates(events)).toEqual(['Budi', 'Ani']);
    expect(activeDelegates([...events].reverse())).toEqual(['Budi', 'Ani']);
  });

  it('does not change the events it is given', () => {
    const events = [ev(2, 'Siti', 'revoke'), ev(1, 'Siti', 'grant')];
    activeDelegates(events);
    expect(events.map((e) => e.id)).toEqual([2, 1]);
  });
});

describe('nonEmpty', () => {
  it('trims text and gives null for nothing, blank or missing text', () => {
    expect(nonEmpty('  alasan  ')).toBe('alasan');
    expect(nonEmpty('a b')).toBe('a b');
    expect(nonEmpty('')).toBeNull();
    expect(nonEmpty(' \n\t ')).toBeNull();
    expect(nonEmpty(null)).toBeNull();
    expect(nonEmpty(undefined)).toBeNull();
  });
});
