/**
 * The dense-layer playground's logic, without the DOM: one dense layer
 * z = W x + b (W: C×2, b: C) followed by softmax, on seeded 2-D points, trained by
 * full-batch gradient descent on the mean softmax cross-entropy.
 *
 * The maths is the library's: `denseForward`/`denseBackward` (src/lib/reference/dense.ts)
 * and `softmaxCrossEntropy` (src/lib/reference/softmax.ts). This file only keeps the
 * state, parses the reader's input and renders the static SVG. Its words come from
 * strings.ts (`t`, English by default).
 */
import { denseBackward, denseForward, softmaxCrossEntropy, tensor, type Tensor } from '../../lib/reference';
import { makeBlobs } from '../../train/data';
import { parseNumber, type Parsed } from '../islands/number-field';
import { densePlaygroundStrings, type DensePlaygroundStrings } from './strings';

/** Number of classes C (rows of W). */
export const CLASSES = 3;
/** Points in the toy data set, and its seed. */
export const POINTS = 45;
const DATA_SEED = 7;
/** The plotted square: both coordinates in [−LIMIT, LIMIT]. */
export const LIMIT = 4;
/** Gradient-descent steps per animation frame, and the default learning rate. */
export const STEPS_PER_FRAME = 2;
export const DEFAULT_LR = 0.1;
/** Arrow-key step for a point (Shift: ×5). */
const KEY_STEP = 0.1;

export interface Point {
  x: number;
  y: number;
  label: number;
}

export interface PlaygroundState {
  points: Point[];
  /** W, row-major C×2: W[c][0] = w[2c], W[c][1] = w[2c + 1]. */
  w: number[];
  b: number[];
  /** Gradient-descent steps taken since the last reset. */
  step: number;
}

export interface Evaluation {
  /** Mean cross-entropy (Eq. ce of src/lib/reference/softmax.ts); NaN or ±∞ when the logits overflowed. */
  loss: number;
  /** Fraction of points whose largest logit is their class. */
  accuracy: number;
  finite: boolean;
}

/** The starting state: three seeded Gaussian blobs (makeBlobs) and fixed, deliberately poor weights. */
export function initialState(): PlaygroundState {
  const blobs = makeBlobs(POINTS, CLASSES, DATA_SEED, 0.7);
  const points: Point[] = [];
  for (let i = 0; i < blobs.count; i++) {
    points.push({ x: round(blobs.xy[2 * i] ?? 0, 2), y: round(blobs.xy[2 * i + 1] ?? 0, 2), label: blobs.labels[i] ?? 0 });
  }
  // Fixed, deliberately poor starting weights: the regions are rotated away from the blobs.
  const w = [0.6, -0.8, 0.5, 0.9, -1.0, 0.1];
  const b = [0.3, -0.2, 0.0];
  return { points, w, b, step: 0 };
}

