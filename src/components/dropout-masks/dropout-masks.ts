/**
 * The dropout mask visualiser's logic, free of the DOM: the layer's fixed
 * activations, the checks on the controls (with specific messages), the masks and
 * their running mean, and the HTML of the tables. Every mask comes from the layer
 * library's reference dropout (`dropoutForward`, inverted dropout with a seeded
 * mask, src/lib/reference/dropout.ts) and the book's seeded generator (src/lib/rng).
 * The Astro component renders the default state at build time with these
 * functions (the no-JavaScript fallback); the island re-renders with the same ones.
 * Its words come from strings.ts (`t`, English by default).
 */
import { createRng } from '../../lib/rng';
import { dropoutForward } from '../../lib/reference/dropout';
import { tensor } from '../../lib/reference/tensor';
import { escapeHtml } from '../islands/html';
import { parseNumber, type FieldFacts, type Parsed } from '../islands/number-field';
import { dropoutMasksStrings, type DropoutMasksStrings } from './strings';

/** Units in the visualised layer. */
export const UNITS = 16;
/** Seed of the layer's activations (fixed: only the masks change). */
const ACTIVATION_SEED = 7;
/** The sample counts after which the running mean's distance to its target is reported. */
const CHECKPOINTS = [1, 10, 100, 1000, 10000] as const;
/** The sample counts a reader can choose for the running mean. */
export const SAMPLE_CHOICES = [10, 100, 1000, 10000] as const;
/** The largest seed the seed field accepts (the generator reduces seeds to 32 bits). */
export const MAX_SEED = 4294967295;

export type Mode = 'train' | 'eval';
/** 'inverted': scale kept units by 1/(1 − p) in training (PyTorch, Keras); 'original': scale by (1 − p) at test time (Srivastava et al.). */
export type Style = 'inverted' | 'original';

export interface MaskSettings {
  /** Drop probability, PyTorch's p (Keras's rate): 0 ≤ p < 1. */
  p: number;
  /** Seed of the first mask shown; Resample adds 1. */
  seed: number;
  mode: Mode;
  style: Style;
  /** How many masks the running mean averages. */
  samples: number;
}

export const defaultSettings: MaskSettings = { p: 0.5, seed: 1, mode: 'train', style: 'inverted', samples: 1000 };

/**
 * The layer's activations: 16 outputs of a ReLU layer, max(0, z) with
 * z ~ N(0.9, 0.6²) drawn by `createRng(ACTIVATION_SEED)` and rounded to 2 decimals.
 */
export function defaultActivations(): number[] {
  const rng = createRng(ACTIVATION_SEED);
  return Array.from({ length: UNITS }, () => Math.max(0, Math.round(rng.normal(0.9, 0.6) * 100) / 100));
}

/** Checks the drop probability as typed: a number with 0 ≤ p < 1, or a message saying what to type. */
export function parseP(raw: string, t: DropoutMasksStrings = dropoutMasksStrings.en): Parsed<number> {
  // Beyond float32 is too large when it is a number at all (1e39), not a number when it is not (1e999).
  const huge = (f: FieldFacts): string => (Number.isFinite(f.value) ? t.pTooLarge(f) : t.pNotNumber(f));
  return parseNumber(
    raw,
    t.pName,
    { min: 0, max: 1, maxExclusive: true },
    { empty: t.pEmpty, notNumber: t.pNotNumber, notFloat32: huge, belowMin: t.pNegative, aboveMax: t.pTooLarge },
  );
}

/** Checks the seed as typed: a whole number from 0 to 2³² − 1. */
export function parseSeed(raw: string, t: DropoutMasksStrings = dropoutMasksStrings.en): Parsed<number> {
  const bad = t.seedInvalid;
  return parseNumber(
    raw,
    t.seed,
    { integer: true, min: 0, max: MAX_SEED },
    { empty: t.seedEmpty, notNumber: bad, notFloat32: bad, notInteger: bad, belowMin: bad, aboveMax: bad },
  );
}

