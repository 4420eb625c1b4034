/**
 * The convolution chapter's PyTorch listing: extracted from the MDX file by its fence
 * title, run through the model inspector, and every shape and parameter count stated in
 * its comments checked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/lib/inspector';
import { listingIn } from './listing';

const mdx = readFileSync(new URL('../../../content/chapters/01-convolution.mdx', import.meta.url), 'utf8');

const listing = (title: string): string => listingIn(mdx, title, '01-convolution.mdx');

describe('convolution chapter: conv_layers.py', () => {
  const source = listing('conv_layers.py');
  const input = /# input: \[(\d+), (\d+), (\d+), (\d+)\]/.exec(source);
  const claims = [...source.matchAll(/# → \[([\d, ]+)\], (\d+) parameters/g)].map((m) => ({
    shape: (m[1] ?? '').split(', ').map(Number),
    params: Number(m[2]),
  }));

  it('states an input shape and a claim for every layer', () => {
    expect(input).not.toBeNull();
    expect(claims).toHaveLength(4);
  });

  it('matches the inspector layer by layer', () => {
    const report = inspect(source, (input ?? []).slice(1, 5).map(Number));
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.layers).toHaveLength(claims.length);
    report.layers.forEach((layer, i) => {
      expect(layer.outputShape).toEqual(claims[i]?.shape);
      expect(layer.params?.trainable).toBe(claims[i]?.params);
    });
  });

  it('the Keras listing states the same sizes', () => {
    const keras = listing('conv_layers_keras.py');
    const sizes = [...keras.matchAll(/# (?:'valid': )?(\d+)×(\d+)×(\d+)/g)].map((m) => [Number(m[3]), Number(m[1]), Number(m[2])]);
    expect(sizes).toEqual(claims.map((c) => c.shape.slice(1)));
  });
});
