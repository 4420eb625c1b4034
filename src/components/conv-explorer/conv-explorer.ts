/**
 * The logic of the convolution explorer (Figure 1.1), free of the DOM so that the
 * Astro component renders the default state at build time with exactly the code the
 * island runs later, and so that unit tests can check it.
 *
 * The input is one 28×28 MNIST digit scaled to [0, 1] (byte / 255); the layer is a
 * single-channel 3×3 Conv2d without bias. Shapes come from the layer library's
 * `outputShape`, values from its reference `conv2dForward` (a cross-correlation, as
 * in PyTorch). This module only adds: input checks with specific messages, the
 * presets, the display scale, and the list of products behind one output cell.
 * Every word comes from the widget's string table (`strings.ts`), passed in as `t`.
 */
import { outputShape } from '../../lib/layers';
import { conv2dForward, tensor } from '../../lib/reference';
import { convOutputSize, effectiveKernelSize } from '../../lib/shapes';
import { LayerError, type Conv2dSpec } from '../../lib/types';
import { parseNumber, type Parsed } from '../islands/number-field';
import { convExplorerStrings, type CellText, type ConvExplorerStrings } from './strings';

/** The image side (MNIST digits are 28×28). */
export const SIDE = 28;
/** The kernel side: the explorer edits a 3×3 kernel. */
export const K = 3;

export interface Settings {
  /** The 9 kernel weights, row by row: w[u·3 + v]. */
  kernel: number[];
  stride: number;
  padding: number;
  dilation: number;
}

export type PresetName = 'identity' | 'sobel-x' | 'box-blur' | 'sharpen';

/** The preset kernels (their names are in `strings.ts`), in the order the buttons show them. */
export const presets: Record<PresetName, { kernel: number[]; text: string[] }> = {
  identity: { kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0], text: ['0', '0', '0', '0', '1', '0', '0', '0', '0'] },
  'sobel-x': { kernel: [-1, 0, 1, -2, 0, 2, -1, 0, 1], text: ['-1', '0', '1', '-2', '0', '2', '-1', '0', '1'] },
  'box-blur': { kernel: Array<number>(9).fill(1 / 9), text: Array<string>(9).fill('1/9') },
  sharpen: { kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0], text: ['0', '-1', '0', '-1', '5', '-1', '0', '-1', '0'] },
};

export const defaultPreset: PresetName = 'sobel-x';

export const defaultSettings: Settings = { kernel: [...presets[defaultPreset].kernel], stride: 1, padding: 0, dilation: 1 };

export type SettingName = 'stride' | 'padding' | 'dilation';

/** The settings in the order the form shows them. */
export const settingNames: SettingName[] = ['stride', 'padding', 'dilation'];

/** The accepted range of each setting: PyTorch's minimum, and a maximum this figure can draw. */
export const settingRange: Record<SettingName, { min: number; max: number }> = {
  stride: { min: 1, max: 28 },
  padding: { min: 0, max: 10 },
  dilation: { min: 1, max: 20 },
};

/** The largest |weight| the figure accepts. */
const MAX_WEIGHT = 1000;

/** The name of kernel cell `index` (0…8) as a reader sees it. */
export function cellName(index: number, t: ConvExplorerStrings = convExplorerStrings.en): string {
  return t.cellName(Math.floor(index / K) + 1, (index % K) + 1);
}

/**
 * Reads one kernel weight as typed: a decimal number (`-0.5`, `2`, `1e-1`) or a
 * fraction of two such numbers (`1/9`, `-1/16`), each read by the one number parser.
 */
export function parseKernelCell(index: number, raw: string, t: ConvExplorerStrings = convExplorerStrings.en): Parsed<number> {
  const cell = cellName(index, t);
  const text = raw.trim();
  const fail = (message: string): Parsed<number> => ({ ok: false, message });
  const parts = text.split('/');
  if (parts.length === 1) {
    const tooLarge = (f: { value: number }): string => t.weightTooLarge(cell, f.value);
    return parseNumber(
      text,
      cell,
      { min: -MAX_WEIGHT, max: MAX_WEIGHT },
      {
        empty: () => t.weightEmpty(cell),
        notNumber: () => t.weightNotNumber(cell, text),
        notFloat32: tooLarge,
        belowMin: tooLarge,
        aboveMax: tooLarge,
      },
    );
  }
  const [a, b] = parts.map((part) => parseNumber(part, cell));
  if (parts.length > 2 || !a?.ok || !b?.ok) return fail(t.weightNotNumber(cell, text));
  const value = a.value / b.value;
  if (!Number.isFinite(value)) return fail(t.weightZeroDivision(cell, text));
  if (Math.abs(value) > MAX_WEIGHT) return fail(t.weightTooLarge(cell, value));
  return { ok: true, value };
}

