/** Chapter 2 (pooling): the PyTorch listing's shape comments hold, checked by the model inspector. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/lib/inspector/index';
import { poolOutputSize } from '../../../src/lib/shapes';
import { listingIn } from './listing';

const mdx = readFileSync(new URL('../../../content/chapters/02-pooling.mdx', import.meta.url), 'utf8');

const listing = (title: string): string => listingIn(mdx, title, '02-pooling.mdx');

describe('pooling chapter: pooling_head.py', () => {
  const source = listing('pooling_head.py');
  const report = inspect(source, '1,28,28');

  it('is read without errors and ends in 10 classes', () => {
    expect(report.errors).toEqual([]);
    expect(report.output).toEqual([1, 10]);
  });

  it('matches every "H×W → H×W" comment', () => {
    const lines = source.split('\n');
    const checked: string[] = [];
    for (const row of report.layers) {
      const comment = lines[row.line - 1]?.match(/#\s*(\d+)×(\d+) → (\d+)×(\d+)/);
      if (!comment) continue;
      const [, hin, win, hout, wout] = comment.map(Number);
      expect(row.inputShape?.slice(2), `${row.args} input`).toEqual([hin, win]);
      expect(row.outputShape?.slice(2), `${row.args} output`).toEqual([hout, wout]);
      checked.push(row.type);
    }
    expect(checked).toEqual(['Conv2d', 'MaxPool2d', 'Conv2d', 'MaxPool2d', 'AdaptiveAvgPool2d']);
  });

  it('flattens to the 64 features the comment and the Linear state', () => {
    const flatten = report.layers.find((l) => l.type === 'Flatten');
    expect(flatten?.outputShape).toEqual([1, 64]);
    expect(report.linears.every((l) => l.ok)).toBe(true);
    // The pooling layers have no parameters.
    for (const l of report.layers.filter((r) => r.type.includes('Pool'))) expect(l.params?.trainable).toBe(0);
  });
});

describe('pooling chapter: the ceil_mode cases of the text (reference-facts, "Shape formulas")', () => {
  it('ceil_mode adds a row for 11 → 6, and the rule removes a window for 5 with p = 1', () => {
    expect(poolOutputSize(11, 2, 2, 0, 1, false)).toBe(5);
    expect(poolOutputSize(11, 2, 2, 0, 1, true)).toBe(6);
    // ⌊(5 + 2 − 2 + 1)/2⌋ + 1 = 4, but (4 − 1)·2 = 6 ≥ 5 + 1, so 3.
    expect(poolOutputSize(5, 2, 2, 1, 1, true)).toBe(3);
  });
});
