/**
 * The dropout visualiser's fields read by the kit's one number parser (parseNumber)
 * with the widget's own wording: the messages are those the widget always gave.
 */
import { describe, expect, it } from 'vitest';
import { parseP, parseSeed } from '../../../src/components/dropout-masks/dropout-masks';

const message = (r: { ok: true } | { ok: false; message: string }): string => (r.ok ? 'accepted' : r.message);

describe('dropout-masks: the fields through parseNumber', () => {
  it('words every refusal of p as the widget does', () => {
    expect(message(parseP(''))).toBe('Drop probability p is empty: type a number from 0 up to, but not including, 1 (for example 0.5).');
    expect(message(parseP('abc'))).toBe(
      'Drop probability p must be a number; “abc” is not. Type a number from 0 up to, but not including, 1.',
    );
    // Past float32: a number that is too large, or no number at all.
    expect(message(parseP('1e39'))).toMatch(/^Drop probability p = 1e\+39 is too large: p must be below 1\./);
    expect(message(parseP('1e999'))).toBe(
      'Drop probability p must be a number; “1e999” is not. Type a number from 0 up to, but not including, 1.',
    );
    expect(message(parseP('-0.5'))).toBe(
      'Drop probability p cannot be negative (you typed -0.5): it is a probability, from 0 up to, but not including, 1.',
    );
    // The kit's rules: a minus sign reads as a hyphen-minus, hexadecimal is not a number.
    expect(message(parseP('−0.5'))).toBe(message(parseP('-0.5')));
    expect(message(parseP('0x1'))).toMatch(/“0x1” is not/);
    expect(parseP(' 0.25 ')).toEqual({ ok: true, value: 0.25 });
  });

  it('words every refusal of the seed as the widget does', () => {
    expect(message(parseSeed(' '))).toBe('Seed is empty: type a whole number from 0 to 4,294,967,295.');
    for (const bad of ['x', '1.5', '-1', '4294967296', '1e999'])
      expect(message(parseSeed(bad)), bad).toBe(`Seed must be a whole number from 0 to 4,294,967,295; “${bad}” is not.`);
    expect(parseSeed('4294967295')).toEqual({ ok: true, value: 4294967295 });
  });
});
