// The register's settings (GET/PUT /local/settings) as the settings dialog edits them: the
// control unit and the printer as a kind plus its parts (host and port, a serial port, a device),
// the Swish number as typed and the cashiers' largest discount in percent. Parsing a stored
// setting into the form and building the stored strings back are the only places where these
// strings are read or written on the screen. Pure.

import type { RegisterSettings } from '@kassa/contracts';
import type { PlainMessageKey } from '../i18n/translate';

export type ControlUnitKind = 'simulator' | 'network' | 'serial';
export type PrinterKind = 'none' | 'network' | 'device';

export interface SettingsForm {
  controlUnitKind: ControlUnitKind;
  controlUnitHost: string;
  controlUnitPort: string;
  /** `/dev/ttyUSB0` or `COM3`. */
  controlUnitSerial: string;
  printerKind: PrinterKind;
  printerHost: string;
  printerPort: string;
  /** `/dev/usb/lp0`, or a file the bytes are appended to. */
  printerDevice: string;
  /** As typed: digits, maybe with spaces or dashes; empty when Swish is not offered. */
  swishPayee: string;
  /** Percent as typed: `20`, `12,5`. */
  maxDiscount: string;
}

type SettingsField = keyof SettingsForm;
export type SettingsErrors = Partial<Record<SettingsField, PlainMessageKey>>;

/** The port a network receipt printer listens on (raw printing, "JetDirect"). */
const DEFAULT_PRINTER_PORT = '9100';

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;
const HOST_PORT = /^(?:tcp:\/\/)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/;
const WINDOWS_PORT = /^(?:\\\\\.\\)?(COM[1-9]\d{0,2})$/i;

interface HostPort {
  host: string;
  port: string;
}

/** `tcp://host:port` (or `host:port`) split; an IPv6 host loses its brackets. */
function splitHostPort(text: string): HostPort | null {
  const match = HOST_PORT.exec(text);
  if (match?.[1] === undefined) return null;
  const host = match[1].startsWith('[') ? match[1].slice(1, -1) : match[1];
  return { host, port: match[2] ?? '' };
}

/** A serial port as the register reads it: a POSIX device path or a Windows COM port. */
function serialPort(text: string): string | null {
  const windows = WINDOWS_PORT.exec(text);
  if (windows?.[1] !== undefined) return windows[1].toUpperCase();
  return text.startsWith('/') && !/\s/.test(text) ? text : null;
}

/** `2000` → `20`, `1250` → `12,5`, `5` → `0,05`. */
export function formatPercent(rate: number): string {
  const whole = Math.trunc(rate / 100);
  const fraction = rate % 100;
  if (fraction === 0) return String(whole);
  return `${whole},${fraction.toString().padStart(2, '0').replace(/0$/, '')}`;
}

