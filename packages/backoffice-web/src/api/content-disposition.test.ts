import { describe, expect, it } from 'vitest';
import { fileNameFromContentDisposition } from './content-disposition';

describe('fileNameFromContentDisposition', () => {
  it('reads the quoted name the server sends', () => {
    expect(fileNameFromContentDisposition('attachment; filename="kassa-KASSA1.zip"')).toBe(
      'kassa-KASSA1.zip',
    );
  });

  it('reads unquoted names and prefers filename* (UTF-8)', () => {
    expect(fileNameFromContentDisposition('attachment; filename=kassa-K1.zip')).toBe(
      'kassa-K1.zip',
    );
    expect(
      fileNameFromContentDisposition(
        `attachment; filename="kassa.zip"; filename*=UTF-8''kassa-%C3%85K1.zip`,
      ),
    ).toBe('kassa-ÅK1.zip');
    expect(
      fileNameFromContentDisposition(`attachment; filename="ok.zip"; filename*=UTF-8''%E0%A4%A`),
    ).toBe('ok.zip');
  });

  it('never returns a folder part, and null when there is no name', () => {
    expect(fileNameFromContentDisposition('attachment; filename="../../etc/kassa.zip"')).toBe(
      'kassa.zip',
    );
    expect(fileNameFromContentDisposition('attachment; filename="C:\\\\temp\\\\k.zip"')).toBe(
      'k.zip',
    );
    expect(fileNameFromContentDisposition('attachment; filename=".."')).toBeNull();
    expect(fileNameFromContentDisposition('attachment')).toBeNull();
    expect(fileNameFromContentDisposition(null)).toBeNull();
  });
});
