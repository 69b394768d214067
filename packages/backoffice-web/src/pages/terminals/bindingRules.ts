// Rules of "Ta bort koppling mot hårdvara" and the installer download, kept pure for unit tests.
// The server checks the same (packages/server/src/commands/terminal-binding.ts); checking first
// keeps the button disabled instead of answering with a refusal.

/** The typed kassabeteckning matches the terminal's: spaces around and letter case do not count. */
export function confirmationMatches(typed: string, registerId: string): boolean {
  const expected = registerId.trim().toUpperCase();
  return expected !== '' && typed.trim().toUpperCase() === expected;
}

/** The server refuses shorter reasons (they go to the audit log). */
const minimumReasonLength = 3;
export const maximumReasonLength = 500;

export function reasonIsGiven(reason: string): boolean {
  const length = reason.trim().length;
  return length >= minimumReasonLength && length <= maximumReasonLength;
}

export interface RemoveBindingForm {
  confirmation: string;
  reason: string;
}

export function canRemoveBinding(form: RemoveBindingForm, registerId: string): boolean {
  return confirmationMatches(form.confirmation, registerId) && reasonIsGiven(form.reason);
}

/** The request body: both fields trimmed. */
export function removeBindingBody(form: RemoveBindingForm): RemoveBindingForm {
  return { confirmation: form.confirmation.trim(), reason: form.reason.trim() };
}

/**
 * Entries the PC has not uploaded: `at-risk` when there are any (those sales exist only on that
 * PC), `unknown` when the PC never reported, `none` otherwise.
 */
export type Backlog = 'at-risk' | 'none' | 'unknown';

export function backlogOf(unsyncedEntries: number | null): Backlog {
  if (unsyncedEntries === null) return 'unknown';
  return unsyncedEntries > 0 ? 'at-risk' : 'none';
}

/** A message split at `backticks`: the parts in backticks are shown as code (commands). */
export function splitCode(text: string): { text: string; code: boolean }[] {
  return text
    .split('`')
    .map((part, index) => ({ text: part, code: index % 2 === 1 }))
    .filter((part) => part.text !== '');
}
