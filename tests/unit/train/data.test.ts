import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  classCounts,
  encodeDigits,
  gunzip,
  loadDigitsBrowser,
  makeBlobs,
  makeSpirals,
  parseDigits,
  shiftDigits,
  splitDigits,
  takeDigits,
} from '../../../src/train/data';
import type { Digits } from '../../../src/train/data';
import { floatToByte, mnistPackageFiles } from '../../../src/train/data-node';
import { digits } from './helpers';

const tiny: Digits = {
  count: 2,
  rows: 2,
  cols: 3,
  images: Uint8Array.from([0, 1, 2, 3, 4, 255, 9, 8, 7, 6, 5, 4]),
  labels: Uint8Array.from([3, 9]),
};

describe('the digits file', () => {
  it('has the 10,000 digits of the mnist package, class counts as in MNIST', () => {
    const { all } = digits();
    expect([all.count, all.rows, all.cols]).toEqual([10000, 28, 28]);
    expect(classCounts(all)).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it('converts the package floats to bytes losslessly (class 0 checked value by value)', () => {
    const { all } = digits();
    const floats = (JSON.parse(readFileSync(mnistPackageFiles()[0] as string, 'utf8')) as { data: number[] }).data;
    expect(floats.length).toBe(1001 * 784);
    for (let i = 0; i < floats.length; i++) {
      const b = all.images[i] as number;
      // the stored byte, rounded back to 3 decimals, is exactly the package's float
      if (Math.round((b / 255) * 1000) / 1000 !== floats[i]) throw new Error(`value ${i}: ${b} vs ${floats[i]}`);
    }
    expect(floatToByte(0.2)).toBe(51);
    expect(floatToByte(1)).toBe(255);
    expect(() => floatToByte(0.5)).toThrow(/not a byte/); // 127.5: no byte rounds to 0.500
    expect(() => floatToByte(1.2)).toThrow(/not a byte/);
  });

  it('round-trips through encode / gzip / DecompressionStream / parse', async () => {
    const bytes = await gunzip(new Uint8Array(gzipSync(encodeDigits(tiny))));
    expect(parseDigits(bytes)).toEqual(tiny);
  });

  it('loads with fetch + DecompressionStream (as in the worker)', async () => {
    const url = `data:application/octet-stream;base64,${Buffer.from(gzipSync(encodeDigits(tiny))).toString('base64')}`;
    expect(await loadDigitsBrowser(url)).toEqual(tiny);
  });

  it('rejects a bad magic, a gzip stream, a wrong version and a truncated file', () => {
    const good = encodeDigits(tiny);
    const badMagic = good.slice();
    badMagic[0] = 0x58;
    expect(() => parseDigits(badMagic)).toThrow(/magic is "XCDG", expected "FCDG"/);
    expect(() => parseDigits(new Uint8Array(gzipSync(good)))).toThrow(/still gzip-compressed/);
    const badVersion = good.slice();
    badVersion[4] = 2;
    expect(() => parseDigits(badVersion)).toThrow(/version 2/);
    expect(() => parseDigits(good.slice(0, good.length - 1))).toThrow(/Corrupt digits file/);
    expect(() => parseDigits(good.slice(0, 10))).toThrow(/shorter than the 16-byte header/);
  });
});

describe('splitDigits', () => {
  it('splits 8,000 / 1,000 / 1,000 without overlap, covering every digit', () => {
    const { split } = digits();
    expect([split.train.count, split.val.count, split.test.count]).toEqual([8000, 1000, 1000]);
    const all = [...split.indices.train, ...split.indices.val, ...split.indices.test];
    expect(new Set(all).size).toBe(10000);
    expect(Math.min(...all)).toBe(0);
    expect(Math.max(...all)).toBe(9999);
  });

  it('is class-balanced: every class is 7–13 % of every split (and 80/10/10 of itself)', () => {
    const { all, split } = digits();
    const totals = classCounts(all);
    for (const part of [split.train, split.val, split.test]) {
      const counts = classCounts(part);
      for (const c of counts) {
        expect(c / part.count).toBeGreaterThanOrEqual(0.07);
        expect(c / part.count).toBeLessThanOrEqual(0.13);
      }
    }
    classCounts(split.val).forEach((c, k) => expect(Math.abs(c - (totals[k] as number) / 10)).toBeLessThanOrEqual(1));
  });

  it('is fixed by its seed, keeps image–label pairs, and interleaves classes', () => {
    const { all, split } = digits();
    const again = splitDigits(all);
    expect(again.indices).toEqual(split.indices);
    expect(splitDigits(all, 1).indices.train).not.toEqual(split.indices.train);
    const i = split.indices.test[17] as number;
    expect(split.test.labels[17]).toBe(all.labels[i]);
    expect(split.test.images.subarray(17 * 784, 18 * 784)).toEqual(all.images.subarray(i * 784, (i + 1) * 784));
    expect(new Set(split.train.labels.subarray(0, 50)).size).toBeGreaterThan(5);
  });
});

describe('shiftDigits', () => {
  const few = () => takeDigits(digits().split.test, 20);
  const sum = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);

  it('is the identity with no shift on a 28×28 canvas', () => {
    const d = few();
    const s = shiftDigits(d, 0, 1);
    expect(s.images).toEqual(d.images);
    expect(Array.from(s.offsets).every((o) => o === 0)).toBe(true);
  });

  it('places each digit at a seeded offset within ±maxShift on a larger canvas, losing no ink', () => {
    const d = few();
    const s = shiftDigits(d, 4, 9, 40);
    expect([s.rows, s.cols, s.images.length]).toEqual([40, 40, 20 * 1600]);
    expect(Array.from(s.offsets).every((o) => Math.abs(o) <= 4)).toBe(true);
    expect(new Set(s.offsets).size).toBeGreaterThan(3);
    expect(sum(s.images)).toBe(sum(d.images));
    // pixel (r, c) of image 0 lands at (6 + dy + r, 6 + dx + c)
    const [dy, dx] = [s.offsets[0] as number, s.offsets[1] as number];
    for (const [r, c] of [
      [14, 14],
      [10, 12],
      [20, 8],
    ] as const) {
      expect(s.images[(6 + dy + r) * 40 + 6 + dx + c]).toBe(d.images[r * 28 + c]);
    }
    expect(shiftDigits(d, 4, 9, 40).images).toEqual(s.images);
    expect(shiftDigits(d, 4, 10, 40).images).not.toEqual(s.images);
  });

  it('rejects a canvas smaller than the digits', () => {
    expect(() => shiftDigits(few(), 1, 1, 20)).toThrow(/canvas/);
  });
});

describe('synthetic point clouds', () => {
  it('makeBlobs: n points, balanced labels, seeded, clustered around their centres', () => {
    const b = makeBlobs(300, 3, 5);
    expect(b.xy.length).toBe(600);
    expect(classCounts({ count: 300, rows: 1, cols: 1, images: new Uint8Array(300), labels: b.labels }).slice(0, 3)).toEqual([
      100, 100, 100,
    ]);
    expect(makeBlobs(300, 3, 5)).toEqual(b);
    for (let k = 0; k < 3; k++) {
      let mx = 0;
      let my = 0;
      for (let i = k; i < 300; i += 3) {
        mx += (b.xy[2 * i] as number) / 100;
        my += (b.xy[2 * i + 1] as number) / 100;
      }
      expect(Math.hypot(mx - 2 * Math.cos((2 * Math.PI * k) / 3), my - 2 * Math.sin((2 * Math.PI * k) / 3))).toBeLessThan(0.2);
    }
  });

  it('makeSpirals: n points within the unit disc (plus noise), seeded, all classes', () => {
    const s = makeSpirals(200, 4, 3);
    expect(s.count).toBe(200);
    expect(new Set(s.labels).size).toBe(4);
    for (let i = 0; i < 200; i++) expect(Math.hypot(s.xy[2 * i] as number, s.xy[2 * i + 1] as number)).toBeLessThanOrEqual(1 + 1e-6);
    expect(makeSpirals(200, 4, 3)).toEqual(s);
    expect(() => makeSpirals(10, 1, 3)).toThrow(/classes/);
  });
});
