/**
 * The chapter's worked examples of dropout's two modes, computed with the layer
 * library (reference dense layer, dropout, ReLU and softmax; seeded generator),
 * so that every number the chapter prints comes from here.
 *
 * The example network: 8 input activations → Dropout(p) → Linear(8, 3) → softmax
 * (one softmax layer), and the same with a hidden layer,
 * 8 → Dropout(p) → Linear(8, 6) → ReLU → Linear(6, 3) → softmax.
 */
import { createRng } from '../../lib/rng';
import { reluForward } from '../../lib/reference/activations';
import { denseForward } from '../../lib/reference/dense';
import { dropoutForward } from '../../lib/reference/dropout';
import { logSoftmax, softmax } from '../../lib/reference/softmax';
import { randomNormal, tensor, type Tensor } from '../../lib/reference/tensor';

/** Inputs of the example (8 non-negative activations). */
export const DEMO_INPUTS = 8;
/** Seed of the example's inputs and weights. */
const DEMO_SEED = 4;

interface DemoNet {
  x: Tensor;
  /** One softmax layer: W [3, 8], b [3]. */
  w: Tensor;
  b: Tensor;
  /** Hidden layer: W1 [6, 8], b1 [6]; W2 [3, 6], b2 [3]. */
  w1: Tensor;
  b1: Tensor;
  w2: Tensor;
  b2: Tensor;
}

/** The example's inputs (max(0, N(0.8, 0.6²)), 2 decimals) and weights (N(0, 0.7²)), all from `createRng(DEMO_SEED)`. */
function demoNet(): DemoNet {
  const rng = createRng(DEMO_SEED);
  const x = tensor(
    [1, DEMO_INPUTS],
    Array.from({ length: DEMO_INPUTS }, () => Math.max(0, Math.round(rng.normal(0.8, 0.6) * 100) / 100)),
  );
  return {
    x,
    w: randomNormal([3, DEMO_INPUTS], rng, 0, 0.7),
    b: tensor([3], [0, 0, 0]),
    w1: randomNormal([6, DEMO_INPUTS], rng, 0, 0.7),
    b1: tensor([6], [0, 0, 0, 0, 0, 0]),
    w2: randomNormal([3, 6], rng, 0, 0.7),
    b2: tensor([3], [0, 0, 0]),
  };
}

/** Class probabilities of the one-layer net for a (dropped and scaled) input row. */
function oneLayer(net: DemoNet, x: Tensor): number[] {
  return Array.from(softmax(denseForward(x, net.w, net.b)).data);
}

/** Class probabilities of the net with a hidden ReLU layer. */
function twoLayer(net: DemoNet, x: Tensor): number[] {
  return Array.from(softmax(denseForward(reluForward(denseForward(x, net.w1, net.b1)), net.w2, net.b2)).data);
}

/** Index of the largest value. */
function argmax(v: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if ((v[i] ?? 0) > (v[best] ?? 0)) best = i;
  return best;
}

export interface ModesDemo {
  p: number;
  x: number[];
  /** model.eval(): dropout is the identity. */
  evalProbs: number[];
  evalClass: number;
  /** model.train() left on by mistake: a few forward passes of the same input, seeds 1, 2, 3, … */
  trainRuns: { seed: number; kept: number; probs: number[]; cls: number }[];
  /** Over `passes` training-mode passes (seed 1 … passes): how often the predicted class differs from evaluation's. */
  passes: number;
  flips: number;
  /** The largest spread (max − min) of one class probability over those passes. */
  spread: number;
}

/**
 * Forward passes of the one-layer example in evaluation mode and, as if
 * `model.eval()` had been forgotten, in training mode with the library's inverted
 * dropout (each pass seeded 1, 2, …).
 */