/** Reads stride, padding or dilation as typed: a whole number in its range. */
export function parseSetting(name: SettingName, raw: string, t: ConvExplorerStrings = convExplorerStrings.en): Parsed<number> {
  const { min, max } = settingRange[name];
  return parseNumber(
    raw,
    t.settings[name],
    { integer: true, min, max },
    {
      belowMin: (f) => t.settingBelowMin(name, f.label, min, f.value),
      aboveMax: (f) => t.settingTooLarge(f.label, f.value, max),
    },
  );
}

/** The Conv2d the explorer applies: 1 channel in, 1 out, 3×3, no bias. */
function convSpec(s: Settings): Conv2dSpec {
  return {
    kind: 'Conv2d',
    inChannels: 1,
    outChannels: 1,
    kernelSize: [K, K],
    stride: [s.stride, s.stride],
    padding: [s.padding, s.padding],
    dilation: [s.dilation, s.dilation],
    groups: 1,
    bias: false,
  };
}

/** Eq. conv-out of the chapter written with the current numbers (without its value). */
function formulaText(s: Settings): string {
  return `⌊(${SIDE} + 2·${s.padding} − ${s.dilation}·(${K} − 1) − 1) / ${s.stride} + 1⌋`;
}

export interface Result {
  ok: true;
  /** Output side (height = width). */
  size: number;
  /** The formula with its value, e.g. `⌊(28 + 2·0 − 1·(3 − 1) − 1) / 1 + 1⌋ = 26`. */
  formula: string;
  /** size·size values, row-major. */
  output: Float32Array;
  min: number;
  max: number;
  /** The display scale: |y| = scale is drawn at full strength. */
  scale: number;
}

export type Outcome = Result | { ok: false; message: string; formula: string };

/** The input digit as a [1, 1, 28, 28] tensor with values byte / 255. */
function digitTensor(pixels: ArrayLike<number>): ReturnType<typeof tensor> {
  const values = Array.from({ length: SIDE * SIDE }, (_, i) => (pixels[i] ?? 0) / 255);
  return tensor([1, 1, SIDE, SIDE], values);
}