/** Checks the number of masks the running mean averages: one of SAMPLE_CHOICES. */
export function parseSamples(raw: string, t: DropoutMasksStrings = dropoutMasksStrings.en): Parsed<number> {
  const value = Number(raw);
  if (!(SAMPLE_CHOICES as readonly number[]).includes(value)) return { ok: false, message: t.samplesInvalid(SAMPLE_CHOICES, raw) };
  return { ok: true, value };
}

interface Checkpoint {
  /** Masks averaged so far. */
  n: number;
  /** max over units of |running mean − target|. */
  maxDeviation: number;
  /**
   * The standard deviation of the running mean of the unit with the largest
   * activation: for inverted dropout |x|·√(p/((1 − p)·n)) (Eq. dropout-var divided
   * by n), for the original scheme (1 − p)·|x|·√(p/((1 − p)·n)); 0 in evaluation.
   */
  expectedSd: number;
}

export interface MaskResult {
  settings: MaskSettings;
  /** The un-dropped activations. */
  x: number[];
  /** The first mask (1 kept, 0 dropped): the one drawn with `settings.seed`. */
  mask: number[];
  /** The layer's output with that mask (or in evaluation mode). */
  y: number[];
  /** The factor applied to kept units in this mode and style. */
  scale: number;
  /** The mean output over `settings.samples` masks. */
  mean: number[];
  /** The sample variance over those masks, per unit (0 in evaluation mode). */
  variance: number[];
  /** What the mean converges to: the evaluation-mode output of the same style. */
  target: number[];
  /** Units kept by the first mask. */
  kept: number;
  /** Kept units and Bernoulli draws over all masks (for the mask rate). */
  keptTotal: number;
  draws: number;
  checkpoints: Checkpoint[];
}

/**
 * The output of one mask for a style. Inverted dropout is the library's
 * `dropoutForward` (yᵢ = mᵢ xᵢ / (1 − p), Eq. dropout-inverted); the original
 * scheme keeps the same mask without scaling (yᵢ = mᵢ xᵢ, Eq. dropout-original).
 */
function styled(style: Style, y: Float32Array, mask: Uint8Array, x: readonly number[]): number[] {
  if (style === 'inverted') return Array.from(y);
  return x.map((v, i) => (mask[i] === 1 ? v : 0));
}

/**
 * Draws `settings.samples` masks with one generator, `createRng(settings.seed)`,
 * and averages the outputs. In evaluation mode dropout draws nothing: inverted
 * dropout is the identity (`dropoutForward(…, training = false)`); the original
 * scheme multiplies by the retention probability 1 − p (the test-time weight
 * scaling, applied here to the units, which has the same effect on the next layer).
 */
