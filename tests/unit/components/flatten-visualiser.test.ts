/** The flatten visualiser's index math, keyboard moves and input checks (no DOM). Expectations worked out by hand. */
import { describe as group, expect, it } from 'vitest';
import {
  cellAt,
  cellLabel,
  cells,
  clampCell,
  describe,
  elementLabel,
  flatLength,
  keyDirection,
  moveInBlock,
  moveInVector,
  nchwIndex,
  nhwcIndex,
  parseDim,
  vectors,
} from '../../../src/components/flatten-visualiser/flatten';
import { renderStage } from '../../../src/components/flatten-visualiser/render';
import { flattenStrings } from '../../../src/components/flatten-visualiser/strings';

const d234 = { c: 2, h: 3, w: 4 };

group('flatten visualiser: index formulas', () => {
  it('PyTorch order is c·H·W + h·W + w', () => {
    // 2×3×4: H·W = 12.
    expect(nchwIndex(d234, 0, 0, 0)).toBe(0);
    expect(nchwIndex(d234, 0, 0, 1)).toBe(1); // w is fastest
    expect(nchwIndex(d234, 0, 1, 0)).toBe(4); // next row: + W
    expect(nchwIndex(d234, 1, 0, 0)).toBe(12); // next channel: + H·W
    expect(nchwIndex(d234, 1, 1, 2)).toBe(18); // 12 + 4 + 2
    expect(nchwIndex(d234, 1, 2, 3)).toBe(23); // the last element
  });

  it('Keras order is h·W·C + w·C + c', () => {
    // 2×3×4: W·C = 8.
    expect(nhwcIndex(d234, 0, 0, 0)).toBe(0);
    expect(nhwcIndex(d234, 1, 0, 0)).toBe(1); // c is fastest
    expect(nhwcIndex(d234, 0, 0, 1)).toBe(2); // next column: + C
    expect(nhwcIndex(d234, 0, 1, 0)).toBe(8); // next row: + W·C
    expect(nhwcIndex(d234, 1, 1, 2)).toBe(13); // 8 + 4 + 1
    expect(nhwcIndex(d234, 1, 2, 3)).toBe(23);
  });

  it('works for other shapes', () => {
    const d = { c: 3, h: 2, w: 2 };
    expect(nchwIndex(d, 2, 1, 0)).toBe(10); // 2·4 + 1·2 + 0
    expect(nhwcIndex(d, 2, 1, 0)).toBe(8); // 1·6 + 0·3 + 2
    expect(flatLength(d)).toBe(12);
    expect(flatLength(d234)).toBe(24);
    expect(flatLength({ c: 4, h: 4, w: 4 })).toBe(64);
  });

  it('both orders are permutations of 0 … C·H·W − 1', () => {
    const all = cells(d234);
    expect(all).toHaveLength(24);
    expect(new Set(all.map((c) => c.nchw)).size).toBe(24);
    expect(new Set(all.map((c) => c.nhwc)).size).toBe(24);
    expect(Math.max(...all.map((c) => c.nhwc))).toBe(23);
  });

  it('lists each vector in its own order', () => {
    const { nchw, nhwc } = vectors(d234);
    const chw = (cell: { c: number; h: number; w: number } | undefined): string => `${cell?.c},${cell?.h},${cell?.w}`;
    expect(nchw.slice(0, 2).map(chw)).toEqual(['0,0,0', '0,0,1']);
    expect(nchw.slice(11, 13).map(chw)).toEqual(['0,2,3', '1,0,0']);
    expect(nhwc.slice(0, 4).map(chw)).toEqual(['0,0,0', '1,0,0', '0,0,1', '1,0,1']);
    expect(chw(nhwc[8])).toBe('0,1,0');
  });

  it('with one channel the two orders agree', () => {
    for (const cell of cells({ c: 1, h: 3, w: 4 })) expect(cell.nchw).toBe(cell.nhwc);
  });
});

group('flatten visualiser: text', () => {
  it('labels cells and elements with both indices', () => {
    const cell = cellAt(d234, 1, 1, 2);
    expect(cellLabel(cell)).toBe('channel 1, row 1, column 2: index 18 in PyTorch order, 13 in Keras order');
    expect(elementLabel('nchw', 18, cell)).toBe('PyTorch order, index 18: channel 1, row 1, column 2 (index 13 in Keras order)');
    expect(elementLabel('nhwc', 13, cell)).toBe('Keras order, index 13: channel 1, row 1, column 2 (index 18 in PyTorch order)');
  });

  it('writes both formulas out with the numbers', () => {
    const text = describe(d234, cellAt(d234, 1, 1, 2));
    expect(text.nchw).toBe('1·3·4 + 1·4 + 2 = 18');
    expect(text.nhwc).toBe('1·4·2 + 2·2 + 1 = 13');
    expect(text.summary).toContain('index 18 in PyTorch order and 13 in Keras order');
  });

  it('renders C grids and two vectors of C·H·W elements, one tab stop each', () => {
    const html = renderStage(d234, cellAt(d234, 1, 1, 2));
    expect(html.match(/data-part="block"/g)).toHaveLength(24);
    expect(html.match(/data-part="nchw"/g)).toHaveLength(24);
    expect(html.match(/data-part="nhwc"/g)).toHaveLength(24);
    expect(html.match(/class="fv-channel"/g)).toHaveLength(2);
    expect(html.match(/tabindex="0"/g)).toHaveLength(3);
    expect(html).toContain('data-part="nchw" data-pos="18" data-c="1" data-h="1" data-w="2" tabindex="0"');
    expect(html).toContain('data-part="nhwc" data-pos="13" data-c="1" data-h="1" data-w="2" tabindex="0"');
  });
});

