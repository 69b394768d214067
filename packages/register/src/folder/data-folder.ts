/**
 * The register's data folder on disk (register-protocol.md, "Register data folder"): its files,
 * inspecting an existing folder, archiving one aside (never deleting), and atomic writes.
 */
import { constants } from 'node:fs';
import {
  access,
  chmod,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { registerFileSchema, type RegisterFile } from '@kassa/contracts';
import { describeError, failed, succeeded, type Outcome } from '../failure.js';
import { archiveFolderName, defaultDataFolder, type FolderState } from './folder-rules.js';
import { readUploadBacklog } from '../sync/upload-mark.js';

export const FILES = {
  register: 'register.json',
  deviceKey: 'device-key.pem',
  cashiers: 'cashiers.json',
  state: 'state.json',
  journal: 'journal.sqlite',
  archived: 'ARKIVERAD.txt',
} as const;

/** Files the Windows installer may leave in the data folder before `kassa connect`. */
const INSTALLER_FILES = new Set(['kassa-provisioning.json']);

/** The data folder of this register, absolute. */
export function dataFolder(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(defaultDataFolder(env, process.platform, os.homedir()));
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes a file atomically (temporary file + rename), creating the folder first. */
export async function writeFileAtomic(file: string, text: string, mode = 0o644): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { mode, flush: true });
    await chmod(temp, mode); // writeFile's mode is masked by umask and ignored for existing files
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes JSON (pretty, newline-terminated) atomically. */
export function writeJsonAtomic(file: string, value: unknown, mode = 0o644): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/** Reads register.json: null when absent; a failure when damaged. */
export async function readRegisterFile(folder: string): Promise<Outcome<RegisterFile | null>> {
  const file = path.join(folder, FILES.register);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return succeeded(null);
    return failed('data-folder-damaged', { file, reason: describeError(error) });
  }
  try {
    const parsed = registerFileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return succeeded(parsed.data);
    return failed('data-folder-damaged', {
      file,
      reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
  } catch (error) {
    return failed('data-folder-damaged', { file, reason: describeError(error) });
  }
}

/** What the folder holds: nothing, an installation, something damaged or something unknown. */
export async function inspectDataFolder(folder: string): Promise<FolderState> {
  let entries: string[];
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) return { kind: 'unknown', entries: [path.basename(folder)] };
    entries = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'damaged', file: folder, reason: describeError(error) };
  }
  // What the installer puts there before the first connect (the provisioning it carried) does
  // not make the folder another installation.
  if (entries.every((name) => INSTALLER_FILES.has(name))) return { kind: 'empty' };
  const register = await readRegisterFile(folder);
  if (!register.ok) {
    const details = register.failure.details ?? {};
    return {
      kind: 'damaged',
      file: typeof details.file === 'string' ? details.file : FILES.register,
      reason: typeof details.reason === 'string' ? details.reason : register.failure.code,
    };
  }
  if (register.value === null) return { kind: 'unknown', entries };
  return { kind: 'installation', register: register.value };
}

/**
 * Journal entries in the folder not yet acknowledged by the server (after the upload mark in the
 * journal's working state; without a mark, all of them): 0 without a journal; null ("unknown",
 * treated as more than 0) for a journal that cannot be read or whose chain is broken. The
 * journal is opened read-only: a register running on the folder is not disturbed.
 */
export async function countUnuploadedEntries(folder: string): Promise<number | null> {
  const file = path.join(folder, FILES.journal);
  if (!(await exists(file))) return 0;
  const backlog = readUploadBacklog(file);
  return backlog.ok ? (backlog.value?.pending ?? 0) : null;
}

export interface ArchiveOptions {
  force: boolean;
  reason?: string;
  now: Date;
  /** Who/what asked, for ARKIVERAD.txt (e.g. "kassa connect --archive-existing"). */
  by: string;
}

/**
 * Moves the folder aside to `<folder>-arkiv-<YYYYMMDD-HHmmss>` and writes ARKIVERAD.txt into
 * it. Refuses a folder with entries not yet uploaded, unless forced with a reason.
 */
export async function archiveDataFolder(
  folder: string,
  options: ArchiveOptions,
): Promise<Outcome<{ target: string; unuploaded: number | null }>> {
  const reason = options.reason?.trim() ?? '';
  if (options.force && reason === '') return failed('archive-reason-required');
  const unuploaded = await countUnuploadedEntries(folder);
  if (!options.force) {
    if (unuploaded === null) return failed('archive-journal-unreadable', { folder });
    if (unuploaded > 0) return failed('archive-has-unuploaded', { folder, count: unuploaded });
  }
  const register = await readRegisterFile(folder);
  let target = archiveFolderName(folder, options.now);
  for (let n = 2; await exists(target); n++) {
    target = `${archiveFolderName(folder, options.now)}-${n}`;
  }
  try {
    await rename(folder, target);
  } catch (error) {
    return failed('archive-failed', { folder, target, reason: describeError(error) });
  }
  const installation =
    register.ok && register.value
      ? `${register.value.url}, terminal ${register.value.terminal.registerId} (${register.value.terminal.name}), bindning ${register.value.bindingId}`
      : 'okänd / unknown';
  const note = [
    'Den här mappen är en arkiverad datamapp från Kassa. Ingenting har raderats.',
    'This folder is an archived Kassa data folder. Nothing was deleted.',
    '',
    `Arkiverad / archived: ${options.now.toISOString()}`,
    `Ursprunglig plats / original location: ${folder}`,
    `Installation: ${installation}`,
    `Ej uppladdade journalposter / entries not uploaded: ${unuploaded === null ? 'okänt / unknown' : unuploaded}`,
    `Av / by: ${options.by}`,
    `Tvingad / forced: ${options.force ? 'ja / yes' : 'nej / no'}`,
    `Skäl / reason: ${reason === '' ? '—' : reason}`,
    '',
  ].join('\n');
  try {
    await writeFile(path.join(target, FILES.archived), note, { flag: 'wx' });
  } catch {
    // The move succeeded; a missing note does not undo it. Write it beside instead.
    await writeFile(`${target}.${FILES.archived}`, note).catch(() => undefined);
  }
  return succeeded({ target, unuploaded });
}

/**
 * Checks that a file can be written, flushed and removed in the folder. Folders it had to create
 * for the check (nothing else) are removed again, so a check leaves no trace.
 */
export async function checkWritable(folder: string): Promise<Outcome<void>> {
  const probe = path.join(folder, `.skrivtest-${randomBytes(4).toString('hex')}`);
  let created: string | undefined;
  try {
    created = await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFile(probe, 'ok', { flush: true });
    await rm(probe, { force: true });
    return succeeded(undefined);
  } catch (error) {
    await rm(probe, { force: true }).catch(() => undefined);
    return failed('data-folder-unwritable', { folder, reason: describeError(error) });
  } finally {
    if (created !== undefined) await rm(created, { recursive: true, force: true });
  }
}
