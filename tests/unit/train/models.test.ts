import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputShape } from '../../../src/lib/layers';
import type { Shape } from '../../../src/lib/types';
import { conv2dFilterGradient, installFastConvGradient, uninstallFastConvGradient } from '../../../src/train/conv-grad';
import { buildModel } from '../../../src/train/models';
import { libraryParamCount, modelLayerSpecs } from '../../../src/train/model-config';
import { makeSettings, validateSettings } from '../../../src/train/settings';
import type { HeadConfig, ModelConfig } from '../../../src/train/model-config';
import { useNodeBackend } from '../../../src/train/tf-node';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

const trunk = [
  { filters: 8, kernel: 5, pool: 2 },
  { filters: 16, kernel: 5, pool: 2 },
];

describe('buildModel', () => {
  it.each<[HeadConfig, number]>([
    // conv 208 + conv 3,216 + (7·7·16)·64 + 64 + 64·10 + 10
    [{ kind: 'fc', hidden: 64, dropout: 0 }, 54314],
    [{ kind: 'fc', hidden: 64, dropout: 0.5 }, 54314],
    // conv 208 + conv 3,216 + 16·10 + 10
    [{ kind: 'gap' }, 3594],
    // conv 208 + conv 3,216 + 1×1 conv 16·10 + 10
    [{ kind: 'nin' }, 3594],
  ])('the book CNN with head %j has %i parameters (tfjs = src/lib), outputs [N, 10]', (head, expected) => {
    const config: ModelConfig = { trunk, head };
    const model = buildModel(config, { seed: 3 });
    try {
      expect(model.countParams()).toBe(expected);
      expect(libraryParamCount(config)).toBe(expected);
      expect(model.outputs[0]?.shape).toEqual([null, 10]);
    } finally {
      model.dispose();
    }
  });

  it('maps every layer of the default CNN to the same shapes as the library (NHWC vs NCHW)', () => {
    const config: ModelConfig = { trunk, head: { kind: 'fc', hidden: 64, dropout: 0.5 } };
    const model = buildModel(config);
    try {
      let shape: Shape = [1, 1, 28, 28];
      const libShapes = modelLayerSpecs(config, shape).map((spec) => (shape = outputShape(spec, shape)));
      // Library: conv, relu, pool, conv, relu, pool, flatten, linear, relu, dropout, linear
      expect(libShapes.map((s) => s.slice(1))).toEqual([
        [8, 28, 28],
        [8, 28, 28],
        [8, 14, 14],
        [16, 14, 14],
        [16, 14, 14],
        [16, 7, 7],
        [784],
        [64],
        [64],
        [64],
        [10],
      ]);
      const tfShapes = model.layers.slice(1).map((l) => (l.outputShape as number[]).slice(1));
      expect(tfShapes).toEqual([[28, 28, 8], [14, 14, 8], [14, 14, 16], [7, 7, 16], [784], [64], [64], [10]]);
    } finally {
      model.dispose();
    }
  });

  it('countParams() equals Σ paramCount over the library specs for random configs', () => {
    const block = fc.record({
      filters: fc.integer({ min: 1, max: 12 }),
      kernel: fc.constantFrom(1, 3, 5, 7),
      pool: fc.constantFrom(1, 2, 3),
    });
    const head = fc.oneof(
      fc.record({ kind: fc.constant('fc' as const), hidden: fc.integer({ min: 1, max: 40 }), dropout: fc.constantFrom(0, 0.25) }),
      fc.constant({ kind: 'gap' as const }),
      fc.constant({ kind: 'nin' as const }),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 3 }), head, fc.integer({ min: 28, max: 40 }), (t, h, canvas) => {
        const config: ModelConfig = { trunk: t, head: h };
        fc.pre(validateSettings(makeSettings({ model: config, canvasSize: canvas })).length === 0);
        const model = buildModel(config, { inputSize: canvas });
        try {
          expect(model.countParams()).toBe(libraryParamCount(config, canvas));
        } finally {
          model.dispose();
        }
      }),
      { numRuns: 40, seed: 42 },
    );
  });

  it('is seeded: the same seed gives the same initial weights, another seed others', () => {
    const config: ModelConfig = { trunk: [{ filters: 2, kernel: 3 }], head: { kind: 'gap' } };
    const [a, b, c] = [1, 1, 2].map((seed) => buildModel(config, { seed }));
    const w = (m: tf.LayersModel) => Array.from(m.getWeights()[0]?.dataSync() ?? []);
    expect(w(a!)).toEqual(w(b!));
    expect(w(a!)).not.toEqual(w(c!));
    for (const m of [a, b, c]) m?.dispose();
  });
});

describe('the Conv2D filter gradient by forward convolution', () => {
  const cases: Array<[number, number, 'same' | 'valid' | number]> = [
    [5, 1, 'same'],
    [3, 2, 'valid'],
    [1, 3, 'same'],
    [4, 2, 'same'], // even kernel: asymmetric 'same' padding
    [3, 1, 1],
  ];
  it.each(cases)('matches tfjs’s own gradient (kernel %i, %i input channels, pad %s)', (k, cin, pad) => {
    const f = (w: tf.Tensor) =>
      tf.tidy(() => {
        const x = tf.randomNormal([3, 8, 7, cin], 0, 1, 'float32', 11) as tf.Tensor4D;
        const dy = tf.randomNormal(tf.conv2d(x, w as tf.Tensor4D, 1, pad).shape, 0, 1, 'float32', 12);
        return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, v as tf.Tensor4D, 1, pad), dy)))(w);
      });
    const w = tf.randomNormal([k, k, cin, 2], 0, 1, 'float32', 13);
    uninstallFastConvGradient();
    const reference = f(w);
    installFastConvGradient();
    const fast = f(w);
    const err = tf.tidy(() => tf.max(tf.abs(tf.sub(reference, fast))).dataSync()[0] as number);
    const scale = tf.tidy(() => tf.max(tf.abs(reference)).dataSync()[0] as number);
    expect(err / scale).toBeLessThan(1e-5);
    tf.dispose([w, reference, fast]);
  });

  it('handles strides > 1 itself (filter gradient as a dilated forward convolution)', () => {
    const x = tf.ones([1, 6, 6, 1]) as tf.Tensor4D;
    const dy = tf.ones([1, 3, 3, 1]) as tf.Tensor4D;
    const g = conv2dFilterGradient(x, dy, [3, 3, 1, 1], { strides: 2, pad: 'same', dataFormat: 'NHWC', dilations: 1 });
    expect(g).not.toBeNull();
    // 'same', stride 2 on 6 pixels pads 0 above and 1 below: kernel row 2 (and column 2) sees
    // the bottom padding once out of 3 outputs, so those entries sum 6 (or 4) ones instead of 9.
    expect(Array.from(g!.dataSync())).toEqual([9, 9, 6, 9, 9, 6, 6, 6, 4]);
    tf.dispose([x, dy, g!]);
  });
});
