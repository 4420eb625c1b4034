/** LeNet-5 counted as the 1998 paper counts it, against the paper's own numbers. */
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/lib/inspector';
import { examples } from '../../../src/components/inspector/examples';
import { C3_CONNECTIONS, lenet1998Params } from '../../../src/lib/lenet1998';

describe('LeNet-5 of LeCun et al. (1998)', () => {
  const layers = lenet1998Params();
  const byName = (name: string) => layers.find((l) => l.name === name)!;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('has Table I’s connections: 6 maps read 3 inputs, 9 read 4, one reads all 6, each S2 map read by 10', () => {
    expect(C3_CONNECTIONS.map((c) => c.length).sort()).toEqual([...Array(6).fill(3), ...Array(9).fill(4), 6].sort());
    for (let m = 0; m < 6; m++) expect(C3_CONNECTIONS.filter((c) => c.includes(m)).length).toBe(10);
    expect(new Set(C3_CONNECTIONS.map((c) => c.join())).size).toBe(16);
  });

  it('gives the paper’s per-layer counts (C3 1,516, C5 48,120, F6 10,164) and its 60,000 in all', () => {
    expect(byName('C1').trainable).toBe(156);
    expect(byName('C3').trainable).toBe(1516);
    expect(byName('C5').trainable).toBe(48120);
    expect(byName('F6').trainable).toBe(10164);
    expect(sum(layers.map((l) => l.trainable))).toBe(60000);
  });

  it('the modern column adds up to what the inspector counts for content/models/lenet5.txt', () => {
    const lenet = examples.find((e) => e.id === 'lenet5')!;
    expect(sum(layers.map((l) => l.modern.trainable))).toBe(inspect(lenet.source, lenet.input).totals.parameters);
  });
});
