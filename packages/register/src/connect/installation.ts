/** The connected installation in a data folder: register.json plus the device key. */
import type { RegisterFile } from '@kassa/contracts';
import { readRegisterFile } from '../folder/data-folder.js';
import type { DeviceIdentity } from '../device/device-client.js';
import { loadDeviceKey } from '../device/device-key.js';
import { succeeded, type Outcome } from '../failure.js';

export interface Installation {
  folder: string;
  register: RegisterFile;
  identity: DeviceIdentity;
}

/** Loads the installation: null when not connected; a failure when damaged. */
export async function loadInstallation(folder: string): Promise<Outcome<Installation | null>> {
  const register = await readRegisterFile(folder);
  if (!register.ok) return register;
  if (register.value === null) return succeeded(null);
  const key = await loadDeviceKey(folder);
  if (!key.ok) return key;
  return succeeded({
    folder,
    register: register.value,
    identity: {
      url: register.value.url,
      bindingId: register.value.bindingId,
      privateKey: key.value,
    },
  });
}
