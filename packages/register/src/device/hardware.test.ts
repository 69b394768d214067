import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseMachineGuid, pcName } from './hardware.js';

// Captured from `reg query HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid` under Wine 8.
const WINE_OUTPUT =
  '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n' +
  '    MachineGuid    REG_SZ    c4b9b63d-97dd-42fc-8c41-29226180bc06\r\n\r\n';

describe('parseMachineGuid', () => {
  it('reads the Wine / Windows output with CRLF', () => {
    expect(parseMachineGuid(WINE_OUTPUT)).toBe('c4b9b63d-97dd-42fc-8c41-29226180bc06');
  });

  it('takes tabs and LF, and returns the value as written', () => {
    const out =
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\n' +
      '\tMachineGuid\tREG_SZ\tC4B9B63D-97DD-42FC-8C41-29226180BC06\n';
    expect(parseMachineGuid(out)).toBe('C4B9B63D-97DD-42FC-8C41-29226180BC06');
  });

  it('is null when the value is missing or not a GUID', () => {
    expect(parseMachineGuid(null)).toBeNull();
    expect(parseMachineGuid('')).toBeNull();
    expect(
      parseMachineGuid(
        'FEL: Det gick inte att hitta den angivna registernyckeln eller värdet.\r\n',
      ),
    ).toBeNull();
    expect(parseMachineGuid('    MachineGuid    REG_SZ    \r\n')).toBeNull();
  });
});

describe('pcName', () => {
  it('prefers KASSA_PC_NAME, then COMPUTERNAME on Windows, then the host name', () => {
    expect(pcName({ KASSA_PC_NAME: ' KASSA-1 ', COMPUTERNAME: 'ÅSAS-PC' }, 'win32')).toBe(
      'KASSA-1',
    );
    expect(pcName({ COMPUTERNAME: 'ÅSAS-PC' }, 'win32')).toBe('ÅSAS-PC');
    expect(pcName({ COMPUTERNAME: 'ÅSAS-PC' }, 'linux')).toBe(os.hostname());
  });
});
