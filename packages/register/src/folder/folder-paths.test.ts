/** Data folders with spaces and åäö: the pure Windows rules (path.win32) and a real folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritable } from './data-folder.js';
import { archiveFolderName, defaultDataFolder } from './folder-rules.js';

describe('data folder paths with spaces and åäö', () => {
  it('keeps a Windows KASSA_HOME and ProgramData as written', () => {
    expect(
      defaultDataFolder({ KASSA_HOME: 'C:\\Users\\Åsa Öberg\\Kassa data' }, 'win32', 'C:\\x'),
    ).toBe('C:\\Users\\Åsa Öberg\\Kassa data');
    expect(
      defaultDataFolder({ ProgramData: 'D:\\Program Data Ä' }, 'win32', 'C:\\Users\\Åsa Öberg'),
    ).toBe('D:\\Program Data Ä\\Kassa');
  });

  it('archives a Windows folder beside itself, also with a trailing backslash', () => {
    const now = new Date(2026, 11, 7, 9, 5, 3);
    const archived = archiveFolderName('C:\\Users\\Åsa Öberg\\Kassa\\', now);
    expect(archived).toBe('C:\\Users\\Åsa Öberg\\Kassa-arkiv-20261207-090503');
    expect(path.win32.dirname(archived)).toBe('C:\\Users\\Åsa Öberg');
  });

  it('writes in a real folder named with spaces and åäö', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'Åsa Öberg kassa '));
    try {
      const result = await checkWritable(path.join(dir, 'Kassa data'));
      expect(result).toMatchObject({ ok: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
