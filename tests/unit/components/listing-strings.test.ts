/** The runnable listing's words: the status lines come from its string table. */
import { describe, expect, it } from 'vitest';
import { finishedStatus, seconds, stoppedStatus, timeoutStatus } from '../../../src/components/listing/protocol';
import { listingStrings } from '../../../src/components/listing/strings';

describe('listing strings', () => {
  it('names a listing by its number, or plainly outside a chapter', () => {
    expect(listingStrings.en.name('3.2')).toBe('Listing 3.2');
    expect(listingStrings.en.name(undefined)).toBe('Listing');
  });

  it('writes the status lines with the table it is given', () => {
    const t = {
      ...listingStrings.en,
      seconds: (s: number) => `${s} sec`,
      finished: (time: string) => `Done in ${time}.`,
      stopped: (time: string) => `Halted at ${time}.`,
      timedOut: (n: number) => `Limit ${n}.`,
    };
    expect(seconds(1500, t)).toBe('1.5 sec');
    expect(finishedStatus(1500, false, t)).toBe('Done in 1.5 sec.');
    expect(finishedStatus(1500, true, t)).toBe('The code stopped with an error after 1.5 sec.');
    expect(stoppedStatus(20_400, t)).toBe('Halted at 20 sec.');
    expect(timeoutStatus(10, t)).toBe('Limit 10.');
    expect(stoppedStatus(420)).toBe('Stopped by you after 0.42 s. Press Run to start again.');
  });
});