/** A percent from 0 to 100 with at most two decimals in hundredths of a percent, or null. */
export function parseMaxDiscount(text: string): number | null {
  const match = /^(\d{1,3})(?:[,.](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (match === null) return null;
  const rate = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return rate <= 10_000 ? rate : null;
}

/** The digits of a Swish number typed as `123 456 78 90` or `123-456 78 90`. */
function swishDigits(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** The form for stored settings (what the register answered). */
export function formFromSettings(settings: RegisterSettings): SettingsForm {
  const form: SettingsForm = {
    controlUnitKind: 'simulator',
    controlUnitHost: '',
    controlUnitPort: '',
    controlUnitSerial: '',
    printerKind: 'none',
    printerHost: '',
    printerPort: DEFAULT_PRINTER_PORT,
    printerDevice: '',
    swishPayee: settings.swishPayee ?? '',
    maxDiscount: formatPercent(settings.cashierMaxDiscountRate),
  };

  const unit = settings.controlUnit.trim();
  if (unit !== 'simulator') {
    const withoutPrefix = unit.replace(/^serial:/i, '');
    const serial = serialPort(withoutPrefix);
    const network = serial === null ? splitHostPort(unit) : null;
    // A bare word is no address: `host:port`, or `tcp://host` with its port still to be written.
    if (network !== null && (network.port !== '' || unit.toLowerCase().startsWith('tcp://'))) {
      form.controlUnitKind = 'network';
      form.controlUnitHost = network.host;
      form.controlUnitPort = network.port;
    } else {
      // Anything unrecognised is shown as it is, for the manager to correct.
      form.controlUnitKind = 'serial';
      form.controlUnitSerial = serial ?? withoutPrefix;
    }
  }

  const printer = settings.printer.trim();
  if (printer !== 'none') {
    const network = printer.toLowerCase().startsWith('tcp://') ? splitHostPort(printer) : null;
    if (network !== null) {
      form.printerKind = 'network';
      form.printerHost = network.host;
      form.printerPort = network.port === '' ? DEFAULT_PRINTER_PORT : network.port;
    } else {
      form.printerKind = 'device';
      form.printerDevice = printer;
    }
  }
  return form;
}

function hostError(host: string): PlainMessageKey | null {
  const trimmed = host.trim();
  if (trimmed.length > 0 && trimmed.length <= 253 && HOST.test(trimmed)) return null;
  if (trimmed.includes(':') && IPV6.test(trimmed)) return null;
  return 'settings.hostInvalid';
}

function portNumber(port: string): number | null {
  const trimmed = port.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= 65_535 ? value : null;
}

function tcpAddress(host: string, port: number): string {
  const trimmed = host.trim();
  return `tcp://${trimmed.includes(':') ? `[${trimmed}]` : trimmed}:${port}`;
}

export type SettingsResult =
  { ok: true; settings: RegisterSettings } | { ok: false; errors: SettingsErrors };

/**
 * The settings to send for a filled-in form, or what is wrong with it (a message key per field).
 * A serial port is stored as the register's control-unit address reads it: `/dev/ttyUSB0` or
 * `COM3`.
 */
export function settingsFromForm(form: SettingsForm): SettingsResult {
  const errors: SettingsErrors = {};
  let controlUnit = 'simulator';
  if (form.controlUnitKind === 'network') {
    const hostProblem = hostError(form.controlUnitHost);
    const port = portNumber(form.controlUnitPort);
    if (hostProblem !== null) errors.controlUnitHost = hostProblem;
    if (port === null) errors.controlUnitPort = 'settings.portInvalid';
    if (hostProblem === null && port !== null) controlUnit = tcpAddress(form.controlUnitHost, port);
  } else if (form.controlUnitKind === 'serial') {
    const serial = serialPort(form.controlUnitSerial.trim().replace(/^serial:/i, ''));
    if (serial === null) errors.controlUnitSerial = 'settings.serialInvalid';
    else controlUnit = serial;
  }

  let printer = 'none';
  if (form.printerKind === 'network') {
    const hostProblem = hostError(form.printerHost);
    const port = portNumber(form.printerPort);
    if (hostProblem !== null) errors.printerHost = hostProblem;
    if (port === null) errors.printerPort = 'settings.portInvalid';
    if (hostProblem === null && port !== null) printer = tcpAddress(form.printerHost, port);
  } else if (form.printerKind === 'device') {
    const device = form.printerDevice.trim();
    const usable =
      device.length > 0 &&
      device.length <= 400 &&
      device.toLowerCase() !== 'none' &&
      !device.toLowerCase().startsWith('tcp://');
    if (!usable) errors.printerDevice = 'settings.deviceInvalid';
    else printer = device;
  }

  const digits = swishDigits(form.swishPayee);
  if (digits !== '' && !/^\d{10}$/.test(digits)) errors.swishPayee = 'settings.swishInvalid';

  const rate = parseMaxDiscount(form.maxDiscount);
  if (rate === null) errors.maxDiscount = 'settings.discountInvalid';

  if (Object.keys(errors).length > 0 || rate === null) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      controlUnit,
      printer,
      swishPayee: digits === '' ? null : digits,
      cashierMaxDiscountRate: rate,
    },
  };
}

/**
 * What to send: only the settings the form changed. A stored value written another way (e.g.
 * `192.168.1.50:4001` without `tcp://`) counts as unchanged when the form leaves it as it was,
 * so the journal records no change that was not made.
 */
export function changedSettings(
  stored: RegisterSettings,
  next: RegisterSettings,
): Partial<RegisterSettings> {
  const rebuilt = settingsFromForm(formFromSettings(stored));
  const before = rebuilt.ok ? rebuilt.settings : stored;
  const changes: Partial<RegisterSettings> = {};
  if (next.controlUnit !== before.controlUnit && next.controlUnit !== stored.controlUnit) {
    changes.controlUnit = next.controlUnit;
  }
  if (next.printer !== before.printer && next.printer !== stored.printer) {
    changes.printer = next.printer;
  }
  if (next.swishPayee !== stored.swishPayee) changes.swishPayee = next.swishPayee;
  if (next.cashierMaxDiscountRate !== stored.cashierMaxDiscountRate) {
    changes.cashierMaxDiscountRate = next.cashierMaxDiscountRate;
  }
  return changes;
}
