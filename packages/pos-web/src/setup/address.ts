// The environment address, as the installation guide asks for it: the beginning of the
// backoffice's address in the browser, starting with https://. The register checks the rest
// (http:// only for localhost, reachability, TLS, that it is a Kassa server) and says what is
// wrong; here we only catch the most common slip early, without a round trip.

export type AddressProblem = 'missing' | 'no-scheme';

/** What is plainly wrong with a typed address, or null when the register should judge it. */
export function addressProblem(input: string): AddressProblem | null {
  const address = input.trim();
  if (address === '') return 'missing';
  if (!/^https?:\/\//i.test(address)) return 'no-scheme';
  return null;
}
