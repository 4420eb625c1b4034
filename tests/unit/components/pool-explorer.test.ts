/** The pooling explorer's logic (no DOM), with expectations worked out by hand. */
import { describe, expect, it } from 'vitest';
import {
  computePool,
  defaultMap,
  defaultSettings,
  describeCell,
  formatShare,
  formatValue,
  moveSelection,
  parseField,
  renderView,
  routeCell,
  type PoolResult,
} from '../../../src/components/pool-explorer/pool-explorer';
import { cellFacts } from '../../../src/components/pool-explorer/pool-explorer';
import { poolExplorerStrings } from '../../../src/components/pool-explorer/strings';

function ok(settings: Parameters<typeof computePool>[0], map?: number[]): PoolResult {
  const r = computePool(settings, map);
  if (!r.ok) throw new Error(r.message);
  return r;
}

// 0..48 row by row: the maximum of any window is its bottom-right cell.
const ramp = Array.from({ length: 49 }, (_, i) => i);

describe('pool-explorer: forward', () => {
  it('draws the same seeded 7×7 map of digits 0–9 every time', () => {
    const a = defaultMap();
    expect(a).toHaveLength(49);
    expect(a).toEqual(defaultMap());
    expect(a.every((v) => Number.isInteger(v) && v >= 0 && v <= 9)).toBe(true);
  });

  it('pools 2×2 windows with stride 2 in floor mode to 3×3', () => {
    const r = ok(defaultSettings, ramp);
    expect([r.outH, r.outW]).toEqual([3, 3]);
    // Window (0,0) holds 0, 1, 7, 8: max 8, mean 4. Window (1,2): rows 2–3, cols 4–5 = 18,19,25,26.
    expect(r.max.data[0]).toBe(8);
    expect(r.avg.data[0]).toBe(4);
    expect(r.max.data[5]).toBe(26);
    expect(r.avg.data[5]).toBe(22);
  });

  it('ceil_mode adds the partial last row and column (7 → 4)', () => {
    const r = ok({ k: 2, s: 2, p: 0, ceil: true }, ramp);
    expect([r.outH, r.outW]).toEqual([4, 4]);
    // The last window holds only cell (6,6) = 48; the average divides by that 1 cell.
    expect(r.max.data[15]).toBe(48);
    expect(r.avg.data[15]).toBe(48);
  });

  it("refuses padding above half the kernel with the library's message", () => {
    const r = computePool({ k: 2, s: 2, p: 2, ceil: false });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe('p');
      expect(r.message).toMatch(/padding=\(2, 2\) is more than half the kernel size/);
    }
  });

  it('refuses a kernel larger than the padded map', () => {
    const r = computePool({ k: 9, s: 1, p: 0, ceil: false });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe('k');
      expect(r.message).toMatch(/9×9 window does not fit in its 7×7 input/);
    }
  });
});

describe('pool-explorer: gradient routing', () => {
  it('sends the max gradient to the arg-max only, the average gradient as 1/4 to each cell', () => {
    const r = ok(defaultSettings, ramp);
    const c = routeCell(r, 1, 2);
    expect(c.argmax).toBe(26);
    expect(Array.from(c.dxMax).filter((v) => v !== 0)).toEqual([1]);
    expect(c.dxMax[26]).toBe(1);
    for (const at of [18, 19, 25, 26]) expect(c.dxAvg[at]).toBe(0.25);
    expect(Array.from(c.dxAvg).filter((v) => v !== 0)).toHaveLength(4);
    expect([c.cells, c.divisor, c.r0, c.c0]).toEqual([4, 4, 2, 4]);
  });

  it('counts padded zeros in the divisor (count_include_pad) but gives them no gradient', () => {
    // k = 3, s = 2, p = 1: window (0,0) covers rows/cols −1…1, 4 real cells, divisor 9.
    const r = ok({ k: 3, s: 2, p: 1, ceil: false }, ramp);
    const c = routeCell(r, 0, 0);
    expect([c.cells, c.divisor, c.r0, c.c0]).toEqual([4, 9, -1, -1]);
    expect(c.dxAvg[0]).toBeCloseTo(1 / 9, 6);
    expect(r.avg.data[0]).toBeCloseTo((0 + 1 + 7 + 8) / 9, 5);
    expect(describeCell(r, c)).toMatch(/rows −1 to 1 .*padding.*The divisor is 9, not 4/);
  });

  it('describes the default cell in words', () => {
    const r = ok(defaultSettings, ramp);
    expect(describeCell(r, routeCell(r, 0, 0))).toBe(
      'Output cell row 0, column 0 (counting from 0, as PyTorch does): its window covers input rows 0 to 1 and columns 0 to 1, 4 cells of the map. ' +
        'Max pooling gives 8, found at input row 1, column 1; in the backward pass that cell alone receives the gradient (×1), the others 0. ' +
        'Average pooling gives 4; each of the 4 cells receives 1/4 of the gradient.',
    );
  });
});

