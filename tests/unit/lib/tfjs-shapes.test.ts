/**
 * Differential test: random small CNNs are built both as LayerSpecs (PyTorch
 * semantics, NCHW) and as TensorFlow.js Keras layers (NHWC), restricted to the
 * cases where the two frameworks agree:
 *   - 'valid' ↔ padding 0;
 *   - TF 'same' with stride 1 and an odd kernel ↔ PyTorch padding d·(k − 1)/2 per side.
 * Output shapes, parameter counts and the failure points must match.
 * BatchNorm: Keras keeps moving mean/variance as 2C non-trainable weights; PyTorch
 * has the same 2C running stats plus the scalar num_batches_tracked.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputShape, paramCount } from '../../../src/lib/layers';
import type { LayerSpec, Shape } from '../../../src/lib/types';
import { LayerError } from '../../../src/lib/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Block =
  | { t: 'conv'; filters: number; k: number; stride: number; dilation: number; same: boolean; lazy: boolean; bias: boolean }
  | { t: 'maxpool' | 'avgpool'; k: number; stride: number; same: boolean }
  | { t: 'bn' }
  | { t: 'relu' }
  | { t: 'dropout'; p: number };

const convArb = fc
  .record({
    t: fc.constant('conv' as const),
    filters: fc.integer({ min: 1, max: 6 }),
    k: fc.integer({ min: 1, max: 5 }),
    stride: fc.integer({ min: 1, max: 3 }),
    dilation: fc.integer({ min: 1, max: 2 }),
    same: fc.boolean(),
    lazy: fc.boolean(),
    bias: fc.boolean(),
  })
  // tfjs requires stride 1 when dilation > 1; 'same' is only equivalent for stride 1, odd k.
  .map((b) => ({ ...b, stride: b.dilation > 1 ? 1 : b.stride, same: b.same && b.k % 2 === 1 && (b.dilation > 1 || b.stride === 1) }));
const poolArb = fc
  .record({
    t: fc.constantFrom('maxpool' as const, 'avgpool' as const),
    k: fc.integer({ min: 1, max: 4 }),
    stride: fc.integer({ min: 1, max: 3 }),
    same: fc.boolean(),
  })
  .map((b) => ({ ...b, same: b.same && b.stride === 1 && b.k % 2 === 1 }));
const blockArb: fc.Arbitrary<Block> = fc.oneof(
  { weight: 4, arbitrary: convArb },
  { weight: 3, arbitrary: poolArb },
  { weight: 1, arbitrary: fc.constant({ t: 'bn' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'relu' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('dropout' as const), p: fc.constantFrom(0.1, 0.5) }) },
);
const netArb = fc.record({
  n: fc.integer({ min: 1, max: 3 }),
  c: fc.integer({ min: 1, max: 4 }),
  h: fc.integer({ min: 3, max: 24 }),
  w: fc.integer({ min: 3, max: 24 }),
  blocks: fc.array(blockArb, { minLength: 1, maxLength: 6 }),
  dense: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 2 }),
});

/** Keras' [null, H, W, C] / [null, F] as our batch-first NCHW / [N, F]. */
function toNCHW(tfShape: readonly (number | null)[], n: number): number[] {
  const dims = tfShape.slice(1) as number[];
  if (dims.length === 3) return [n, dims[2] ?? 0, dims[0] ?? 0, dims[1] ?? 0];
  return [n, ...dims];
}

function lastOutputShape(model: tf.Sequential): (number | null)[] {
  const layer = model.layers[model.layers.length - 1];
  return (layer?.outputShape ?? []) as (number | null)[];
}

function sizeOf(weights: tf.LayerVariable[]): number {
  return weights.reduce((s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 0), 1), 0);
}

