import type { Recipient } from '../../src/addin/office/types';
import { startPreload } from '../../src/addin/taskpane/preload';
import type { LookupResult } from '../../src/shared/schemas';

const ann: Recipient = { email: 'ann@x.example', name: 'Ann', field: 'to' };
const answer: LookupResult[] = [{ email: 'ann@x.example', contact: null, enrollment: null }];
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the boot script’s preload: the recipients, looked up as soon as they are read', () => {
  test('nothing to hand over while the recipients are being read', () => {
    const lookup = jest.fn(async () => answer);
    const preload = startPreload(new Promise<Recipient[]>(() => undefined), { lookup });
    expect(preload.snapshot()).toBeUndefined();
    expect(lookup).not.toHaveBeenCalled();
  });

  test('read: their lookup starts, and is handed over in flight, then with its answer', async () => {
    let respond: (results: LookupResult[]) => void = () => undefined;
    const lookup = jest.fn(() => new Promise<LookupResult[]>((resolve) => (respond = resolve)));
    const recipients = [ann];
    const preload = startPreload(Promise.resolve(recipients), { lookup });
    await flush();
    expect(lookup).toHaveBeenCalledWith(['ann@x.example']);
    const inFlight = preload.snapshot();
    expect(inFlight?.recipients).toBe(recipients);
    expect(inFlight?.results).toBeUndefined();
    respond(answer);
    await expect(inFlight?.lookup).resolves.toBe(answer);
    expect(preload.snapshot()?.results).toBe(answer);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  test('a failed read or lookup hands over nothing answered (the panel reads, asks and reports itself)', async () => {
    const failedRead = startPreload(Promise.reject(new Error('no item')), { lookup: jest.fn() });
    const failedLookup = startPreload(Promise.resolve([ann]), {
      lookup: jest.fn(async () => {
        throw new Error('offline');
      }),
    });
    await flush();
    expect(failedRead.snapshot()).toBeUndefined();
    await expect(failedLookup.snapshot()?.lookup).rejects.toThrow('offline');
    expect(failedLookup.snapshot()?.results).toBeUndefined();
  });
});
