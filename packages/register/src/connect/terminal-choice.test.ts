import { describe, expect, it } from 'vitest';
import type { TerminalChoice } from '../net/server-api.js';
import {
  choiceState,
  describeChoices,
  describeTerminal,
  findTerminal,
  formatSwedishDateTime,
  isSelectable,
} from './terminal-choice.js';

const terminal = (overrides: Partial<TerminalChoice>): TerminalChoice => ({
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Kassa 1',
  registerId: 'K1',
  placeOfBusinessName: 'Butiken',
  active: true,
  binding: null,
  ...overrides,
});

const free = terminal({});
const mine = terminal({
  id: '22222222-2222-4222-8222-222222222222',
  registerId: 'K2',
  name: 'Bar',
  binding: { pcName: 'KASSA-PC-1', boundAt: '2026-11-01T09:00:00Z' },
});
const other = terminal({
  id: '33333333-3333-4333-8333-333333333333',
  registerId: 'K3',
  name: 'Uteservering',
  binding: { pcName: 'GAMLA-PC', boundAt: '2026-06-01T07:30:00Z' },
});
const inactive = terminal({
  id: '44444444-4444-4444-8444-444444444444',
  registerId: 'K4',
  active: false,
});

describe('terminal choice', () => {
  it("lets unbound terminals and this PC's own be chosen", () => {
    expect(choiceState(free, 'kassa-pc-1')).toBe('free');
    expect(choiceState(mine, 'kassa-pc-1')).toBe('this-pc');
    expect(choiceState(other, 'kassa-pc-1')).toBe('bound-elsewhere');
    expect(choiceState(inactive, 'kassa-pc-1')).toBe('inactive');
    expect([free, mine, other, inactive].filter((t) => isSelectable(t, 'KASSA-PC-1'))).toEqual([
      free,
      mine,
    ]);
  });

  it('shows bound terminals with their PC and since when (Swedish time)', () => {
    expect(describeTerminal(other, 'KASSA-PC-1')).toBe(
      'K3 – Uteservering (Butiken): kopplad till datorn GAMLA-PC sedan 2026-06-01 09:30 – kan inte väljas',
    );
    expect(describeTerminal(free, 'x')).toContain('inte ansluten till någon hårdvara');
    expect(describeTerminal(inactive, 'x')).toContain('inaktiverad');
    expect(formatSwedishDateTime('2026-01-15T12:00:00Z')).toBe('2026-01-15 13:00');
    expect(formatSwedishDateTime('nonsense')).toBe('nonsense');
  });

  it('lists the choosable terminals for messages', () => {
    expect(describeChoices([free, mine, other, inactive], 'KASSA-PC-1')).toBe(
      'K1 (Kassa 1), K2 (Bar)',
    );
    expect(describeChoices([other], 'KASSA-PC-1')).toBe('(inga)');
  });

  it('finds a terminal by id or kassabeteckning', () => {
    expect(findTerminal([free, mine], 'k2')).toBe(mine);
    expect(findTerminal([free, mine], free.id.toUpperCase())).toBe(free);
    expect(findTerminal([free, mine], 'K9')).toBeNull();
  });
});
