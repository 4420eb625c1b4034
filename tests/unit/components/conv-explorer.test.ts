/** The convolution explorer's logic (no DOM): checks, presets, output, readout. Expectations derived by hand. */
import { describe, expect, it } from 'vitest';
import {
  SIDE,
  compute,
  describeCell,
  describeMap,
  fmt,
  moveCell,
  normalised,
  outputColour,
  parseKernelCell,
  parseSetting,
  presets,
  taps,
  type Settings,
} from '../../../src/components/conv-explorer/conv-explorer';
import { bmpDataUrl, inputSvgContent, inputViewBox, outputSvgContent } from '../../../src/components/conv-explorer/render';
import { cellName, cellText } from '../../../src/components/conv-explorer/conv-explorer';
import { convExplorerStrings } from '../../../src/components/conv-explorer/strings';

/** A 28×28 image with a single white pixel (byte 255) at (r, c). */
function dot(r: number, c: number): Uint8Array {
  const img = new Uint8Array(SIDE * SIDE);
  img[r * SIDE + c] = 255;
  return img;
}
/** A 28×28 image whose pixel (r, c) is c (a left-to-right ramp of bytes). */
function ramp(): Uint8Array {
  return Uint8Array.from({ length: SIDE * SIDE }, (_, i) => i % SIDE);
}
const base: Settings = { kernel: [...presets.identity.kernel], stride: 1, padding: 0, dilation: 1 };

describe('input checks', () => {
  it('reads numbers and fractions, refuses anything else with the cell named', () => {
    expect(parseKernelCell(0, '-1')).toEqual({ ok: true, value: -1 });
    expect(parseKernelCell(4, ' 0.5 ')).toEqual({ ok: true, value: 0.5 });
    expect(parseKernelCell(2, '1/9')).toEqual({ ok: true, value: 1 / 9 });
    expect(parseKernelCell(2, '−2')).toEqual({ ok: true, value: -2 });
    expect(parseKernelCell(5, 'abc')).toEqual({
      ok: false,
      message: 'Kernel weight (row 2, column 3) must be a number such as 0, -1, 0.5 or 1/9; “abc” is not.',
    });
    expect(parseKernelCell(0, '')).toEqual({
      ok: false,
      message: 'Kernel weight (row 1, column 1) is empty: type a number such as 0, -1, 0.5 or 1/9.',
    });
    expect(parseKernelCell(8, '1/0').ok).toBe(false);
    expect(parseKernelCell(8, '5000').ok).toBe(false);
  });

  it('refuses a stride of 0, negative padding and non-integers', () => {
    expect(parseSetting('stride', '0')).toEqual({
      ok: false,
      message: 'Stride must be at least 1 (a stride of 0 would not move the kernel); you typed 0.',
    });
    expect(parseSetting('padding', '-1')).toEqual({
      ok: false,
      message: 'Padding must be at least 0 (padding cannot be negative); you typed -1.',
    });
    expect(parseSetting('dilation', '1.5')).toEqual({ ok: false, message: 'Dilation must be a whole number; “1.5” is not.' });
    expect(parseSetting('stride', '')).toEqual({ ok: false, message: 'Stride is empty: type a whole number from 1 to 28.' });
    expect(parseSetting('padding', '11').ok).toBe(false);
    expect(parseSetting('padding', '3')).toEqual({ ok: true, value: 3 });
  });
});