export function computeMasks(settings: MaskSettings, activations: readonly number[] = defaultActivations()): MaskResult {
  const { p, style, mode, samples } = settings;
  const input = tensor([1, activations.length], activations);
  // The library computes in float32: work with the values it holds, so evaluation is exactly the identity.
  const x = Array.from(input.data);
  const target = style === 'inverted' ? [...x] : x.map((v) => (1 - p) * v);
  const xMax = Math.max(...x.map(Math.abs));
  if (mode === 'eval') {
    const r = dropoutForward(input, p, createRng(settings.seed), false);
    const y = style === 'inverted' ? Array.from(r.y.data) : target;
    return {
      settings,
      x: [...x],
      mask: Array.from(r.mask),
      y,
      scale: style === 'inverted' ? r.scale : 1 - p,
      mean: [...y],
      variance: x.map(() => 0),
      target,
      kept: x.length,
      keptTotal: x.length * samples,
      draws: x.length * samples,
      checkpoints: CHECKPOINTS.filter((n) => n <= samples).map((n) => ({ n, maxDeviation: maxAbsDiff(y, target), expectedSd: 0 })),
    };
  }
  const rng = createRng(settings.seed);
  const sum = new Float64Array(x.length);
  const sumSq = new Float64Array(x.length);
  let first: { mask: number[]; y: number[]; scale: number } | null = null;
  let keptTotal = 0;
  const checkpoints: Checkpoint[] = [];
  const perUnitSd = style === 'inverted' ? xMax * Math.sqrt(p / (1 - p)) : (1 - p) * xMax * Math.sqrt(p / (1 - p));
  for (let n = 1; n <= samples; n++) {
    const r = dropoutForward(input, p, rng, true);
    const out = styled(style, r.y.data, r.mask, x);
    for (let i = 0; i < x.length; i++) {
      const v = out[i] ?? 0;
      sum[i] = (sum[i] ?? 0) + v;
      sumSq[i] = (sumSq[i] ?? 0) + v * v;
      keptTotal += r.mask[i] ?? 0;
    }
    if (!first) first = { mask: Array.from(r.mask), y: out, scale: style === 'inverted' ? r.scale : 1 };
    if ((CHECKPOINTS as readonly number[]).includes(n)) {
      const mean = Array.from(sum, (s) => s / n);
      checkpoints.push({ n, maxDeviation: maxAbsDiff(mean, target), expectedSd: perUnitSd / Math.sqrt(n) });
    }
  }
  const mean = Array.from(sum, (s) => s / samples);
  const variance = Array.from(sumSq, (s, i) => (samples > 1 ? (s - samples * (mean[i] ?? 0) ** 2) / (samples - 1) : 0));
  const f = first ?? { mask: [], y: [], scale: 1 };
  return {
    settings,
    x: [...x],
    mask: f.mask,
    y: f.y,
    scale: f.scale,
    mean,
    variance,
    target,
    kept: f.mask.reduce((a, b) => a + b, 0),
    keptTotal,
    draws: x.length * samples,
    checkpoints,
  };
}

/** max over i of |a[i] − b[i]|. */
function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
}

/** A value as shown in the tables: 2 decimals, a true minus sign, and "0" for zero. */
export function fmt(v: number, digits = 2): string {
  if (Object.is(v, 0) || Math.abs(v) < 0.5 * 10 ** -digits) return '0';
  const s = Math.abs(v).toFixed(digits);
  return v < 0 ? `−${s}` : s;
}

/** "0.5" (a probability, without trailing zeros). */
function fmtP(p: number): string {
  return String(Math.round(p * 1000) / 1000);
}

/** The live summary (the figure's text alternative for what changed). */
export function describe(r: MaskResult, t: DropoutMasksStrings = dropoutMasksStrings.en): string {
  const { p, seed, mode, style, samples } = r.settings;
  const n = r.x.length;
  const q = fmtP(1 - p);
  const last = r.checkpoints[r.checkpoints.length - 1];
  if (mode === 'eval') return t.evalSummary(fmtP(p), style === 'inverted' ? t.evalInverted : t.evalOriginal(q));
  return t.trainSummary({
    p: fmtP(p),
    seed,
    kept: r.kept,
    units: n,
    expectedKept: fmt(n * (1 - p), 1),
    scaleText: style === 'inverted' ? t.scaleInverted(fmt(r.scale, 3)) : t.scaleOriginal,
    samples,
    keptPercent: ((100 * r.keptTotal) / r.draws).toFixed(1),
    expectedPercent: (100 * (1 - p)).toFixed(1),
    deviation: fmt(last?.maxDeviation ?? 0, 3),
    target: style === 'inverted' ? t.aimInverted : t.aimOriginal(q),
  });
}

/**
 * The units table: one column per unit; rows for the activation x, the mask, the
 * output y, the mean over the masks and what that mean should converge to.
 * Dropped units are marked with a class (hatched) and the word "dropped" for
 * screen readers.
 */
