import { describe, expect, it } from 'vitest';
import type { RegisterSettings } from '@kassa/contracts';
import {
  changedSettings,
  formatPercent,
  formFromSettings,
  parseMaxDiscount,
  settingsFromForm,
  type SettingsForm,
} from './register-settings';

const defaults: RegisterSettings = {
  controlUnit: 'simulator',
  printer: 'none',
  swishPayee: null,
  cashierMaxDiscountRate: 2000,
};

const form = (change: Partial<SettingsForm> = {}): SettingsForm => ({
  ...formFromSettings(defaults),
  ...change,
});

describe('formFromSettings', () => {
  it('reads the defaults', () => {
    expect(formFromSettings(defaults)).toEqual({
      controlUnitKind: 'simulator',
      controlUnitHost: '',
      controlUnitPort: '',
      controlUnitSerial: '',
      printerKind: 'none',
      printerHost: '',
      printerPort: '9100',
      printerDevice: '',
      swishPayee: '',
      maxDiscount: '20',
    });
  });

  it('splits network addresses into host and port', () => {
    const read = formFromSettings({
      controlUnit: 'tcp://192.168.1.60:4001',
      printer: 'tcp://192.168.1.50:9101',
      swishPayee: '1231234567',
      cashierMaxDiscountRate: 1250,
    });
    expect(read).toMatchObject({
      controlUnitKind: 'network',
      controlUnitHost: '192.168.1.60',
      controlUnitPort: '4001',
      printerKind: 'network',
      printerHost: '192.168.1.50',
      printerPort: '9101',
      swishPayee: '1231234567',
      maxDiscount: '12,5',
    });
    expect(formFromSettings({ ...defaults, controlUnit: 'cu.local:23' })).toMatchObject({
      controlUnitKind: 'network',
      controlUnitHost: 'cu.local',
      controlUnitPort: '23',
    });
    expect(formFromSettings({ ...defaults, controlUnit: 'tcp://[::1]:9000' })).toMatchObject({
      controlUnitHost: '::1',
      controlUnitPort: '9000',
    });
    // tcp:// without a port is a network unit whose port is still to be written.
    const portless = formFromSettings({ ...defaults, controlUnit: 'tcp://cu.local' });
    expect(portless).toMatchObject({ controlUnitKind: 'network', controlUnitPort: '' });
    expect(settingsFromForm(portless)).toEqual({
      ok: false,
      errors: { controlUnitPort: 'settings.portInvalid' },
    });
    // A printer without a port is on 9100, as the register prints.
    expect(formFromSettings({ ...defaults, printer: 'tcp://skrivare.lan' })).toMatchObject({
      printerKind: 'network',
      printerHost: 'skrivare.lan',
      printerPort: '9100',
    });
  });

  it('reads serial ports with or without serial:, and printer devices', () => {
    for (const [stored, port] of [
      ['/dev/ttyUSB0', '/dev/ttyUSB0'],
      ['serial:/dev/ttyUSB0', '/dev/ttyUSB0'],
      ['COM3', 'COM3'],
      ['serial:com3', 'COM3'],
      ['\\\\.\\COM12', 'COM12'],
    ]) {
      expect(formFromSettings({ ...defaults, controlUnit: stored! })).toMatchObject({
        controlUnitKind: 'serial',
        controlUnitSerial: port,
      });
    }
    expect(formFromSettings({ ...defaults, printer: '/dev/usb/lp0' })).toMatchObject({
      printerKind: 'device',
      printerDevice: '/dev/usb/lp0',
    });
  });

  it('shows an unrecognised control unit address as it is, to be corrected', () => {
    expect(formFromSettings({ ...defaults, controlUnit: 'ttyUSB0' })).toMatchObject({
      controlUnitKind: 'serial',
      controlUnitSerial: 'ttyUSB0',
    });
  });
});

