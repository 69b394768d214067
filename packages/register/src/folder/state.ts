/**
 * state.json: what the register last learned from the server (binding state, last contact,
 * terminal details, clock difference), so `kassa status` and the local service can show it when
 * offline. Written by every sync.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { bindingStateSchema } from '@kassa/contracts';
import { FILES, writeJsonAtomic } from './data-folder.js';

const registerStateSchema = z.object({
  formatVersion: z.literal(1),
  bindingId: z.string(),
  binding: bindingStateSchema,
  /** Why the register may not sell (binding removed, terminal deactivated), if it may not. */
  problem: z.object({ code: z.string(), sv: z.string(), en: z.string() }).nullable(),
  lastContactAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** Server clock minus local clock, in milliseconds, at the last contact. */
  clockOffsetMs: z.number().nullable(),
  environment: z
    .object({ slug: z.string(), companyName: z.string(), organisationNumber: z.string() })
    .nullable(),
  terminal: z
    .object({
      name: z.string(),
      registerId: z.string(),
      serialNumber: z.string(),
      active: z.boolean(),
      placeOfBusiness: z.object({
        name: z.string(),
        streetAddress: z.string(),
        postalCode: z.string(),
        city: z.string(),
      }),
    })
    .nullable(),
});
export type RegisterState = z.infer<typeof registerStateSchema>;

/** The state of a fresh binding, before any contact. */
export function initialState(bindingId: string): RegisterState {
  return {
    formatVersion: 1,
    bindingId,
    binding: 'unknown',
    problem: null,
    lastContactAt: null,
    lastAttemptAt: null,
    clockOffsetMs: null,
    environment: null,
    terminal: null,
  };
}

/** Reads state.json for this binding; a missing, damaged or older binding's file starts over. */
export async function readState(folder: string, bindingId: string): Promise<RegisterState> {
  try {
    const parsed = registerStateSchema.safeParse(
      JSON.parse(await readFile(path.join(folder, FILES.state), 'utf8')),
    );
    if (parsed.success && parsed.data.bindingId === bindingId) return parsed.data;
  } catch {
    // Absent or damaged: it is only a cache of the server's answers.
  }
  return initialState(bindingId);
}

export function writeState(folder: string, state: RegisterState): Promise<void> {
  return writeJsonAtomic(path.join(folder, FILES.state), state);
}
