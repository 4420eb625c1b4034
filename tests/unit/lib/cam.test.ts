/**
 * src/lib/cam.ts: the pure forward pass of the book's GAP network agrees with the
 * TF.js model it was exported from, the class activation map is Eq. cam, and its
 * mean is the class score minus the bias (Eq. cam-mean).
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  camOf,
  checkGapNet,
  classActivationMaps,
  featureChannels,
  gapNetFeatures,
  gapNetForward,
  kerasConvFromTorch,
  mapMean,
  mapPeak,
  torchConvFromKeras,
  transposeMatrix,
  upsampleBilinear,
  type GapNet,
} from '../../../src/lib/cam';
import { createRng } from '../../../src/lib/rng';
import { REPO_ROOT } from '../../../src/train/data-node';
import { HEADS_TRUNK, exportGapNet } from '../../../src/train/experiments';
import { buildModel } from '../../../src/train/models';
import { useNodeBackend } from '../../../src/train/tf-node';
import { digits } from '../train/helpers';

const SIZE = 28;
const gapConfig = { trunk: HEADS_TRUNK.map((b) => ({ ...b })), head: { kind: 'gap' as const } };

/** The first n test digits of the book's split, as n arrays of 784 values in [0, 1]. */
function testImages(n: number): Float32Array[] {
  const { test } = digits().split;
  return Array.from({ length: n }, (_, k) =>
    Float32Array.from(test.images.subarray(k * SIZE * SIZE, (k + 1) * SIZE * SIZE), (b) => b / 255),
  );
}

/** Runs the TF.js model on the images: its logits and its last feature maps, the latter as NCHW. */
function tfjsOutputs(model: tf.LayersModel, images: Float32Array[]): { logits: number[][]; features: number[][] } {
  return tf.tidy(() => {
    const x = tf.tensor4d(
      images.flatMap((im) => Array.from(im)),
      [images.length, SIZE, SIZE, 1],
    );
    const trunk = tf.model({ inputs: model.inputs, outputs: model.getLayer('pool2').output as tf.SymbolicTensor });
    const logits = (model.predict(x) as tf.Tensor).arraySync() as number[][];
    const nhwc = trunk.predict(x) as tf.Tensor4D;
    const features = nhwc.transpose([0, 3, 1, 2]).reshape([images.length, -1]).arraySync() as number[][];
    return { logits, features };
  });
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
};

/** Puts a GapNet's weights (PyTorch layouts) into a TF.js model of the same architecture. */
function loadIntoTfjs(net: GapNet): tf.LayersModel {
  const model = buildModel(gapConfig, { seed: 99 });
  net.trunk.forEach((b, i) => {
    model
      .getLayer(`conv${i + 1}`)
      .setWeights([
        tf.tensor4d(kerasConvFromTorch(b.weight, b.kernel, b.inChannels, b.filters), [b.kernel, b.kernel, b.inChannels, b.filters]),
        tf.tensor1d(b.bias),
      ]);
  });
  const k = featureChannels(net);
  model
    .getLayer('logits')
    .setWeights([tf.tensor2d(transposeMatrix(net.head.weight, net.head.classes, k), [k, net.head.classes]), tf.tensor1d(net.head.bias)]);
  return model;
}

const readFigure = (name: string): { net: GapNet } => JSON.parse(readFileSync(join(REPO_ROOT, 'content', 'figures', name), 'utf8'));

beforeAll(async () => {
  await useNodeBackend('cpu');
});

