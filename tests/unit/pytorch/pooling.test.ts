/**
 * The pooling rules of Chapter 2 against real PyTorch: output sizes (Eq. pool-out,
 * pool-ceil), the padding limit (Eq. pool-pad, whatever the dilation) and average
 * pooling's divisor for a ceil_mode window that runs past the padded map (Eq. pool-avg),
 * over a grid of settings, each compared with the book's layer library and reference
 * implementation.
 */
import { describe, expect, it } from 'vitest';
import { outputShape } from '../../../src/lib/layers';
import { avgPool2dForward, maxPool2dForward, tensor } from '../../../src/lib/reference';
import type { LayerSpec } from '../../../src/lib/types';
import { runPytorch, type OracleCase } from './oracle';

interface Setting {
  k: number;
  s: number;
  p: number;
  d: number;
  ceil: boolean;
  h: number;
  countIncludePad: boolean;
}

function grid(kind: 'MaxPool2d' | 'AvgPool2d'): Setting[] {
  const settings: Setting[] = [];
  for (const k of [1, 2, 3, 4, 5])
    for (const s of [1, 2, 3])
      for (const p of [0, 1, 2, 3])
        for (const d of kind === 'MaxPool2d' ? [1, 2, 3] : [1])
          for (const ceil of [false, true])
            for (const h of [1, 2, 4, 5, 7])
              for (const countIncludePad of kind === 'AvgPool2d' ? [true, false] : [true])
                settings.push({ k, s, p, d, ceil, h, countIncludePad });
  return settings;
}

function spec(kind: 'MaxPool2d' | 'AvgPool2d', c: Setting): LayerSpec {
  const pair = (v: number): [number, number] => [v, v];
  return kind === 'MaxPool2d'
    ? { kind, kernelSize: pair(c.k), stride: pair(c.s), padding: pair(c.p), dilation: pair(c.d), ceilMode: c.ceil }
    : { kind, kernelSize: pair(c.k), stride: pair(c.s), padding: pair(c.p), ceilMode: c.ceil, countIncludePad: c.countIncludePad };
}

function oracleCase(kind: 'MaxPool2d' | 'AvgPool2d', c: Setting): OracleCase {
  const kwargs: Record<string, unknown> = { kernel_size: c.k, stride: c.s, padding: c.p, ceil_mode: c.ceil };
  if (kind === 'MaxPool2d') kwargs.dilation = c.d;
  else kwargs.count_include_pad = c.countIncludePad;
  return { module: kind, kwargs, input: [1, 1, c.h, c.h], values: true };
}

function library(kind: 'MaxPool2d' | 'AvgPool2d', c: Setting): { shape: number[]; values?: number[] } | { error: string } {
  try {
    const shape = [...outputShape(spec(kind, c), [1, 1, c.h, c.h])];
    const x = tensor(
      [1, 1, c.h, c.h],
      Array.from({ length: c.h * c.h }, (_, i) => i),
    );
    const pair = (v: number): [number, number] => [v, v];
    const options = { kernelSize: pair(c.k), stride: pair(c.s), padding: pair(c.p), ceilMode: c.ceil };
    if (kind === 'MaxPool2d') return { shape, values: Array.from(maxPool2dForward(x, { ...options, dilation: pair(c.d) }).y.data) };
    return { shape, values: Array.from(avgPool2dForward(x, { ...options, countIncludePad: c.countIncludePad }).data) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe.each(['MaxPool2d', 'AvgPool2d'] as const)('%s against PyTorch', (kind) => {
  const settings = grid(kind);
  const { torch, results } = runPytorch(settings.map((c) => oracleCase(kind, c)));

  it(`runs on PyTorch (${torch}), ${settings.length} settings, some valid and some refused`, () => {
    expect(results).toHaveLength(settings.length);
    expect(results.filter((r) => 'error' in r).length).toBeGreaterThan(50);
    expect(results.filter((r) => 'shape' in r).length).toBeGreaterThan(200);
  });

  it('gives PyTorch’s output size, and refuses exactly what PyTorch refuses', () => {
    const disagreements: string[] = [];
    settings.forEach((c, i) => {
      const torchResult = results[i]!;
      const ours = library(kind, c);
      const setting = JSON.stringify(oracleCase(kind, c).kwargs) + ` on ${c.h}×${c.h}`;
      if ('error' in torchResult !== 'error' in ours) {
        disagreements.push(`${setting}: PyTorch ${JSON.stringify(torchResult)}, library ${JSON.stringify(ours)}`);
      } else if ('shape' in torchResult && 'shape' in ours && JSON.stringify(torchResult.shape) !== JSON.stringify(ours.shape)) {
        disagreements.push(`${setting}: PyTorch ${torchResult.shape.join('×')}, library ${ours.shape.join('×')}`);
      }
    });
    expect(disagreements).toEqual([]);
  });

  it('quotes PyTorch’s message when the padding is more than half the kernel', () => {
    const refused = settings.flatMap((c, i) => {
      const r = results[i]!;
      return 'error' in r && r.error.startsWith('pad should be') ? [{ c, error: r.error }] : [];
    });
    expect(refused.length).toBeGreaterThan(20);
    for (const { c, error } of refused) {
      const ours = library(kind, c);
      expect('error' in ours && ours.error, JSON.stringify(c)).toContain(error);
    }
  });

  it('computes PyTorch’s values (average pooling: the divisor of a window clipped by ceil_mode)', () => {
    const mismatches: string[] = [];
    settings.forEach((c, i) => {
      const torchResult = results[i]!;
      const ours = library(kind, c);
      if (!('values' in ours) || !ours.values || !('values' in torchResult) || !torchResult.values) return;
      const worst = Math.max(
        ...ours.values.map((v, j) => (v === torchResult.values![j] ? 0 : Math.abs(v - (torchResult.values![j] ?? NaN)))),
      );
      if (!(worst <= 1e-4)) mismatches.push(`${JSON.stringify(c)}: off by ${worst}`);
    });
    expect(mismatches).toEqual([]);
  });
});

it('dilation does not raise the padding limit: MaxPool2d(3, dilation=2, padding=2) is refused (§2.2.3)', () => {
  const [result] = runPytorch([{ module: 'MaxPool2d', kwargs: { kernel_size: 3, dilation: 2, padding: 2 }, input: [1, 1, 9, 9] }]).results;
  expect(result).toHaveProperty('error');
  const ours = library('MaxPool2d', { k: 3, s: 3, p: 2, d: 2, ceil: false, h: 9, countIncludePad: true });
  expect(ours).toHaveProperty('error');
});
