// Pairing codes from the installer download look like ABCD-EFGH-JKLM (docs/protocols/
// register-protocol.md). People read them off a screen or a sheet of paper, so we accept lower
// case, spaces and missing or extra dashes, and send the canonical form.

const groupLength = 4;
const codeLength = 12;
/** Spaces and every kind of dash a copy-paste may bring (hyphen, en and em dash, minus sign). */
const separators = /[\s\-\u2010-\u2015\u2212]+/g;

/** The code's characters without separators, in upper case. */
function compact(input: string): string {
  return input.replace(separators, '').toUpperCase();
}

/** `ABCD-EFGH-JKLM` when the input is a complete code, otherwise null. */
export function normalisePairingCode(input: string): string | null {
  const chars = compact(input);
  if (!new RegExp(`^[A-Z0-9]{${codeLength}}$`).test(chars)) return null;
  return groupInFours(chars);
}

/**
 * The input as it should stand in the field after the person leaves it: the canonical form when
 * it is a complete code, otherwise their own text in upper case (never thrown away).
 */
export function tidyPairingCodeInput(input: string): string {
  return normalisePairingCode(input) ?? input.toUpperCase();
}

function groupInFours(chars: string): string {
  const groups: string[] = [];
  for (let index = 0; index < chars.length; index += groupLength) {
    groups.push(chars.slice(index, index + groupLength));
  }
  return groups.join('-');
}
