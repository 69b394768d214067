/**
 * Talking to the backoffice over HTTP(S) with global fetch (Node's undici, which trusts the
 * certificates in NODE_EXTRA_CA_CERTS: Node reads that variable at start-up). Every answer ends
 * as an Outcome: the value, the server's own refusal (shown as sent), or a failure of ours
 * (unreachable, TLS, not a Kassa server, an unexpected answer).
 */
import {
  connectAnswerSchema,
  errorBodySchema,
  healthSchema,
  listRegisterTerminalsAnswerSchema,
  type ConnectAnswer,
  type ConnectBody,
  type Health,
} from '@kassa/contracts';
import type { z } from 'zod';
import { failed, succeeded, type Failure, type Outcome } from '../failure.js';
import { classifyNetworkError } from './net-errors.js';
import { PROTOCOL_VERSION } from '../device/signature.js';

const DEFAULT_TIMEOUT_MS = 15_000;

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null when the body is empty or not JSON. */
  body: unknown;
  /** Local clock (ms) when the request was sent and when the answer arrived. */
  sentAt: number;
  receivedAt: number;
}

export interface SendOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** The exact body text (JSON), or undefined for none. */
  body?: string;
  timeoutMs?: number;
}

/** The host (and port) of a URL, for messages. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Sends one request; network and TLS failures become failures, bugs are thrown. */
export async function send(url: string, options: SendOptions): Promise<Outcome<HttpAnswer>> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-kassa-protocol': PROTOCOL_VERSION,
    ...options.headers,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method,
      headers,
      body: options.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const network = classifyNetworkError(error);
    if (network === null) throw error;
    return failed(network.code, { host: hostOf(url), reason: network.reason });
  }
  let text = '';
  try {
    text = await response.text();
  } catch (error) {
    const network = classifyNetworkError(error);
    if (network === null) throw error;
    return failed(network.code, { host: hostOf(url), reason: network.reason });
  }
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  return succeeded({
    status: response.status,
    headers: response.headers,
    body,
    sentAt,
    receivedAt: Date.now(),
  });
}

/** The server's refusal as a failure (its Swedish text as sent), or null if it is not one. */
function refusalOf(answer: HttpAnswer): Failure | null {
  const parsed = errorBodySchema.safeParse(answer.body);
  if (!parsed.success) return null;
  const { code, sv, en, details } = parsed.data.error;
  return details
    ? { code, sv, en, details, status: answer.status }
    : { code, sv, en, status: answer.status };
}

/** Reads a 2xx answer with a schema; a refusal or anything unexpected becomes a failure. */
export function interpret<T extends z.ZodType>(answer: HttpAnswer, schema: T): Outcome<z.infer<T>> {
  if (answer.status >= 200 && answer.status < 300) {
    const parsed = schema.safeParse(answer.body);
    if (parsed.success) return succeeded(parsed.data);
    return failed('server-answer-invalid', { status: answer.status });
  }
  const refusal = refusalOf(answer);
  if (refusal) return { ok: false, failure: refusal };
  return failed('server-answer-invalid', { status: answer.status });
}

/** JSON text of a value, the exact bytes to send (and sign). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value);
}

export interface HealthCheck {
  health: Health;
  /** Server clock from the Date header (second precision), if sent. */
  serverDate: Date | null;
  roundTripMs: number;
}

/** GET /api/health: is this a reachable Kassa server? */
export async function checkKassaServer(
  url: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Outcome<HealthCheck>> {
  const sent = await send(`${url}/api/health`, { method: 'GET', timeoutMs });
  if (!sent.ok) return sent;
  const answer = sent.value;
  const health = healthSchema.safeParse(answer.body);
  if (answer.status !== 200 || !health.success) {
    return failed('not-a-kassa-server', { host: hostOf(url), status: answer.status });
  }
  const dateHeader = answer.headers.get('date');
  const serverDate = dateHeader ? new Date(dateHeader) : null;
  return succeeded({
    health: health.data,
    serverDate: serverDate && !Number.isNaN(serverDate.getTime()) ? serverDate : null,
    roundTripMs: answer.receivedAt - answer.sentAt,
  });
}

export type TerminalList = z.infer<typeof listRegisterTerminalsAnswerSchema>;
export type TerminalChoice = TerminalList['terminals'][number];

/** POST /api/register/terminals: the terminals an admin may connect this PC to. */
export async function listTerminals(
  url: string,
  credentials: { username: string; password: string },
): Promise<Outcome<TerminalList>> {
  const sent = await send(`${url}/api/register/terminals`, {
    method: 'POST',
    body: jsonText(credentials),
  });
  if (!sent.ok) return sent;
  return interpret(sent.value, listRegisterTerminalsAnswerSchema);
}

/** POST /api/register/connect: binds a terminal to this PC. */
export async function connectTerminal(
  url: string,
  body: ConnectBody,
): Promise<Outcome<ConnectAnswer>> {
  const sent = await send(`${url}/api/register/connect`, {
    method: 'POST',
    body: jsonText(body),
  });
  if (!sent.ok) return sent;
  return interpret(sent.value, connectAnswerSchema);
}
