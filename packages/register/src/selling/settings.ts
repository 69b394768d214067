/**
 * settings.json in the data folder: the register's local settings (control unit, printer,
 * Swish number, cashiers' discount limit). Changing one is programming of the register and is
 * journaled as `setting-changed` (behandlingshistorik, SKVFS 2014:9 5 kap 4 §) by the caller.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_REGISTER_SETTINGS,
  registerSettingsSchema,
  type RegisterSettings,
} from '@kassa/contracts';
import { writeJsonAtomic } from '../folder/data-folder.js';

const SETTINGS_FILE = 'settings.json';

/** Reads settings.json; absent or damaged values fall back to the defaults one by one. */
export async function readSettings(folder: string): Promise<RegisterSettings> {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(folder, SETTINGS_FILE), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null) raw = parsed as Record<string, unknown>;
  } catch {
    // Absent: the defaults.
  }
  const settings: Record<string, unknown> = { ...DEFAULT_REGISTER_SETTINGS };
  const shape = registerSettingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const value = shape[key].safeParse(raw[key]);
    if (value.success) settings[key] = value.data;
  }
  return registerSettingsSchema.parse(settings);
}

export function writeSettings(folder: string, settings: RegisterSettings): Promise<void> {
  return writeJsonAtomic(path.join(folder, SETTINGS_FILE), settings);
}

/** The settings that differ between two versions, as journal events. */
export function settingChanges(
  before: RegisterSettings,
  after: RegisterSettings,
): { setting: string; from: string | null; to: string | null }[] {
  const text = (v: string | number | null): string | null => (v === null ? null : String(v));
  return (Object.keys(after) as (keyof RegisterSettings)[])
    .filter((key) => before[key] !== after[key])
    .map((key) => ({ setting: key, from: text(before[key]), to: text(after[key]) }));
}
