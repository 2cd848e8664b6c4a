// The event table covers the contract: every method is a command (with the events it causes), a read some event
// makes stale, or named as untracked with a reason; no command is cached as a read.
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../shared/contracts/api';
import { COMMAND_EVENTS, EVENT_INVALIDATES, UNTRACKED_METHODS, staleMethods } from './invalidation';

const invalidated = new Set<MethodName>(Object.values(EVENT_INVALIDATES).flatMap((v) => (v === 'all' ? [] : [...v])));

describe('invalidation table', () => {
  it('places every contract method in exactly one of: command, event-refreshed read, untracked', () => {
    const misplaced = METHOD_NAMES.filter((m) => {
      const places = [m in COMMAND_EVENTS, invalidated.has(m), m in UNTRACKED_METHODS].filter(Boolean).length;
      return places !== 1;
    });
    expect(misplaced, 'classify these in renderer/api/invalidation.ts').toEqual([]);
  });

  it('names only methods the contract has', () => {
    const known = new Set<string>(METHOD_NAMES);
    const named = [...invalidated, ...Object.keys(COMMAND_EVENTS), ...Object.keys(UNTRACKED_METHODS)];
    expect(named.filter((m) => !known.has(m))).toEqual([]);
  });

  it('merges a burst of event types into one set, and a data master change into everything', () => {
    const stale = staleMethods(['results-changed', 'results-changed', 'focus-changed']);
    expect(stale).not.toBe('all');
    expect([...(stale as Set<MethodName>)]).toEqual(
      expect.arrayContaining(['plenary.dashboard', 'plenary.tps', 'plenary.projector', 'plenary.focus', 'audit.list']),
    );
    expect((stale as Set<MethodName>).has('documents.list')).toBe(false);
    expect(staleMethods(['lan-changed', 'kecamatan-changed'])).toBe('all');
    expect(staleMethods(['import-progress'])).toEqual(new Set());
  });
});