describe('settingsFromForm', () => {
  it('builds the stored strings', () => {
    expect(
      settingsFromForm(
        form({
          controlUnitKind: 'network',
          controlUnitHost: ' 192.168.1.60 ',
          controlUnitPort: '4001',
          printerKind: 'network',
          printerHost: 'skrivare.lan',
          printerPort: '9100',
          swishPayee: '123 123 45 67',
          maxDiscount: '12,5',
        }),
      ),
    ).toEqual({
      ok: true,
      settings: {
        controlUnit: 'tcp://192.168.1.60:4001',
        printer: 'tcp://skrivare.lan:9100',
        swishPayee: '1231234567',
        cashierMaxDiscountRate: 1250,
      },
    });
  });

  it('writes serial ports and devices as the register reads them', () => {
    const serial = (port: string) =>
      settingsFromForm(form({ controlUnitKind: 'serial', controlUnitSerial: port }));
    expect(serial('/dev/ttyUSB0')).toMatchObject({ settings: { controlUnit: '/dev/ttyUSB0' } });
    expect(serial('com3')).toMatchObject({ settings: { controlUnit: 'COM3' } });
    expect(serial('serial:/dev/ttyS1')).toMatchObject({ settings: { controlUnit: '/dev/ttyS1' } });
    expect(
      settingsFromForm(form({ printerKind: 'device', printerDevice: ' /dev/usb/lp0 ' })),
    ).toMatchObject({ settings: { printer: '/dev/usb/lp0' } });
    expect(
      settingsFromForm(
        form({ controlUnitKind: 'network', controlUnitHost: 'fe80::1', controlUnitPort: '9000' }),
      ),
    ).toMatchObject({ settings: { controlUnit: 'tcp://[fe80::1]:9000' } });
  });

  it('uses only the fields of the chosen kind', () => {
    expect(
      settingsFromForm(
        form({
          controlUnitKind: 'simulator',
          controlUnitHost: 'not a host',
          printerKind: 'none',
          printerDevice: '',
        }),
      ),
    ).toMatchObject({ ok: true, settings: { controlUnit: 'simulator', printer: 'none' } });
  });

  it('says what is wrong, field by field', () => {
    expect(
      settingsFromForm(
        form({
          controlUnitKind: 'network',
          controlUnitHost: 'tcp://192.168.1.60',
          controlUnitPort: '70000',
          printerKind: 'network',
          printerHost: '',
          printerPort: 'x',
          swishPayee: '123 45',
          maxDiscount: '101',
        }),
      ),
    ).toEqual({
      ok: false,
      errors: {
        controlUnitHost: 'settings.hostInvalid',
        controlUnitPort: 'settings.portInvalid',
        printerHost: 'settings.hostInvalid',
        printerPort: 'settings.portInvalid',
        swishPayee: 'settings.swishInvalid',
        maxDiscount: 'settings.discountInvalid',
      },
    });
    expect(
      settingsFromForm(form({ controlUnitKind: 'serial', controlUnitSerial: 'ttyUSB0' })),
    ).toEqual({ ok: false, errors: { controlUnitSerial: 'settings.serialInvalid' } });
    for (const device of ['', '  ', 'none', 'tcp://192.168.1.50:9100']) {
      expect(
        settingsFromForm(form({ printerKind: 'device', printerDevice: device })),
      ).toMatchObject({ ok: false, errors: { printerDevice: 'settings.deviceInvalid' } });
    }
  });

  it('round-trips every kind through the stored string', () => {
    const stored: RegisterSettings[] = [
      defaults,
      {
        controlUnit: 'tcp://cu.local:23',
        printer: 'tcp://192.168.1.50:9100',
        swishPayee: '1231234567',
        cashierMaxDiscountRate: 5,
      },
      {
        controlUnit: '/dev/ttyUSB0',
        printer: '/dev/usb/lp0',
        swishPayee: null,
        cashierMaxDiscountRate: 10_000,
      },
      {
        controlUnit: 'COM3',
        printer: 'C:\\kassa\\kvitton.bin',
        swishPayee: null,
        cashierMaxDiscountRate: 0,
      },
    ];
    for (const settings of stored) {
      expect(settingsFromForm(formFromSettings(settings))).toEqual({ ok: true, settings });
    }
  });
});

describe('percent', () => {
  it('writes and reads the cashiers’ largest discount', () => {
    expect([0, 5, 50, 1250, 2000, 10_000].map(formatPercent)).toEqual([
      '0',
      '0,05',
      '0,5',
      '12,5',
      '20',
      '100',
    ]);
    expect(parseMaxDiscount('20')).toBe(2000);
    expect(parseMaxDiscount('12,5')).toBe(1250);
    expect(parseMaxDiscount('12.25')).toBe(1225);
    expect(parseMaxDiscount(' 15 % ')).toBe(1500);
    expect(parseMaxDiscount('0')).toBe(0);
    expect(parseMaxDiscount('100')).toBe(10_000);
    for (const bad of ['', '100,01', '-1', '1,234', 'tio'])
      expect(parseMaxDiscount(bad)).toBeNull();
  });
});

describe('changedSettings', () => {
  it('sends only what changed', () => {
    const next = { ...defaults, swishPayee: '1231234567' };
    expect(changedSettings(defaults, next)).toEqual({ swishPayee: '1231234567' });
    expect(changedSettings(defaults, defaults)).toEqual({});
  });

  it('does not count a stored address written another way as a change', () => {
    const stored = { ...defaults, controlUnit: '192.168.1.60:4001', printer: 'tcp://skrivare' };
    const result = settingsFromForm(formFromSettings(stored));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.controlUnit).toBe('tcp://192.168.1.60:4001');
    expect(changedSettings(stored, result.settings)).toEqual({});
    expect(
      changedSettings(stored, { ...result.settings, controlUnit: 'tcp://192.168.1.61:4001' }),
    ).toEqual({ controlUnit: 'tcp://192.168.1.61:4001' });
  });
});