/** A deep copy (the state is small). */
export function cloneState(s: PlaygroundState): PlaygroundState {
  return { points: s.points.map((p) => ({ ...p })), w: [...s.w], b: [...s.b], step: s.step };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function inputs(points: readonly Point[]): Tensor {
  return tensor(
    [points.length, 2],
    points.flatMap((p) => [p.x, p.y]),
  );
}

function params(s: PlaygroundState): { w: Tensor; b: Tensor } {
  return { w: tensor([CLASSES, 2], s.w), b: tensor([CLASSES], s.b) };
}

/** The index of the largest of `k` logits starting at `offset` (ties: the first). */
function argmax(data: Float32Array, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if ((data[offset + j] ?? -Infinity) > (data[offset + best] ?? -Infinity)) best = j;
  return best;
}

/** Loss and accuracy of the current weights on the points. */
export function evaluate(s: PlaygroundState): Evaluation {
  const { w, b } = params(s);
  const logits = denseForward(inputs(s.points), w, b);
  const { loss } = softmaxCrossEntropy(
    logits,
    s.points.map((p) => p.label),
  );
  let correct = 0;
  s.points.forEach((p, n) => {
    if (argmax(logits.data, n * CLASSES, CLASSES) === p.label) correct++;
  });
  return { loss, accuracy: correct / s.points.length, finite: Number.isFinite(loss) };
}

export type StepResult = { ok: true; loss: number } | { ok: false; message: string };

/**
 * One full-batch gradient-descent step, in place:
 *
 *   p = softmax(X Wᵀ + b),  G = (p − Y)/N                        (Eq. ce-grad)
 *   W ← W − η Gᵀ X,  b ← b − η Σₙ Gₙ                              (Eqs. dense-dW, dense-db)
 *
 * Refuses (and leaves the state unchanged) when the loss before the step, or the
 * weights after it, are not finite: the reader is told the training diverged.
 */
export function trainStep(s: PlaygroundState, lr: number, t: DensePlaygroundStrings = densePlaygroundStrings.en): StepResult {
  const { w, b } = params(s);
  const x = inputs(s.points);
  const ce = softmaxCrossEntropy(
    denseForward(x, w, b),
    s.points.map((p) => p.label),
  );
  if (!Number.isFinite(ce.loss)) return { ok: false, message: t.diverged(s.step, ce.loss) };
  const { dw, db } = denseBackward(x, w, ce.dlogits);
  const nextW = s.w.map((v, i) => Math.fround(v - lr * (dw.data[i] ?? 0)));
  const nextB = s.b.map((v, i) => Math.fround(v - lr * (db.data[i] ?? 0)));
  const overflowed = [...nextW, ...nextB].find((v) => !Number.isFinite(v));
  if (overflowed !== undefined) return { ok: false, message: t.weightTooLarge(s.step + 1, overflowed, lr) };
  s.w = nextW;
  s.b = nextB;
  s.step++;
  return { ok: true, loss: ce.loss };
}

/**
 * Reads a weight field. `name` says which one (e.g. "W[2, 1]") in the message.
 * Accepts a decimal or scientific number within float32's range.
 */
export function parseWeight(text: string, name: string, t: DensePlaygroundStrings = densePlaygroundStrings.en): Parsed<number> {
  return parseNumber(text, name, {}, { empty: t.empty, notNumber: t.notNumber, notFloat32: t.notFloat32 });
}

/** Reads the learning rate: a positive number. */
export function parseLearningRate(text: string, t: DensePlaygroundStrings = densePlaygroundStrings.en): Parsed<number> {
  return parseNumber(
    text,
    t.learningRateName,
    { min: 0, minExclusive: true },
    { empty: t.empty, notNumber: t.notNumber, notFloat32: t.notFloat32, belowMin: t.learningRateNotPositive },
  );
}

/** Clamps a coordinate to the plotted square. */
export function clampCoord(v: number): number {
  return Math.min(LIMIT, Math.max(-LIMIT, round(v, 2)));
}

/** Moves point `i` by (dx, dy), clamped to the square; returns the point. */
export function movePoint(s: PlaygroundState, i: number, dx: number, dy: number): Point {
  const p = s.points[i];
  if (!p) throw new RangeError(`There is no point ${i}.`);
  p.x = clampCoord(p.x + dx);
  p.y = clampCoord(p.y + dy);
  return p;
}

/** The move an arrow key asks for (y grows upwards), or null for other keys. */
export function keyMove(key: string, shift: boolean): [number, number] | null {
  const d = KEY_STEP * (shift ? 5 : 1);
  switch (key) {
    case 'ArrowLeft':
      return [-d, 0];
    case 'ArrowRight':
      return [d, 0];
    case 'ArrowUp':
      return [0, d];
    case 'ArrowDown':
      return [0, -d];
    default:
      return null;
  }
}

/**
 * The predicted class at every cell centre of a res×res grid over the square, row 0
 * at the top: the argmax of W x + b (the decision regions).
 */
export function decisionGrid(s: PlaygroundState, res: number): Uint8Array {
  const xs: number[] = [];
  for (let r = 0; r < res; r++) {
    const y = LIMIT - ((r + 0.5) / res) * 2 * LIMIT;
    for (let c = 0; c < res; c++) xs.push(-LIMIT + ((c + 0.5) / res) * 2 * LIMIT, y);
  }
  const { w, b } = params(s);
  const logits = denseForward(tensor([res * res, 2], xs), w, b);
  const out = new Uint8Array(res * res);
  for (let i = 0; i < res * res; i++) out[i] = argmax(logits.data, i * CLASSES, CLASSES);
  return out;
}

/** One line for the live readout. */
export function describe(s: PlaygroundState, e: Evaluation, t: DensePlaygroundStrings = densePlaygroundStrings.en): string {
  const loss = e.finite ? e.loss.toFixed(4) : String(e.loss);
  const n = s.points.length;
  return t.readout(s.step, loss, Math.round(e.accuracy * 100), Math.round(e.accuracy * n), n);
}

/** The selected point, in words. */
export function describePoint(s: PlaygroundState, i: number, t: DensePlaygroundStrings = densePlaygroundStrings.en): string {
  const p = s.points[i];
  if (!p) return '';
  return t.point(i + 1, s.points.length, t.classNames[p.label] ?? String(p.label), p.x.toFixed(2), p.y.toFixed(2));
}

/** A weight as shown in its field. */
export function formatWeight(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toExponential(3);
  return String(round(v, 3));
}

/** SVG coordinates (viewBox 0…SIZE) of a data point. */
export const SIZE = 400;
export const toSvg = (x: number, y: number): [number, number] => [((x + LIMIT) / (2 * LIMIT)) * SIZE, ((LIMIT - y) / (2 * LIMIT)) * SIZE];
/** Data coordinates of an SVG position. */
export const fromSvg = (sx: number, sy: number): [number, number] => [(sx / SIZE) * 2 * LIMIT - LIMIT, LIMIT - (sy / SIZE) * 2 * LIMIT];

/** The marker of one point (class shape), as SVG markup. */
function markerSvg(p: Point, i: number, selected: boolean): string {
  const [cx, cy] = toSvg(p.x, p.y);
  const cls = `dp-pt dp-c${p.label}${selected ? ' is-selected' : ''}`;
  const r = 7;
  const a = `class="${cls}" data-i="${i}"`;
  if (p.label === 1) return `<rect ${a} x="${(cx - r).toFixed(1)}" y="${(cy - r).toFixed(1)}" width="${2 * r}" height="${2 * r}"/>`;
  if (p.label === 2) {
    const pts = [
      [cx, cy - r - 1],
      [cx + r + 1, cy + r],
      [cx - r - 1, cy + r],
    ];
    return `<polygon ${a} points="${pts.map(([u, v]) => `${(u ?? 0).toFixed(1)},${(v ?? 0).toFixed(1)}`).join(' ')}"/>`;
  }
  return `<circle ${a} cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r}"/>`;
}

/** The points layer (markup inside the <svg>). */
export function pointsSvg(s: PlaygroundState, selected: number): string {
  return s.points.map((p, i) => markerSvg(p, i, i === selected)).join('');
}

/** The decision regions as res×res rectangles (the static fallback; the island draws them on a canvas). */
export function regionsSvg(s: PlaygroundState, res: number): string {
  const grid = decisionGrid(s, res);
  const cell = SIZE / res;
  let out = '';
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) {
      out += `<rect class="dp-r${grid[r * res + c] ?? 0}" x="${(c * cell).toFixed(2)}" y="${(r * cell).toFixed(2)}" width="${(cell + 0.3).toFixed(2)}" height="${(cell + 0.3).toFixed(2)}"/>`;
    }
  }
  return out;
}
