import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@kassa/web-kit';
import { en, sv } from './messages';

describe('dictionaries', () => {
  it('has the same keys, placeholders and plural forms in both languages, all trimmed', () => {
    expect(catalogueProblems({ sv, en })).toEqual([]);
  });

  it('names the roles as the shop staff say them', () => {
    expect([sv['role.admin'], sv['role.manager'], sv['role.cashier']]).toEqual([
      'Administratör',
      'Butikschef',
      'Kassör',
    ]);
  });

  it('has the navigation in both languages', () => {
    const nav = [
      'start',
      'terminals',
      'users',
      'products',
      'sales',
      'reports',
      'auditLog',
      'settings',
    ] as const;
    expect(nav.map((page) => sv[`nav.${page}`])).toEqual([
      'Start',
      'Terminaler och kassor',
      'Användare',
      'Produkter',
      'Försäljning',
      'Rapporter',
      'Granskningslogg',
      'Inställningar',
    ]);
    expect(nav.map((page) => en[`nav.${page}`])).toEqual([
      'Home',
      'Terminals and registers',
      'Users',
      'Products',
      'Sales',
      'Reports',
      'Audit log',
      'Settings',
    ]);
  });

  it('says exactly what the terminal list must say about unbound terminals', () => {
    expect(sv['terminals.binding.none']).toBe('Terminalen är inte ansluten till någon hårdvara');
    expect(sv['terminals.warning.notRegistered']).toBe('Ej registrerad hos Skatteverket');
    expect(sv['licence.usage']).toBe('{active} av {licensed} licensierade terminaler används');
    expect(sv['licence.fullHint']).toContain('Kontakta Kassa för att utöka licensen');
  });

  it('uses the installation guide’s own words for releasing a binding and the installer', () => {
    expect(sv['terminals.action.removeBinding']).toBe('Ta bort koppling mot hårdvara');
    expect(sv['terminals.action.installer']).toBe('Ladda ner installationsprogram');
    expect(sv['removeBinding.onlyWhen']).toBe(
      'Endast om ni haft hårddiskkrasch / byter kassadator till en annan dator',
    );
    expect(sv['terminals.moved.badge']).toBe('Flyttad till ny dator');
    // The warning quotes the list's own text for an unbound terminal, in both languages.
    expect(sv['installer.boundBody']).toContain(`”${sv['terminals.binding.none']}”`);
    expect(sv['installer.boundBody']).toContain('förmodligen FEL terminal');
    expect(en['installer.boundBody']).toContain(`“${en['terminals.binding.none']}”`);
    expect(sv['installer.step.smartScreen']).toContain('”Mer information” → ”Kör ändå”');
  });

  it('has the move checklist of a terminal moved to a new PC', () => {
    expect([sv['moved.stickers'], sv['moved.controlUnit'], sv['moved.checkRegistration']]).toEqual([
      'Flytta Skatteverkets ID-märken (klistermärken) från den gamla datorn ({fromPcName}) till den nya',
      'Har kontrollenheten bytts? Anmäl ändringen till Skatteverket inom två veckor',
      'Kontrollera registreringsuppgifterna nedan',
    ]);
  });

  it('tells an empty sales period what to do, and names the sync actions as the shop says them', () => {
    expect(sv['sales.empty.title']).toBe('Inga sålda kvitton under perioden');
    expect(sv['sales.empty.body']).toContain('Kassorna laddar upp sin försäljning automatiskt');
    expect(sv['sync.problem.acknowledge']).toBe('Kvittera');
    expect(sv['sync.controlUnit.simulated']).toBe('Simulerad kontrollenhet – ej certifierad');
    expect(
      ['today', 'yesterday', 'thisWeek', 'lastWeek', 'thisMonth', 'lastMonth'].map(
        (preset) => sv[`period.${preset}` as keyof typeof sv],
      ),
    ).toEqual(['Idag', 'Igår', 'Denna vecka', 'Förra veckan', 'Denna månad', 'Förra månaden']);
  });
});
