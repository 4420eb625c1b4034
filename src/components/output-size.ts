/**
 * The arithmetic behind the output-size widget, kept free of the DOM so the Astro
 * component can render the same text at build time (the no-JavaScript fallback)
 * that the island later updates. The size itself comes from the layer library's
 * `outputShape`, i.e. PyTorch's Conv2d rule (Eq. 1.4 in the convolution chapter):
 *
 *   H_out = ⌊(H_in + 2p − d(k − 1) − 1) / s + 1⌋
 */
import { outputShape } from '../lib/layers';
import { LayerError } from '../lib/types';

export interface ConvSettings {
  /** Input height (= width). */
  h: number;
  k: number;
  s: number;
  p: number;
  d: number;
}

export const defaultSettings: ConvSettings = { h: 28, k: 5, s: 1, p: 0, d: 1 };

export const fieldLabels: Record<keyof ConvSettings, string> = {
  h: 'Input size',
  k: 'Kernel size',
  s: 'Stride',
  p: 'Padding',
  d: 'Dilation',
};

const minimum: Record<keyof ConvSettings, number> = { h: 1, k: 1, s: 1, p: 0, d: 1 };

export type Outcome = { ok: true; size: number; formula: string } | { ok: false; message: string };

/** Checks one field as typed and returns a specific message, or the number. */
export function parseField(name: keyof ConvSettings, raw: string): { ok: true; value: number } | { ok: false; message: string } {
  const text = raw.trim();
  const label = fieldLabels[name];
  if (text === '') return { ok: false, message: `${label} is empty: type a whole number ≥ ${minimum[name]}.` };
  const value = Number(text);
  if (!Number.isInteger(value)) return { ok: false, message: `${label} must be a whole number; “${text}” is not.` };
  if (value < minimum[name]) return { ok: false, message: `${label} must be at least ${minimum[name]}; you typed ${value}.` };
  if (value > 10_000) return { ok: false, message: `${label} of ${value} is larger than this widget handles (10,000 at most).` };
  return { ok: true, value };
}

/** The output size for the settings, with the formula written out in their numbers. */
export function computeOutcome(c: ConvSettings): Outcome {
  try {
    const out = outputShape(
      {
        kind: 'Conv2d',
        inChannels: 1,
        outChannels: 1,
        kernelSize: [c.k, c.k],
        stride: [c.s, c.s],
        padding: [c.p, c.p],
        dilation: [c.d, c.d],
        groups: 1,
        bias: true,
      },
      [1, 1, c.h, c.h],
    );
    const size = out[2] ?? Number.NaN;
    const formula = `⌊(${c.h} + 2·${c.p} − ${c.d}·(${c.k} − 1) − 1) / ${c.s} + 1⌋ = ${size}`;
    return { ok: true, size, formula };
  } catch (error) {
    if (error instanceof LayerError) return { ok: false, message: error.message };
    throw error;
  }
}
