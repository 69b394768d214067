/** kassa-provisioning.json from the installer download: address, terminal and pairing code. */
import { readFile } from 'node:fs/promises';
import { provisioningFileSchema, type ProvisioningFile } from '@kassa/contracts';
import { describeError, failed, succeeded, type Outcome } from '../failure.js';
import { provisioningCandidates } from '../program/program.js';

export interface FoundProvisioning {
  file: string;
  provisioning: ProvisioningFile;
}

/** The first provisioning file found (beside the program, then the working folder), if any. */
export async function findProvisioning(
  candidates: string[] = provisioningCandidates(),
): Promise<Outcome<FoundProvisioning | null>> {
  for (const file of candidates) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return failed('provisioning-invalid', { file, reason: describeError(error) });
    }
    try {
      const parsed = provisioningFileSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        return failed('provisioning-invalid', {
          file,
          reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        });
      }
      return succeeded({ file, provisioning: parsed.data });
    } catch (error) {
      return failed('provisioning-invalid', { file, reason: describeError(error) });
    }
  }
  return succeeded(null);
}