export function modesDemo(p = 0.5, shown = 3, passes = 1000): ModesDemo {
  const net = demoNet();
  const evalProbs = oneLayer(net, dropoutForward(net.x, p, createRng(0), false).y);
  const evalClass = argmax(evalProbs);
  const trainRuns: ModesDemo['trainRuns'] = [];
  let flips = 0;
  const lo = evalProbs.map(() => Infinity);
  const hi = evalProbs.map(() => -Infinity);
  for (let seed = 1; seed <= passes; seed++) {
    const d = dropoutForward(net.x, p, createRng(seed), true);
    const probs = oneLayer(net, d.y);
    const cls = argmax(probs);
    if (cls !== evalClass) flips += 1;
    probs.forEach((v, j) => {
      lo[j] = Math.min(lo[j] ?? v, v);
      hi[j] = Math.max(hi[j] ?? v, v);
    });
    if (seed <= shown) trainRuns.push({ seed, kept: d.mask.reduce((a, m) => a + m, 0), probs, cls });
  }
  const spread = Math.max(...hi.map((h, j) => h - (lo[j] ?? 0)));
  return { p, x: Array.from(net.x.data), evalProbs, evalClass, trainRuns, passes, flips, spread };
}

export interface EnsembleDemo {
  p: number;
  /** 2^8 masks: every thinned network of the 8 inputs. */
  masks: number;
  /** Weight scaling (evaluation mode) for the one-layer net and the hidden-layer net. */
  scaledOne: number[];
  scaledTwo: number[];
  /** Normalised geometric mean of the 2^8 thinned networks' probabilities, weighted by each mask's probability. */
  geoOne: number[];
  geoTwo: number[];
  /** Arithmetic mean of the same (the ensemble average). */
  ariOne: number[];
  ariTwo: number[];
  /** max |geometric − scaled| for each net. */
  gapOne: number;
  gapTwo: number;
}

/**
 * Every one of the 2^8 masks of the example's input, applied as inverted dropout
 * does (yᵢ = mᵢ xᵢ / (1 − p), Eq. dropout-inverted), each weighted by its
 * probability (1 − p)^kept · p^dropped. Compares the weight-scaling rule
 * (evaluation mode) with the normalised geometric mean of the thinned networks
 * (Eq. dropout-geo) and with their arithmetic mean.
 */
export function ensembleDemo(p = 0.5): EnsembleDemo {
  const net = demoNet();
  const n = DEMO_INPUTS;
  const q = 1 - p;
  const xs = Array.from(net.x.data);
  const scaledInput = dropoutForward(net.x, p, createRng(0), false).y;
  const scaledOne = oneLayer(net, scaledInput);
  const scaledTwo = twoLayer(net, scaledInput);
  const logGeoOne = [0, 0, 0];
  const logGeoTwo = [0, 0, 0];
  const ariOne = [0, 0, 0];
  const ariTwo = [0, 0, 0];
  for (let m = 0; m < 2 ** n; m++) {
    let kept = 0;
    const row = xs.map((v, i) => {
      const keep = (m >> i) & 1;
      kept += keep;
      return keep ? v / q : 0;
    });
    const weight = q ** kept * p ** (n - kept);
    const input = tensor([1, n], row);
    const logits1 = denseForward(input, net.w, net.b);
    const logits2 = denseForward(reluForward(denseForward(input, net.w1, net.b1)), net.w2, net.b2);
    const l1 = logSoftmax(logits1).data;
    const l2 = logSoftmax(logits2).data;
    for (let j = 0; j < 3; j++) {
      logGeoOne[j] = (logGeoOne[j] ?? 0) + weight * (l1[j] ?? 0);
      logGeoTwo[j] = (logGeoTwo[j] ?? 0) + weight * (l2[j] ?? 0);
      ariOne[j] = (ariOne[j] ?? 0) + weight * Math.exp(l1[j] ?? 0);
      ariTwo[j] = (ariTwo[j] ?? 0) + weight * Math.exp(l2[j] ?? 0);
    }
  }
  const normalise = (logs: number[]): number[] => {
    const e = logs.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };
  const geoOne = normalise(logGeoOne);
  const geoTwo = normalise(logGeoTwo);
  const gap = (a: number[], b: number[]): number => Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));
  return {
    p,
    masks: 2 ** n,
    scaledOne,
    scaledTwo,
    geoOne,
    geoTwo,
    ariOne,
    ariTwo,
    gapOne: gap(geoOne, scaledOne),
    gapTwo: gap(geoTwo, scaledTwo),
  };
}