describe('pool-explorer: rendering and input', () => {
  it('renders five grids: padding cells, the window, a focusable selected cell', () => {
    const r = ok({ k: 3, s: 2, p: 1, ceil: false }, ramp);
    const html = renderView(r, 0, 0, 't');
    expect(html.match(/<table/g)).toHaveLength(5);
    // 9×9 padded input: 32 padding cells, of which 5 are in window (0,0).
    expect(html.match(/class="pad"/g)).toHaveLength(27);
    expect(html.match(/class="in-window pad"/g)).toHaveLength(5);
    expect(html.match(/tabindex="0"/g)).toHaveLength(2);
    expect(html).toContain('aria-label="average 1.78, row 0, column 0"');
  });

  it('formats values and shares', () => {
    expect(formatValue(4)).toBe('4');
    expect(formatValue(4.25)).toBe('4.25');
    expect(formatShare(0)).toBe('0');
    expect(formatShare(1)).toBe('1');
    expect(formatShare(1 / 9)).toBe('1/9');
    expect(formatShare(0.25)).toBe('1/4');
  });

  it('moves the selection with the arrow keys, stopping at the edges', () => {
    expect(moveSelection('ArrowRight', 0, 0, 3, 3)).toEqual([0, 1]);
    expect(moveSelection('ArrowLeft', 0, 0, 3, 3)).toEqual([0, 0]);
    expect(moveSelection('ArrowDown', 2, 1, 3, 3)).toEqual([2, 1]);
    expect(moveSelection('End', 1, 0, 3, 4)).toEqual([1, 3]);
    expect(moveSelection('a', 0, 0, 3, 3)).toBeNull();
  });

  it('names the field and the problem for bad typed input', () => {
    expect(parseField('k', '')).toEqual({ ok: false, message: 'Kernel size is empty: type a whole number from 1 to 9.' });
    expect(parseField('s', '0')).toEqual({ ok: false, message: 'Stride must be at least 1; you typed 0.' });
    expect(parseField('p', '1.5')).toEqual({ ok: false, message: 'Padding must be a whole number; “1.5” is not.' });
    expect(parseField('k', '12')).toEqual({ ok: false, message: 'Kernel size of 12 is more than this 7×7 explorer shows (9 at most).' });
    expect(parseField('p', ' 1 ')).toEqual({ ok: true, value: 1 });
  });
});

describe('pool-explorer: words from the string table', () => {
  it('tells the readout why the divisor is smaller under ceil_mode', () => {
    // 7 → 4 with k = s = 2: the last window, rows and columns 6–7, holds one cell of the map.
    const r = ok({ k: 2, s: 2, p: 0, ceil: true }, ramp);
    const c = routeCell(r, 3, 3);
    expect(cellFacts(r, c)).toMatchObject({ rows: ['6', '7'], cells: 1, divisor: 1, divisorNote: 'ceil', padded: false });
    expect(describeCell(r, c)).toContain('1 cell of the map (3 of its 4 positions lie outside the 7×7 map)');
    expect(describeCell(r, c)).toContain(
      'its one cell receives 1/1 of the gradient. The window runs past the padded map (ceil_mode), so PyTorch divides by the 1 position inside it.',
    );
  });

  it('writes padding rows with a true minus sign', () => {
    const r = ok({ k: 3, s: 2, p: 1, ceil: false }, ramp);
    expect(cellFacts(r, routeCell(r, 0, 0))).toMatchObject({
      rows: ['−1', '1'],
      cols: ['−1', '1'],
      padded: true,
      divisorNote: 'counts-padding',
    });
  });

  it('renders and reads with the table it is given', () => {
    const t = { ...poolExplorerStrings.en, outputCell: () => 'cell', padding: 'pad', readout: () => 'readout' };
    const r = ok({ k: 3, s: 2, p: 1, ceil: false }, ramp);
    const html = renderView(r, 0, 0, 't', t);
    expect(html.match(/aria-label="cell"/g)).toHaveLength(2 * r.outH * r.outW);
    expect(html).toContain('<span class="visually-hidden">pad</span>');
    expect(describeCell(r, routeCell(r, 0, 0), t)).toBe('readout');
    expect(parseField('k', '12', { ...t, fields: { k: 'K', s: 'S', p: 'P' } })).toEqual({
      ok: false,
      message: 'K of 12 is more than this 7×7 explorer shows (9 at most).',
    });
  });

  it('reads the fields with the one number parser (plain decimals only)', () => {
    expect(parseField('k', '0x3').ok).toBe(false);
    expect(parseField('s', '2e0')).toEqual({ ok: true, value: 2 });
    expect(parseField('p', '−1')).toEqual({ ok: false, message: 'Padding must be at least 0; you typed -1.' });
  });
});