describe('gapNetForward against TF.js (cpu backend)', () => {
  it('a freshly initialised model: same feature maps and logits within 1e-4', () => {
    const model = buildModel(gapConfig, { seed: 5 });
    // Glorot weights and zero biases give tiny logits; perturb the biases so they matter too.
    const rng = createRng(11);
    for (const name of ['conv1', 'conv2', 'logits']) {
      const [kernel, bias] = model.getLayer(name).getWeights();
      model.getLayer(name).setWeights([kernel!, tf.tensor1d(rng.normalArray(bias!.size, 0, 0.1))]);
    }
    const net = exportGapNet(model, HEADS_TRUNK);
    expect(checkGapNet(net)).toBeNull();
    const images = testImages(6);
    const ref = tfjsOutputs(model, images);
    images.forEach((im, n) => {
      const out = gapNetForward(net, im);
      expect(out.features.shape).toEqual([1, 16, 7, 7]);
      expect(maxAbsDiff(out.features.data, ref.features[n]!)).toBeLessThan(1e-4);
      expect(maxAbsDiff(out.logits, ref.logits[n]!)).toBeLessThan(1e-4);
      expect(out.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    });
    model.dispose();
  });

  for (const file of ['gap-model-smoke.json', 'gap-model.json']) {
    it(`the weights in content/figures/${file}, loaded back into TF.js, give the same logits within 1e-4`, () => {
      if (!existsSync(join(REPO_ROOT, 'content', 'figures', file)))
        throw new Error(`${file} is missing: run npm run figures${file.includes('smoke') ? ' -- --smoke' : ''}`);
      const { net } = readFigure(file);
      expect(checkGapNet(net)).toBeNull();
      const model = loadIntoTfjs(net);
      const images = testImages(5);
      const ref = tfjsOutputs(model, images);
      images.forEach((im, n) => expect(maxAbsDiff(gapNetForward(net, im).logits, ref.logits[n]!)).toBeLessThan(1e-4));
      model.dispose();
    });
  }
});

describe('class activation maps', () => {
  const { net } = readFigure('gap-model-smoke.json');
  const images = testImages(4);

  it('M_c(x, y) = Σ_k w_ck f_k(x, y) (Eq. cam), checked with a direct triple loop', () => {
    const f = gapNetFeatures(net, images[0]!);
    const cam = classActivationMaps(net, f);
    const [, k, h, w] = f.shape as [number, number, number, number];
    expect([cam.height, cam.width]).toEqual([h, w]);
    for (let c = 0; c < net.head.classes; c++) {
      const expected = new Float32Array(h * w);
      for (let p = 0; p < h * w; p++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += net.head.weight[c * k + j]! * f.data[j * h * w + p]!;
        expected[p] = s;
      }
      expect(maxAbsDiff(camOf(cam, c), expected)).toBeLessThan(1e-5);
    }
  });

  it('the mean of M_c is the class score minus its bias, z_c − b_c (Eq. cam-mean), for every class and digit', () => {
    for (const im of images) {
      const out = gapNetForward(net, im);
      const cam = classActivationMaps(net, out.features);
      for (let c = 0; c < net.head.classes; c++) {
        expect(Math.abs(mapMean(camOf(cam, c)) - (out.logits[c]! - net.head.bias[c]!))).toBeLessThan(1e-5);
      }
    }
  });

  it('mapPeak finds the largest cell (first on ties)', () => {
    expect(mapPeak([0, 3, 1, 3, -2, 0], 3)).toEqual({ row: 0, col: 1, value: 3 });
    expect(mapPeak([-5, -4, -9, -1], 2)).toEqual({ row: 1, col: 1, value: -1 });
  });
});

describe('layout conversions and upsampling', () => {
  it('Keras ↔ PyTorch conv kernels are inverse permutations that move [u, v, c, o] to [o, c, u, v]', () => {
    const [k, cin, cout] = [3, 2, 4];
    const keras = Array.from({ length: k * k * cin * cout }, (_, i) => i);
    const torch = torchConvFromKeras(keras, k, cin, cout);
    // keras[u=1, v=2, c=1, o=3] = ((1·3 + 2)·2 + 1)·4 + 3 = 47 must land at torch[3, 1, 1, 2] = ((3·2 + 1)·3 + 1)·3 + 2 = 68.
    expect(torch[68]).toBe(47);
    expect(kerasConvFromTorch(torch, k, cin, cout)).toEqual(keras);
    expect(transposeMatrix([1, 2, 3, 4, 5, 6], 2, 3)).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it("upsampleBilinear matches PyTorch's F.interpolate(bilinear, align_corners=False) on a 2×2 map", () => {
    // torch.nn.functional.interpolate(torch.tensor([[[[1., 2.], [3., 4.]]]]), size=4, mode='bilinear')
    const expected = [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4];
    expect(Array.from(upsampleBilinear([1, 2, 3, 4], 2, 2, 4, 4))).toEqual(expected);
    expect(Array.from(upsampleBilinear([5, 5, 5, 5, 5, 5], 2, 3, 7, 5)).every((v) => Math.abs(v - 5) < 1e-6)).toBe(true);
  });

  it('checkGapNet names the field and the fix', () => {
    const { net } = readFigure('gap-model-smoke.json');
    expect(checkGapNet(null)).toMatch(/must be an object/);
    expect(checkGapNet({ ...net, head: { ...net.head, bias: net.head.bias.slice(1) } })).toBe('head.bias must have 10 numbers, but has 9.');
    const trunk = net.trunk.map((b) => ({ ...b }));
    trunk[1]!.inChannels = 3;
    expect(checkGapNet({ ...net, trunk })).toMatch(
      /^trunk\[1\]\.inChannels must be 8 \(the channels the previous layer outputs\), but is 3\.$/,
    );
    const weight = [...net.trunk[0]!.weight];
    weight[4] = Number.NaN;
    expect(checkGapNet({ ...net, trunk: [{ ...net.trunk[0]!, weight }, net.trunk[1]!] })).toBe(
      'trunk[0].weight[4] is NaN, not a finite number.',
    );
  });
});