describe('shapes and parameter counts agree with TensorFlow.js', () => {
  it('for random conv/pool/dense stacks', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(netArb, (net) => {
        const model = tf.sequential();
        let shape: Shape = [net.n, net.c, net.h, net.w];
        let trainable = 0;
        let buffers = 0;
        let batchNorms = 0;
        let first = true;
        const input = (): { inputShape?: number[] } => (first ? { inputShape: [net.h, net.w, net.c] } : {});
        /** Adds the TF layer, compares shapes; returns false once the network became invalid. */
        const step = (tfLayer: tf.layers.Layer, spec: LayerSpec): boolean => {
          let tfRejects = false;
          try {
            model.add(tfLayer); // throws "Negative dimension size" for sizes < 0
          } catch {
            tfRejects = true;
          }
          first = false;
          const expected = tfRejects ? [] : toNCHW(lastOutputShape(model), net.n);
          if (tfRejects || expected.some((d) => d < 1)) {
            expect(() => outputShape(spec, shape)).toThrow(LayerError);
            return false;
          }
          const got = outputShape(spec, shape);
          expect(got).toEqual(expected);
          const p = paramCount(spec, shape);
          trainable += p.trainable;
          buffers += p.buffers;
          shape = got;
          return true;
        };
        try {
          let ok = true;
          for (const b of net.blocks) {
            const channels = shape[1] ?? 0;
            if (b.t === 'conv') {
              const pad = b.same ? (b.dilation * (b.k - 1)) / 2 : 0;
              ok = step(
                tf.layers.conv2d({
                  ...input(),
                  filters: b.filters,
                  kernelSize: b.k,
                  strides: b.stride,
                  dilationRate: b.dilation,
                  padding: b.same ? 'same' : 'valid',
                  useBias: b.bias,
                }),
                {
                  kind: 'Conv2d',
                  inChannels: b.lazy ? null : channels,
                  outChannels: b.filters,
                  kernelSize: [b.k, b.k],
                  stride: [b.stride, b.stride],
                  padding: [pad, pad],
                  dilation: [b.dilation, b.dilation],
                  groups: 1,
                  bias: b.bias,
                },
              );
            } else if (b.t === 'maxpool' || b.t === 'avgpool') {
              const pad = b.same ? (b.k - 1) / 2 : 0;
              const args = { ...input(), poolSize: b.k, strides: b.stride, padding: b.same ? ('same' as const) : ('valid' as const) };
              ok =
                b.t === 'maxpool'
                  ? step(tf.layers.maxPooling2d(args), {
                      kind: 'MaxPool2d',
                      kernelSize: [b.k, b.k],
                      stride: [b.stride, b.stride],
                      padding: [pad, pad],
                      dilation: [1, 1],
                      ceilMode: false,
                    })
                  : step(tf.layers.averagePooling2d(args), {
                      kind: 'AvgPool2d',
                      kernelSize: [b.k, b.k],
                      stride: [b.stride, b.stride],
                      padding: [pad, pad],
                      ceilMode: false,
                      countIncludePad: false,
                    });
            } else if (b.t === 'bn') {
              batchNorms += 1;
              ok = step(tf.layers.batchNormalization({ ...input(), axis: -1 }), {
                kind: 'BatchNorm2d',
                numFeatures: channels,
                affine: true,
                trackRunningStats: true,
              });
            } else if (b.t === 'relu') {
              ok = step(tf.layers.reLU({ ...input() }), { kind: 'Activation', name: 'ReLU' });
            } else if (b.t === 'dropout') {
              ok = step(tf.layers.dropout({ ...input(), rate: b.p }), { kind: 'Dropout', p: b.p });
            }
            if (!ok) break;
          }
          if (!ok) {
            invalid += 1;
            return;
          }
          step(tf.layers.flatten(), { kind: 'Flatten', startDim: 1, endDim: -1 });
          for (const units of net.dense) {
            const inF = toNCHW(lastOutputShape(model), net.n)[1] ?? 0; // from TF's shape, not ours
            step(tf.layers.dense({ units }), { kind: 'Linear', inFeatures: inF, outFeatures: units, bias: true });
          }
          valid += 1;
          expect(trainable).toBe(sizeOf(model.trainableWeights));
          expect(buffers - batchNorms).toBe(sizeOf(model.nonTrainableWeights));
          expect(trainable + buffers - batchNorms).toBe(model.countParams());
        } finally {
          model.dispose();
        }
      }),
      { numRuns: 60 },
    );
    // Both kinds of outcome must have been exercised.
    expect(valid).toBeGreaterThan(5);
    expect(invalid).toBeGreaterThan(0);
  });
});