describe('compute', () => {
  it('identity reproduces the input cropped by one pixel on each side (26×26)', () => {
    const r = compute(dot(5, 7), base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.size).toBe(26);
    expect(r.formula).toBe('⌊(28 + 2·0 − 1·(3 − 1) − 1) / 1 + 1⌋ = 26');
    // Output (i, j) reads the centre pixel (i + 1, j + 1): the dot lands at (4, 6).
    expect(r.output[4 * 26 + 6]).toBe(1);
    expect(r.output.reduce((s, v) => s + v, 0)).toBe(1);
    expect(r.scale).toBe(1);
  });

  it('Sobel-x on a left-to-right ramp gives 4 · (1/255) · 2 everywhere', () => {
    // Each row of the kernel (−1, 0, 1)·(1, 0, 1 weights 1,2,1) sees a difference of 2 bytes: (1 + 2 + 1)·2/255.
    const r = compute(ramp(), { ...base, kernel: [...presets['sobel-x'].kernel] });
    expect(r.ok && r.size).toBe(26);
    if (!r.ok) return;
    for (const v of r.output) expect(v).toBeCloseTo(8 / 255, 6);
  });

  it('follows stride, padding and dilation (sizes by Eq. conv-out)', () => {
    const strided = compute(dot(0, 0), { ...base, stride: 2, padding: 1 });
    // ⌊(28 + 2 − 2 − 1)/2⌋ + 1 = 14; output (0, 0) is centred on pixel (0, 0).
    expect(strided.ok && strided.size).toBe(14);
    if (strided.ok) expect(strided.output[0]).toBe(1);
    const dilated = compute(dot(2, 2), { ...base, dilation: 2 });
    // Effective kernel 5: 28 − 5 + 1 = 24; the centre tap of output (0, 0) is pixel (2, 2).
    expect(dilated.ok && dilated.size).toBe(24);
    if (dilated.ok) expect(dilated.output[0]).toBe(1);
  });

  it('explains a size ≤ 0 instead of computing', () => {
    const r = compute(dot(0, 0), { ...base, dilation: 14 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Effective kernel 14·2 + 1 = 29 > 28: ⌊(28 − 28 − 1)/1⌋ + 1 = 0.
    expect(r.formula).toBe('⌊(28 + 2·0 − 14·(3 − 1) − 1) / 1 + 1⌋ = 0');
    expect(r.message).toContain('spans 29 pixels');
    expect(r.message).toContain('28 + 2·0 = 28');
    // Padding 1 makes it fit again: 30 − 29 + 1 = 2.
    const fixed = compute(dot(0, 0), { ...base, dilation: 14, padding: 1 });
    expect(fixed.ok && fixed.size).toBe(2);
  });
});

describe('readout and drawing', () => {
  it('lists the taps of a cell, including padding', () => {
    const s = { ...base, padding: 1 };
    const t = taps(dot(0, 0), s, 0, 0);
    expect(t).toHaveLength(9);
    expect(t[0]).toMatchObject({ r: -1, c: -1, inside: false, x: 0 });
    expect(t[4]).toMatchObject({ u: 1, v: 1, r: 0, c: 0, inside: true, weight: 1, x: 1 });
  });

  it('writes the value and the sum of products, and they agree', () => {
    const s = { ...base, kernel: [...presets['sobel-x'].kernel] };
    const img = ramp();
    const r = compute(img, s);
    if (!r.ok) throw new Error('expected a result');
    const text = describeCell(img, s, r, 0, 0);
    // Window rows 1–3, columns 1–3: bytes 0, 1, 2 in every row.
    expect(text).toContain('Output row 1, column 1 of 26×26: y = 0.031.');
    expect(text).toContain('input rows 1–3, columns 1–3');
    expect(text).toContain('−1·0 + 1·0.008 − 2·0 + 2·0.008 − 1·0 + 1·0.008 = 0.031');
    expect(describeMap(r)).toBe('Feature map 26×26; values from 0.031 to 0.031. Drawn with black = 0, white = +0.031, orange = −0.031.');
  });

  it('formats, normalises and colours on the stated scale', () => {
    expect(fmt(-0.12345)).toBe('−0.123');
    expect(fmt(-0.0001)).toBe('0');
    expect(normalised(2, 4)).toBe(0.5);
    expect(normalised(1, 0)).toBe(0);
    expect(outputColour(4, 4)).toBe('rgb(255, 255, 255)');
    expect(outputColour(0, 4)).toBe('rgb(0, 0, 0)');
    expect(outputColour(-4, 4)).toBe('rgb(255, 140, 0)');
  });

  it('moves the highlighted cell with the keys and stays inside the map', () => {
    expect(moveCell([0, 0], 'ArrowUp', 26)).toEqual([0, 0]);
    expect(moveCell([0, 0], 'ArrowDown', 26)).toEqual([1, 0]);
    expect(moveCell([3, 25], 'ArrowRight', 26)).toEqual([3, 25]);
    expect(moveCell([3, 4], 'End', 26)).toEqual([3, 25]);
    expect(moveCell([3, 4], 'PageDown', 10)).toEqual([9, 4]);
    expect(moveCell([20, 20], 'x', 14)).toEqual([13, 13]);
  });

  it('encodes a bitmap as a top-down 24-bit BMP', () => {
    // 2×1 pixels: red, then blue. Rows are padded to 8 bytes (6 rounded up to a multiple of 4).
    const url = bmpDataUrl(2, 1, (_, c) => (c === 0 ? [255, 0, 0] : [0, 0, 255]));
    expect(url.startsWith('data:image/bmp;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(url.slice(22)), (ch) => ch.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe('BM');
    expect(view.getUint32(2, true)).toBe(54 + 8);
    expect(view.getInt32(18, true)).toBe(2);
    expect(view.getInt32(22, true)).toBe(-1);
    expect(view.getUint16(28, true)).toBe(24);
    expect([...bytes.slice(54)]).toEqual([0, 0, 255, 255, 0, 0, 0, 0]); // B, G, R per pixel
  });

  it('draws the padding, the digit and the window; the output as one bitmap', () => {
    const s = { ...base, padding: 2 };
    expect(inputViewBox(s)).toBe('-2 -2 32 32');
    const svg = inputSvgContent(dot(0, 0), s, [0, 0]);
    expect(svg).toContain('class="cx-pad" x="-2" y="-2" width="32" height="32"');
    expect(svg).toContain('<image class="cx-bitmap" href="data:image/bmp;base64,');
    expect(svg.match(/class="cx-tap"/g)).toHaveLength(9);
    // With p = 2 the window of output (0, 0) starts two pixels above and left of the image.
    expect(svg).toContain('class="cx-window" x="-2" y="-2" width="3" height="3"');
    const r = compute(dot(0, 0), base);
    if (!r.ok) throw new Error('expected a result');
    const out = outputSvgContent(r, [1, 2]);
    expect(out).toContain('width="26" height="26"');
    expect(out).toContain('class="cx-cell" x="2" y="1"');
  });
});

describe('words from the string table', () => {
  it('reads weights with the one number parser, fractions part by part', () => {
    expect(parseKernelCell(0, ' 1 / 16 ')).toEqual({ ok: true, value: 1 / 16 });
    expect(parseKernelCell(0, '-5000')).toEqual({
      ok: false,
      message: 'Kernel weight (row 1, column 1) is -5000; this figure accepts weights between −1000 and 1000.',
    });
    expect(parseKernelCell(0, '1000')).toEqual({ ok: true, value: 1000 });
    expect(parseKernelCell(1, '1/0')).toEqual({
      ok: false,
      message: 'Kernel weight (row 1, column 2) “1/0” divides by zero; give a finite number.',
    });
    expect(parseKernelCell(1, '1/2/3').ok).toBe(false);
    expect(parseKernelCell(1, '0x1').ok).toBe(false);
    expect(parseSetting('dilation', '21')).toEqual({
      ok: false,
      message: 'Dilation of 21 is more than this figure draws; use at most 20.',
    });
  });

  it('gives the readout its numbers, counted from 1, padding taps marked', () => {
    const s = { ...base, padding: 1 };
    const r = compute(dot(0, 0), s);
    if (!r.ok) throw new Error('expected a result');
    expect(cellText(dot(0, 0), s, r, 0, 0)).toEqual({
      row: 1,
      col: 1,
      size: 28,
      value: '1',
      rows: [0, 2],
      cols: [0, 2],
      dilation: 1,
      terms: [{ weight: '1', input: '1' }],
    });
  });

  it('words everything with the table it is given', () => {
    const t = {
      ...convExplorerStrings.en,
      cellName: (row: number, col: number) => `(${row}; ${col})`,
      weightEmpty: (cell: string) => `empty ${cell}`,
      readout: () => 'readout',
      map: () => 'map',
      noOutput: () => 'none',
    };
    expect(cellName(5, t)).toBe('(2; 3)');
    expect(parseKernelCell(5, '', t)).toEqual({ ok: false, message: 'empty (2; 3)' });
    const r = compute(dot(0, 0), base, t);
    if (!r.ok) throw new Error('expected a result');
    expect(describeCell(dot(0, 0), base, r, 0, 0, t)).toBe('readout');
    expect(describeMap(r, t)).toBe('map');
    expect(compute(dot(0, 0), { ...base, dilation: 14 }, t)).toMatchObject({ ok: false, message: 'none' });
  });
});
