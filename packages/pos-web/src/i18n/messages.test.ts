import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@kassa/web-kit';
import { en, sv } from './messages';

describe('dictionaries', () => {
  it('has the same keys, placeholders and plural forms in both languages, all trimmed', () => {
    expect(catalogueProblems({ sv, en })).toEqual([]);
  });

  it('says what the installation guide says on the setup screen', () => {
    expect([
      sv['setup.title'],
      sv['setup.address'],
      sv['setup.username'],
      sv['setup.password'],
      sv['setup.submit'],
      sv['setup.methodCode'],
      sv['setup.addressPlaceholder'],
    ]).toEqual([
      'Anslut kassan',
      'Adress',
      'Användarnamn',
      'Lösenord',
      'Anslut',
      'Jag har en parkopplingskod',
      'https://dinmiljo.kassa.se',
    ]);
    expect(sv['setup.addressHelp']).toContain('https://');
    expect(en['setup.addressHelp']).toContain('https://');
  });

  it('uses the backoffice words for terminals and the signed-in screen', () => {
    expect(sv['terminals.free']).toBe('Terminalen är inte ansluten till någon hårdvara');
    expect(sv['terminals.boundTo']).toBe('Kopplad till {pcName}');
    expect(sv['sales.signedInAs']).toBe('Inloggad som {name}');
    expect(sv['sales.signOut']).toBe('Logga ut');
    expect([sv['role.admin'], sv['role.manager'], sv['role.cashier']]).toEqual([
      'Administratör',
      'Butikschef',
      'Kassör',
    ]);
  });

  it('names the selling screen as the issue and the shop floor do', () => {
    expect(sv['training.band']).toBe('ÖVNINGSLÄGE');
    expect(sv['bar.simulated']).toBe('Simulerad kontrollenhet – ej certifierad');
    expect([sv['consumption.eatIn'], sv['consumption.takeAway']]).toEqual(['Äta här', 'Ta med']);
    expect(sv['proForma.title']).toBe('Förhandskvitto – EJ KVITTO');
    expect(sv['pay.cardInstruction']).toBe(
      'Betala med kort i kortterminalen, bekräfta när den godkänts.',
    );
    expect([
      sv['actions.pay'],
      sv['done.newSale'],
      sv['receipts.copy'],
      sv['receipts.return'],
    ]).toEqual(['Betala', 'Ny försäljning', 'Kopia', 'Retur']);
    expect([sv['cash.open'], sv['cash.float'], sv['reports.x'], sv['reports.z']]).toEqual([
      'Öppna kassalådan',
      'Växelkassa',
      'X-rapport',
      'Z-rapport',
    ]);
  });
});