/** Runs the convolution, or explains why it cannot run. */
export function compute(pixels: ArrayLike<number>, s: Settings, t: ConvExplorerStrings = convExplorerStrings.en): Outcome {
  const formula = formulaText(s);
  try {
    const shape = outputShape(convSpec(s), [1, 1, SIDE, SIDE]);
    const size = shape[2] ?? 0;
    const y = conv2dForward(digitTensor(pixels), tensor([1, 1, K, K], s.kernel), null, {
      stride: [s.stride, s.stride],
      padding: [s.padding, s.padding],
      dilation: [s.dilation, s.dilation],
    });
    let min = Infinity;
    let max = -Infinity;
    for (const v of y.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const scale = Math.max(Math.abs(min), Math.abs(max));
    return { ok: true, size, formula: `${formula} = ${size}`, output: y.data, min, max, scale };
  } catch (error) {
    if (!(error instanceof LayerError)) throw error;
    const raw = convOutputSize(SIDE, K, s.stride, s.padding, s.padding, s.dilation);
    const span = effectiveKernelSize(K, s.dilation);
    const padded = SIDE + 2 * s.padding;
    return {
      ok: false,
      formula: `${formula} = ${raw}`,
      message: t.noOutput({ dilation: s.dilation, span, side: SIDE, padding: s.padding, padded, raw }),
    };
  }
}

/** A display value in [−1, 1]: y / scale (0 when the map is all zeros). */
export function normalised(value: number, scale: number): number {
  return scale === 0 ? 0 : Math.max(-1, Math.min(1, value / scale));
}

/**
 * The colour of an output value on the figure's scale, as [r, g, b]: 0 is black,
 * positive values grow towards white, negative values towards orange, and
 * |y| = scale is drawn at full strength.
 */
export function outputRgb(value: number, scale: number): [number, number, number] {
  const t = normalised(value, scale);
  if (t >= 0) {
    const g = Math.round(255 * t);
    return [g, g, g];
  }
  return [Math.round(255 * -t), Math.round(140 * -t), 0];
}

/** `outputRgb` as a CSS colour. */
export function outputColour(value: number, scale: number): string {
  return `rgb(${outputRgb(value, scale).join(', ')})`;
}

export interface Tap {
  /** Kernel row and column (0-based). */
  u: number;
  v: number;
  /** Input row and column the tap reads (may lie in the padding). */
  r: number;
  c: number;
  inside: boolean;
  weight: number;
  /** The input value there (0 in the padding). */
  x: number;
}

/**
 * The nine products behind output cell (i, j): tap (u, v) reads input pixel
 * (i·s − p + u·d, j·s − p + v·d), as in the library's Eq. conv2d.
 */
export function taps(pixels: ArrayLike<number>, s: Settings, i: number, j: number): Tap[] {
  const list: Tap[] = [];
  for (let u = 0; u < K; u++) {
    for (let v = 0; v < K; v++) {
      const r = i * s.stride - s.padding + u * s.dilation;
      const c = j * s.stride - s.padding + v * s.dilation;
      const inside = r >= 0 && r < SIDE && c >= 0 && c < SIDE;
      list.push({ u, v, r, c, inside, weight: s.kernel[u * K + v] ?? 0, x: inside ? (pixels[r * SIDE + c] ?? 0) / 255 : 0 });
    }
  }
  return list;
}

/** A number for the readout: up to 3 decimals, no trailing zeros, a real minus sign. */
export function fmt(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  const text = (Object.is(rounded, -0) ? 0 : rounded).toString();
  return text.replace('-', '−');
}

/** What the readout says about output cell (i, j), in numbers (`strings.ts` puts them in words). */
export function cellText(pixels: ArrayLike<number>, s: Settings, result: Result, i: number, j: number): CellText {
  const value = result.output[i * result.size + j] ?? 0;
  const r0 = i * s.stride - s.padding;
  const c0 = j * s.stride - s.padding;
  const span = effectiveKernelSize(K, s.dilation);
  return {
    row: i + 1,
    col: j + 1,
    size: result.size,
    value: fmt(value),
    rows: [r0 + 1, r0 + span],
    cols: [c0 + 1, c0 + span],
    dilation: s.dilation,
    terms: taps(pixels, s, i, j)
      .filter((tap) => tap.weight !== 0)
      .map((tap) => ({ weight: fmt(tap.weight), input: tap.inside ? fmt(tap.x) : null })),
  };
}

/** The readout for output cell (i, j): its value and the sum of products that made it. */
export function describeCell(
  pixels: ArrayLike<number>,
  s: Settings,
  result: Result,
  i: number,
  j: number,
  t: ConvExplorerStrings = convExplorerStrings.en,
): string {
  return t.readout(cellText(pixels, s, result, i, j));
}

/** A one-line summary of the whole output map, for the text alternative. */
export function describeMap(result: Result, t: ConvExplorerStrings = convExplorerStrings.en): string {
  return t.map(result.size, fmt(result.min), fmt(result.max), fmt(result.scale));
}

/** Moves the selected cell by an arrow key, staying inside a size×size map. */
export function moveCell(cell: readonly [number, number], key: string, size: number): [number, number] {
  const [i, j] = cell;
  const clamp = (n: number): number => Math.max(0, Math.min(size - 1, n));
  switch (key) {
    case 'ArrowUp':
      return [clamp(i - 1), j];
    case 'ArrowDown':
      return [clamp(i + 1), j];
    case 'ArrowLeft':
      return [i, clamp(j - 1)];
    case 'ArrowRight':
      return [i, clamp(j + 1)];
    case 'Home':
      return [i, 0];
    case 'End':
      return [i, size - 1];
    case 'PageUp':
      return [0, j];
    case 'PageDown':
      return [size - 1, j];
    default:
      return [clamp(i), clamp(j)];
  }
}

/** The default highlighted cell: on the left edge of the 3's middle stroke. */
export const defaultCell: [number, number] = [10, 15];

/** The digits the reader can pick: the first image of each class 0…9; the figure opens on a 3. */
export const defaultDigit = 3;
