/**
 * zod schemas of the register ↔ backoffice protocol (docs/protocols/register-protocol.md).
 * Version 1: sent as the header X-Kassa-Protocol.
 */
import { z } from 'zod';
import { roleSchema } from './api.js';

export const REGISTER_PROTOCOL_VERSION = 1;

const deviceIdentity = {
  publicKey: z.string().min(40).max(200),
  fingerprint: z.string().regex(/^[0-9a-f]{16,128}$/, 'hex'),
  pcName: z.string().trim().min(1).max(100),
  programVersion: z.string().trim().min(1).max(40),
};

export const listRegisterTerminalsBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(4096),
});

export const registerTerminalChoiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  registerId: z.string(),
  placeOfBusinessName: z.string(),
  active: z.boolean(),
  binding: z.object({ pcName: z.string(), boundAt: z.string() }).nullable(),
});

export const listRegisterTerminalsAnswerSchema = z.object({
  environment: z.object({ slug: z.string(), companyName: z.string() }),
  terminals: z.array(registerTerminalChoiceSchema),
});

export const connectBodySchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('password'),
    username: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(4096),
    terminalId: z.string().max(64),
    ...deviceIdentity,
  }),
  z.strictObject({
    method: z.literal('pairing-code'),
    code: z.string().trim().min(1).max(40),
    ...deviceIdentity,
  }),
]);
export type ConnectBody = z.infer<typeof connectBodySchema>;

export const connectAnswerSchema = z.object({
  environment: z.object({ slug: z.string(), companyName: z.string() }),
  terminal: z.object({
    id: z.uuid(),
    name: z.string(),
    registerId: z.string(),
    serialNumber: z.string(),
    placeOfBusinessName: z.string(),
  }),
  bindingId: z.uuid(),
  serverTime: z.string(),
});
export type ConnectAnswer = z.infer<typeof connectAnswerSchema>;

export const registerMeSchema = z.object({
  environment: z.object({
    slug: z.string(),
    companyName: z.string(),
    organisationNumber: z.string(),
  }),
  terminal: z.object({
    id: z.uuid(),
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
  }),
  serverTime: z.string(),
  cashiers: z.array(
    z.object({
      id: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      role: roleSchema,
      pinHash: z.string(),
      active: z.boolean(),
    }),
  ),
  otherUsernames: z.array(z.string()),
});
export type RegisterMe = z.infer<typeof registerMeSchema>;

export const heartbeatBodySchema = z.strictObject({
  programVersion: z.string().trim().min(1).max(40),
  unsyncedEntries: z.number().int().min(0).max(1_000_000_000),
});

export const removeBindingBodySchema = z.strictObject({
  confirmation: z.string().max(64),
  reason: z.string().max(500),
});
