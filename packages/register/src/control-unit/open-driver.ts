/** Opens the driver an address names (TCP or serial), for the register's configuration. */
import { type Result, ok } from '@kassa/core';
import { type CcspControlUnitDriver, type CcspDriverOptions } from './ccsp-driver.js';
import { type ControlUnitAddressFailure, parseControlUnitAddress } from './control-unit-address.js';
import { createSerialControlUnitDriver } from './serial-transport.js';
import { createTcpControlUnitDriver } from './tcp-transport.js';

/** Driver options besides the address. */
export type ControlUnitDriverFor = Omit<CcspDriverOptions, 'open'>;

/** Parses `address` and returns a TCP or serial driver for it (nothing is opened yet). */
export function openControlUnitDriver(
  address: string,
  options: ControlUnitDriverFor = {},
): Result<CcspControlUnitDriver, ControlUnitAddressFailure> {
  const parsed = parseControlUnitAddress(address);
  if (!parsed.ok) return parsed;
  const target = parsed.value;
  return ok(
    target.kind === 'tcp'
      ? createTcpControlUnitDriver({ ...options, host: target.host, port: target.port })
      : createSerialControlUnitDriver({ ...options, path: target.path }),
  );
}