group('flatten visualiser: keyboard', () => {
  it('moves within a channel and across to the next one', () => {
    expect(moveInBlock(d234, { c: 0, h: 1, w: 1 }, 'right')).toEqual({ c: 0, h: 1, w: 2 });
    expect(moveInBlock(d234, { c: 0, h: 1, w: 3 }, 'right')).toEqual({ c: 1, h: 1, w: 0 });
    expect(moveInBlock(d234, { c: 1, h: 1, w: 0 }, 'left')).toEqual({ c: 0, h: 1, w: 3 });
    expect(moveInBlock(d234, { c: 1, h: 2, w: 3 }, 'right')).toEqual({ c: 1, h: 2, w: 3 });
    expect(moveInBlock(d234, { c: 0, h: 0, w: 0 }, 'left')).toEqual({ c: 0, h: 0, w: 0 });
    expect(moveInBlock(d234, { c: 0, h: 0, w: 2 }, 'down')).toEqual({ c: 0, h: 1, w: 2 });
    expect(moveInBlock(d234, { c: 0, h: 2, w: 2 }, 'down')).toEqual({ c: 0, h: 2, w: 2 });
    expect(moveInBlock(d234, { c: 0, h: 2, w: 2 }, 'next-channel')).toEqual({ c: 1, h: 2, w: 2 });
    expect(moveInBlock(d234, { c: 1, h: 2, w: 2 }, 'first')).toEqual({ c: 0, h: 0, w: 0 });
    expect(moveInBlock(d234, { c: 0, h: 0, w: 0 }, 'last')).toEqual({ c: 1, h: 2, w: 3 });
  });

  it('moves along a vector and stops at its ends', () => {
    expect(moveInVector(24, 5, 'right')).toBe(6);
    expect(moveInVector(24, 23, 'right')).toBe(23);
    expect(moveInVector(24, 0, 'left')).toBe(0);
    expect(moveInVector(24, 9, 'end' as never)).toBe(9);
    expect(moveInVector(24, 9, 'last')).toBe(23);
    expect(moveInVector(24, 9, 'first')).toBe(0);
    expect(keyDirection('ArrowRight')).toBe('right');
    expect(keyDirection('PageDown')).toBe('next-channel');
    expect(keyDirection('a')).toBeNull();
  });

  it('keeps the selected cell inside a smaller block', () => {
    const cell = clampCell({ c: 1, h: 2, w: 2 }, { c: 1, h: 2, w: 3 });
    expect([cell.c, cell.h, cell.w, cell.nchw, cell.nhwc]).toEqual([0, 1, 1, 3, 3]);
  });
});

group('flatten visualiser: input', () => {
  it('accepts 1 to 4 and names the field and the problem otherwise', () => {
    expect(parseDim('c', ' 3 ')).toEqual({ ok: true, value: 3 });
    expect(parseDim('c', '')).toEqual({ ok: false, message: 'Channels C is empty: type a whole number from 1 to 4.' });
    expect(parseDim('h', '0')).toEqual({ ok: false, message: 'Height H must be at least 1; you typed 0.' });
    expect(parseDim('w', '5')).toEqual({
      ok: false,
      message: 'Width W must be at most 4, so that every element stays readable; you typed 5.',
    });
    expect(parseDim('w', '2.5')).toEqual({ ok: false, message: 'Width W must be a whole number from 1 to 4; “2.5” is not.' });
    expect(parseDim('w', 'abc').ok).toBe(false);
  });
});

group('flatten visualiser: words from the string table', () => {
  it('reads sizes with the one number parser', () => {
    expect(parseDim('h', '2e0')).toEqual({ ok: true, value: 2 });
    expect(parseDim('h', '0x2')).toEqual({ ok: false, message: 'Height H must be a whole number from 1 to 4; “0x2” is not.' });
    expect(parseDim('c', '−1')).toEqual({ ok: false, message: 'Channels C must be at least 1; you typed -1.' });
  });

  it('renders, labels and reads with the table it is given', () => {
    const t = {
      ...flattenStrings.en,
      cellLabel: () => 'cell',
      elementLabel: () => 'element',
      channelTitle: (c: number) => `C${c}`,
      blockLabel: () => 'block',
      vectorLabel: (title: string, n: number) => `${title} <${n}>`,
      summary: () => 'summary',
      dims: { c: 'C', h: 'H', w: 'W' },
    };
    const cell = cellAt(d234, 1, 1, 2);
    const html = renderStage(d234, cell, t);
    expect(html.match(/aria-label="cell"/g)).toHaveLength(24);
    expect(html.match(/aria-label="element"/g)).toHaveLength(48);
    expect(html).toContain('>C1</p>');
    expect(html).toContain('aria-label="block"');
    // Words from a table are escaped like any other text.
    expect(html).toContain('aria-label="Flattened in PyTorch order (NCHW) &lt;24&gt;"');
    expect(describe(d234, cell, t).summary).toBe('summary');
    expect(parseDim('w', '', t)).toEqual({ ok: false, message: 'W is empty: type a whole number from 1 to 4.' });
  });
});
