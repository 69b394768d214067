import type { RegisterFile } from '@kassa/contracts';
import { describe, expect, it } from 'vitest';
import { archiveFolderName, decideFolderUse, defaultDataFolder } from './folder-rules.js';

const register: RegisterFile = {
  formatVersion: 1,
  url: 'https://kafe.kassa.se',
  environment: { slug: 'kafe', companyName: 'Kaféet AB' },
  terminal: {
    id: '7b6f4c1e-8a51-4a44-9a0e-0a4f5e1c2d3b',
    name: 'Kassa 1',
    registerId: 'K1',
    serialNumber: 'KSE-0001',
  },
  bindingId: 'b',
  fingerprint: 'f',
  pcName: 'KASSA-PC-1',
  connectedAt: '2026-11-25T09:00:00.000Z',
};

describe('defaultDataFolder', () => {
  it('uses KASSA_HOME when set', () => {
    expect(defaultDataFolder({ KASSA_HOME: '/srv/kassa' }, 'linux', '/home/a')).toBe('/srv/kassa');
    expect(defaultDataFolder({ KASSA_HOME: 'D:\\Kassa' }, 'win32', 'C:\\Users\\a')).toBe(
      'D:\\Kassa',
    );
  });

  it('uses %ProgramData%\\Kassa on Windows', () => {
    expect(defaultDataFolder({ ProgramData: 'C:\\ProgramData' }, 'win32', 'C:\\Users\\a')).toBe(
      'C:\\ProgramData\\Kassa',
    );
    expect(defaultDataFolder({}, 'win32', 'C:\\Users\\a')).toBe('C:\\ProgramData\\Kassa');
  });

  it('uses ~/.local/share/kassa elsewhere (or $XDG_DATA_HOME/kassa)', () => {
    expect(defaultDataFolder({}, 'linux', '/home/anna')).toBe('/home/anna/.local/share/kassa');
    expect(defaultDataFolder({}, 'darwin', '/Users/anna')).toBe('/Users/anna/.local/share/kassa');
    expect(defaultDataFolder({ XDG_DATA_HOME: '/data' }, 'linux', '/home/anna')).toBe(
      '/data/kassa',
    );
  });
});

describe('archiveFolderName', () => {
  it('adds -arkiv- and the local date and time', () => {
    const now = new Date(2026, 10, 5, 8, 4, 9);
    expect(archiveFolderName('/home/anna/.local/share/kassa', now)).toBe(
      '/home/anna/.local/share/kassa-arkiv-20261105-080409',
    );
    expect(archiveFolderName('C:\\ProgramData\\Kassa\\', now)).toBe(
      'C:\\ProgramData\\Kassa-arkiv-20261105-080409',
    );
  });
});

describe('decideFolderUse', () => {
  const folder = '/data/kassa';
  const installed = { kind: 'installation' as const, register };

  it('starts fresh in an absent or empty folder', () => {
    expect(decideFolderUse(folder, { kind: 'absent' }, { url: 'https://x.se' })).toEqual({
      use: 'fresh',
    });
    expect(decideFolderUse(folder, { kind: 'empty' }, { url: 'https://x.se' })).toEqual({
      use: 'fresh',
    });
  });

  it('reuses the same environment and terminal (by id or kassabeteckning)', () => {
    for (const terminal of ['K1', 'k1', register.terminal.id]) {
      expect(
        decideFolderUse(folder, installed, {
          url: 'https://kafe.kassa.se',
          slug: 'kafe',
          terminal,
        }),
      ).toEqual({ use: 'reuse', register });
    }
  });

  it('refuses another environment or terminal, and explains which installation it is', () => {
    const refusal = {
      use: 'refuse',
      code: 'data-folder-other-installation',
      details: { folder, url: 'https://kafe.kassa.se', registerId: 'K1' },
    };
    expect(
      decideFolderUse(folder, installed, { url: 'https://bar.kassa.se', terminal: 'K1' }),
    ).toMatchObject(refusal);
    expect(
      decideFolderUse(folder, installed, {
        url: 'https://kafe.kassa.se',
        slug: 'other',
        terminal: 'K1',
      }),
    ).toMatchObject(refusal);
    expect(
      decideFolderUse(folder, installed, { url: 'https://kafe.kassa.se', terminal: 'K2' }),
    ).toMatchObject({
      ...refusal,
      details: { ...refusal.details, wanted: 'https://kafe.kassa.se, terminal K2' },
    });
  });

  it('asks for the terminal when a pairing code does not say which it is', () => {
    expect(decideFolderUse(folder, installed, { url: 'https://kafe.kassa.se' })).toEqual({
      use: 'refuse',
      code: 'data-folder-terminal-unknown',
      details: { folder, registerId: 'K1' },
    });
  });

  it('refuses unknown and damaged folders', () => {
    expect(
      decideFolderUse(folder, { kind: 'unknown', entries: ['x.txt'] }, { url: 'https://x.se' }),
    ).toEqual({ use: 'refuse', code: 'data-folder-unknown', details: { folder } });
    expect(
      decideFolderUse(
        folder,
        { kind: 'damaged', file: 'register.json', reason: 'bad' },
        { url: 'https://x.se' },
      ),
    ).toMatchObject({ use: 'refuse', code: 'data-folder-damaged' });
  });
});
