import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@kassa/contracts';
import { createTranslator } from '../../i18n/translate';
import { actionLabel, actorLabel, detailLines, targetLabel, type AuditLookups } from './auditText';

const sv = createTranslator('sv');
const en = createTranslator('en');
const terminalId = '11111111-2222-4333-8444-555555555555';
const placeId = '99999999-2222-4333-8444-555555555555';

const lookups: AuditLookups = {
  userName: (id) => (id === 'u1' ? 'admin' : undefined),
  terminalName: (id) => (id === terminalId ? 'Kassa 1' : undefined),
  placeName: (id) => (id === placeId ? 'Storgatan' : undefined),
};

function entry(partial: Partial<AuditEntry>): AuditEntry {
  return {
    id: 'e1',
    at: '2026-11-25T06:31:55.692Z',
    actor: 'admin',
    action: 'x',
    targetType: 'user',
    targetId: null,
    details: {},
    address: '127.0.0.1',
    ...partial,
  };
}

describe('actionLabel / actorLabel', () => {
  it('names known actions and keeps unknown codes', () => {
    expect(actionLabel(sv, 'terminal.created')).toBe('Terminal skapad');
    expect(actionLabel(en, 'terminal.created')).toBe('Terminal created');
    expect(actionLabel(sv, 'something.new')).toBe('something.new');
  });

  it('names the system and the operator', () => {
    expect(actorLabel(sv, 'system')).toBe('Systemet');
    expect(actorLabel(sv, 'kim')).toBe('kim');
  });
});

describe('targetLabel', () => {
  it('describes users, terminals and the rest', () => {
    expect(targetLabel(sv, entry({ details: { username: 'kim' } }), lookups)).toBe('Användare kim');
    expect(
      targetLabel(
        sv,
        entry({ targetType: 'terminal', targetId: terminalId, details: { registerId: 'K1' } }),
        lookups,
      ),
    ).toBe('Terminal Kassa 1 (K1)');
    expect(
      targetLabel(
        sv,
        entry({ targetType: 'terminal', targetId: 'ffffffff-2222-4333-8444-555555555555' }),
        lookups,
      ),
    ).toBe('Terminal ffffffff');
    expect(targetLabel(sv, entry({ action: 'auth.signed-in', targetId: 'u1' }), lookups)).toBe(
      'Användare admin',
    );
    expect(targetLabel(sv, entry({ targetType: 'licence' }), lookups)).toBe('Licensen');
    expect(targetLabel(sv, entry({ targetType: 'gadget', targetId: 'g1' }), lookups)).toBe(
      'gadget g1',
    );
  });
});

describe('detailLines', () => {
  it('shows field changes with readable values', () => {
    const lines = detailLines(
      sv,
      entry({
        action: 'user.updated',
        details: { username: 'kim', changes: { role: { from: 'cashier', to: 'manager' } } },
      }),
      lookups,
    );
    expect(lines).toEqual(['Roll: Kassör → Butikschef']);
  });

  it('compares from/to records and lists terminals by name', () => {
    expect(
      detailLines(
        sv,
        entry({
          action: 'terminal.registration-changed',
          targetType: 'terminal',
          details: {
            registerId: 'K1',
            from: { status: 'unregistered', controlUnitSerial: null, registeredOn: null },
            to: { status: 'registered', controlUnitSerial: 'CU-1', registeredOn: null },
          },
        }),
        lookups,
      ),
    ).toEqual(['Registreringsstatus: Ej registrerad → Registrerad', 'Kontrollenhet: – → CU-1']);
    expect(
      detailLines(
        en,
        entry({
          action: 'user.terminals-set',
          details: { username: 'kim', from: [], to: [terminalId] },
        }),
        lookups,
      ),
    ).toEqual(['Terminals: none → Kassa 1']);
  });

  it('lists plain details and places by name', () => {
    expect(
      detailLines(
        sv,
        entry({
          action: 'terminal.updated',
          targetType: 'terminal',
          details: {
            registerId: 'K1',
            changes: {
              placeOfBusinessId: { from: 'x', to: placeId },
              active: { from: true, to: false },
            },
          },
        }),
        lookups,
      ),
    ).toEqual(['Försäljningsställe: x → Storgatan', 'Aktiv: Ja → Nej']);
    expect(
      detailLines(sv, entry({ targetType: 'environment', details: { slug: 'demo' } }), lookups),
    ).toEqual(['Miljö-id: demo']);
    expect(
      detailLines(
        sv,
        entry({
          action: 'licence.changed',
          targetType: 'licence',
          details: {
            from: { terminals: 1, modules: ['products'] },
            to: { terminals: 2, modules: ['products', 'reports'] },
          },
        }),
        lookups,
      ),
    ).toEqual(['Terminaler: 1 → 2', 'Moduler: Produkter → Produkter, Försäljning och rapporter']);
  });

  it('describes a removed hardware binding with the old PC, its backlog and the reason', () => {
    const removed = entry({
      action: 'terminal.binding-removed',
      targetType: 'terminal',
      targetId: terminalId,
      details: {
        registerId: 'K1',
        pcName: 'KASSA-PC-1',
        boundAt: '2026-11-20T08:00:00.000Z',
        lastContactAt: '2026-11-25T06:31:55.692Z',
        unsyncedEntries: 3,
        reason: 'Hårddiskkrasch',
      },
    });
    expect(actionLabel(sv, removed.action)).toBe('Koppling mot hårdvara borttagen');
    expect(actionLabel(en, removed.action)).toBe('Hardware binding removed');
    expect(detailLines(sv, removed, lookups)).toEqual([
      'Dator: KASSA-PC-1',
      'Kopplad sedan: 2026-11-20 09:00',
      'Senaste kontakt: 2026-11-25 07:31',
      'Ej uppladdade poster: 3',
      'Skäl: Hårddiskkrasch',
    ]);
    expect(
      detailLines(
        sv,
        entry({ ...removed, details: { ...removed.details, lastContactAt: null } }),
        lookups,
      ),
    ).toContain('Senaste kontakt: –');
  });

  it('names the connection method and the code expiry', () => {
    expect(actionLabel(sv, 'terminal.bound')).toBe('Terminal ansluten till dator');
    expect(actionLabel(sv, 'terminal.installer-downloaded')).toBe('Installationsprogram nedladdat');
    expect(
      detailLines(
        sv,
        entry({
          action: 'terminal.bound',
          targetType: 'terminal',
          details: {
            registerId: 'K1',
            pcName: 'PC-2',
            fingerprint: 'abc123',
            method: 'pairing-code',
          },
        }),
        lookups,
      ),
    ).toEqual(['Dator: PC-2', 'Fingeravtryck: abc123', 'Sätt: Parkopplingskod']);
    expect(
      detailLines(
        en,
        entry({
          action: 'terminal.installer-downloaded',
          targetType: 'terminal',
          details: { registerId: 'K1', pairingCodeExpiresAt: '2026-11-26T06:31:00.000Z' },
        }),
        lookups,
      ),
    ).toEqual(['Code valid until: 2026-11-26 07:31']);
  });
});
