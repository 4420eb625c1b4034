/**
 * The arithmetic behind the output-size widget, kept free of the DOM so the Astro
 * component can render the same text at build time (the no-JavaScript fallback)
 * that the island later updates. The size itself comes from the layer library's
 * `outputShape`, i.e. PyTorch's Conv2d rule (Eq. 1.4 in the convolution chapter):
 *
 *   H_out = ⌊(H_in + 2p − d(k − 1) − 1) / s + 1⌋
 */
import { outputShape } from '../../lib/layers';
import { LayerError } from '../../lib/types';
import { parseNumber, type Parsed } from '../islands/number-field';
import { outputSizeStrings, type OutputSizeStrings } from './strings';

export interface ConvSettings {
  /** Input height (= width). */
  h: number;
  k: number;
  s: number;
  p: number;
  d: number;
}

export const defaultSettings: ConvSettings = { h: 28, k: 5, s: 1, p: 0, d: 1 };

/** The fields in the order the form shows them. */
export const fields = Object.keys(defaultSettings) as (keyof ConvSettings)[];

/** The smallest value of each field; the largest is the same for all. */
export const minimum: Record<keyof ConvSettings, number> = { h: 1, k: 1, s: 1, p: 0, d: 1 };
export const MAXIMUM = 10_000;

export type Outcome = { ok: true; size: number; formula: string } | { ok: false; message: string };

/** Checks one field as typed and returns a specific message, or the number. */
export function parseField(name: keyof ConvSettings, raw: string, t: OutputSizeStrings = outputSizeStrings.en): Parsed<number> {
  return parseNumber(raw, t.fields[name], { integer: true, min: minimum[name], max: MAXIMUM }, { empty: t.empty, aboveMax: t.tooLarge });
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
