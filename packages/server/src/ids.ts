/** Ids in URLs and bodies are UUIDs; anything else is simply "not found" (never a database error). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a UUID. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