export function renderTable(r: MaskResult, idBase: string, t: DropoutMasksStrings = dropoutMasksStrings.en): string {
  const e = escapeHtml;
  const train = r.settings.mode === 'train';
  const cols = r.x.map((_, i) => `<th scope="col">${i + 1}</th>`).join('');
  const cells = (values: readonly number[], cls: (i: number) => string = () => ''): string =>
    values.map((v, i) => `<td class="${cls(i)}">${fmt(v)}</td>`).join('');
  const dropped = (i: number): string => (r.mask[i] === 1 ? '' : 'dropped');
  const maskRow = r.mask
    .map((m) =>
      m === 1
        ? `<td class="kept">1<span class="dm-sr"> ${e(t.kept)}</span></td>`
        : `<td class="dropped">0<span class="dm-sr"> ${e(t.dropped)}</span></td>`,
    )
    .join('');
  const meanLabel = train ? t.meanTrain(r.settings.samples) : t.meanEval;
  const targetLabel = r.settings.style === 'inverted' ? t.targetInverted : t.targetOriginal;
  const caption = train ? t.tableCaptionTrain(r.x.length, r.settings.seed) : t.tableCaptionEval(r.x.length);
  return (
    `<div class="dm-scroll" tabindex="0" role="region" aria-labelledby="${e(idBase)}-table-caption">` +
    `<table class="dm-table"><caption id="${e(idBase)}-table-caption">${e(caption)}</caption>` +
    `<thead><tr><th scope="col">${e(t.unit)}</th>${cols}</tr></thead><tbody>` +
    `<tr><th scope="row">${e(t.activation)}</th>${cells(r.x)}</tr>` +
    `<tr class="dm-mask"><th scope="row">${e(t.maskRow)}</th>${maskRow}</tr>` +
    `<tr class="dm-out"><th scope="row">${e(t.output)}</th>${cells(r.y, dropped)}</tr>` +
    `<tr><th scope="row">${e(meanLabel)}</th>${cells(r.mean)}</tr>` +
    `<tr><th scope="row">${e(targetLabel)}</th>${cells(r.target)}</tr>` +
    `</tbody></table></div>`
  );
}

/** Bars of the target and the running mean per unit, as an SVG (decorative: the table carries the numbers). */
export function renderBars(r: MaskResult): string {
  const w = 16 * 22;
  const h = 90;
  const top = Math.max(0.01, ...r.x, ...r.mean, ...r.y);
  const bar = (v: number): number => Math.max(0, (v / top) * (h - 10));
  let body = '';
  r.x.forEach((_, i) => {
    const x0 = i * 22 + 3;
    const t = bar(r.target[i] ?? 0);
    const m = bar(r.mean[i] ?? 0);
    const y = bar(r.y[i] ?? 0);
    body += `<rect class="dm-bar-target" x="${x0}" y="${h - t}" width="16" height="${t}"/>`;
    body += `<rect class="dm-bar-out${r.mask[i] === 1 ? '' : ' is-dropped'}" x="${x0 + 2}" y="${h - y}" width="5" height="${y}"/>`;
    body += `<rect class="dm-bar-mean" x="${x0 + 9}" y="${h - m}" width="5" height="${m}"/>`;
  });
  return `<svg class="dm-bars" viewBox="0 0 ${w} ${h}" aria-hidden="true" focusable="false">${body}<line x1="0" x2="${w}" y1="${h}" y2="${h}" class="dm-axis"/></svg>`;
}

/** The convergence table: how far the running mean is from its target after n masks, next to the expected spread. */
export function renderConvergence(r: MaskResult, idBase: string, t: DropoutMasksStrings = dropoutMasksStrings.en): string {
  const e = escapeHtml;
  const rows = r.checkpoints
    .map((c) => `<tr><td>${e(t.count(c.n))}</td><td>${fmt(c.maxDeviation, 3)}</td><td>${fmt(c.expectedSd, 3)}</td></tr>`)
    .join('');
  return (
    `<table class="dm-conv"><caption id="${e(idBase)}-conv-caption">${e(t.convCaption)}</caption>` +
    `<thead><tr><th scope="col">${e(t.convMasks)}</th><th scope="col">${e(t.convDeviation)}</th><th scope="col">${e(t.convSd)}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`
  );
}
