import { createCcspDecoder, encodeCcspFrame, fail, ok, ore } from '@kassa/core';
import { describe, expect, it } from 'vitest';
import { type CcspLinkOpener } from './ccsp-link.js';
import { createCcspDriver } from './ccsp-driver.js';

/** An in-memory link whose unit answers each request message with `answer(message)`. */
function memoryLink(answer: (message: string) => string | undefined): {
  open: CcspLinkOpener;
  requests: string[];
  opens: () => number;
} {
  const requests: string[] = [];
  let opens = 0;
  const open: CcspLinkOpener = (events) => {
    opens += 1;
    const decoder = createCcspDecoder();
    return Promise.resolve(
      ok({
        write: (bytes: Uint8Array) => {
          for (const event of decoder.push(bytes)) {
            if (!event.ok) continue;
            requests.push(event.value);
            const reply = answer(event.value);
            const framed = reply === undefined ? undefined : encodeCcspFrame(reply);
            if (framed?.ok) {
              setTimeout(() => events.onData(Buffer.from(framed.value, 'latin1')), 1);
            }
          }
          return Promise.resolve(ok(undefined));
        },
        close: () => undefined,
      }),
    );
  };
  return { open, requests, opens: () => opens };
}

describe('createCcspDriver', () => {
  it('keeps the link open between successful requests', async () => {
    const unit = memoryLink(() => 'SIR#0');
    const driver = createCcspDriver({ open: unit.open });
    await driver.status();
    await driver.status();
    expect(unit.opens()).toBe(1);
  });

  it('does not retry a non-retryable NAK, retries a retryable one up to maxAttempts', async () => {
    const refusing = memoryLink(() => 'NAK#007');
    await createCcspDriver({ open: refusing.open }).status();
    expect(refusing.requests).toHaveLength(1);

    const busy = memoryLink(() => 'NAK#008');
    const result = await createCcspDriver({ open: busy.open, maxAttempts: 3 }).identity();
    expect(result).toMatchObject({ ok: false, nakCode: '008', retryable: true });
    expect(busy.requests).toEqual(['IQ', 'IQ', 'IQ']);
  });

  it('restarts the sequence at 1 after NAK 011', async () => {
    const code = 'C'.repeat(59);
    const serial = 'UNIT-000000000001';
    const unit = memoryLink((message) =>
      message.startsWith('RR#1#') ? `RRR#${code}#${serial}#0#0` : 'NAK#011',
    );
    const driver = createCcspDriver({ open: unit.open, initialSequenceNumber: 41 });
    const result = await driver.registerReceipt({
      dateTime: '202604111432',
      organisationNumber: '5566778899',
      registerId: 'K1',
      receiptNumber: 1,
      receiptType: 'ovning',
      returnTotal: ore(0),
      total: ore(100),
      vat: [],
    });
    expect(result).toMatchObject({
      ok: true,
      value: { controlCode: code, unitSerialNumber: serial },
    });
    expect(unit.requests.map((r) => r.split('#')[1])).toEqual(['41', '1']);
    expect(driver.nextSequenceNumber).toBe(2);
  });

  it('returns the opener failure as unreachable and not sent, and a reply of the wrong type', async () => {
    const down = createCcspDriver({
      open: () => Promise.resolve(fail('control-unit-unreachable', { detail: 'x' })),
    });
    expect(await down.status()).toEqual({
      ok: false,
      code: 'control-unit-unreachable',
      detail: 'x',
      sent: false,
    });
    const confused = createCcspDriver({ open: memoryLink(() => 'IR#X').open });
    expect(await confused.status()).toMatchObject({
      ok: false,
      code: 'control-unit-reply-unexpected',
    });
  });

  it('turns a failed write into unreachable', async () => {
    const driver = createCcspDriver({
      replyTimeoutMs: 1_000,
      open: () =>
        Promise.resolve(
          ok({
            write: () => Promise.resolve(fail('control-unit-unreachable', { detail: 'EIO' })),
            close: () => undefined,
          }),
        ),
    });
    expect(await driver.status()).toEqual({
      ok: false,
      code: 'control-unit-unreachable',
      detail: 'EIO',
    });
  });
});
