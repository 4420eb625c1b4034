/**
 * Whole networks built from LayerSpecs, checked against published totals:
 * LeNet-5 (modern variant), torchvision's AlexNet and VGG-16, and ResNet-18.
 */
import { describe, expect, it } from 'vitest';
import { outputShape, paramCount } from '../../../src/lib/layers';
import type { LayerSpec } from '../../../src/lib/types';
import { runSequence } from '../../../src/lib/sequence';
import { adaptiveAvg, bn2d, conv2d, dropout, flatten, linear, maxPool2d, relu } from '../../../src/lib/specs';

describe('LeNet-5 (modern: ReLU, max pooling)', () => {
  const lenet: LayerSpec[] = [
    conv2d(1, 6, 5),
    relu(),
    maxPool2d(2),
    conv2d(6, 16, 5),
    relu(),
    maxPool2d(2),
    flatten(),
    linear(400, 120),
    relu(),
    linear(120, 84),
    relu(),
    linear(84, 10),
  ];

  it('has 61,706 parameters and the textbook shapes', () => {
    const r = runSequence(lenet, [1, 1, 32, 32]);
    expect(r.totalTrainable).toBe(61706);
    expect(r.shapes[1]).toEqual([1, 6, 28, 28]);
    expect(r.shapes[3]).toEqual([1, 6, 14, 14]);
    expect(r.shapes[4]).toEqual([1, 16, 10, 10]);
    expect(r.shapes[6]).toEqual([1, 16, 5, 5]);
    expect(r.shapes[7]).toEqual([1, 400]);
    expect(r.shapes.at(-1)).toEqual([1, 10]);
    // 28²·6·25 + 10²·16·150 + 400·120 + 120·84 + 84·10
    expect(r.totalMacs).toBe(117600 + 240000 + 48000 + 10080 + 840);
  });

  it('on a 28×28 MNIST image without padding the first Linear must take 16·4·4 = 256', () => {
    expect(() => runSequence(lenet, [1, 1, 28, 28])).toThrow(/Linear expects 400 input features but receives 256/);
  });
});

describe('AlexNet (torchvision)', () => {
  const features: LayerSpec[] = [
    conv2d(3, 64, 11, { stride: 4, padding: 2 }),
    relu(),
    maxPool2d(3, { stride: 2 }),
    conv2d(64, 192, 5, { padding: 2 }),
    relu(),
    maxPool2d(3, { stride: 2 }),
    conv2d(192, 384, 3, { padding: 1 }),
    relu(),
    conv2d(384, 256, 3, { padding: 1 }),
    relu(),
    conv2d(256, 256, 3, { padding: 1 }),
    relu(),
    maxPool2d(3, { stride: 2 }),
  ];
  const classifier: LayerSpec[] = [dropout(0.5), linear(9216, 4096), relu(), dropout(0.5), linear(4096, 4096), relu(), linear(4096, 1000)];
  const alexnet = [...features, adaptiveAvg(6, 6), flatten(), ...classifier];

  it('totals 61,100,840 parameters: features 2,469,696, classifier 58,631,144', () => {
    const r = runSequence(alexnet, [1, 3, 224, 224]);
    expect(r.totalTrainable).toBe(61100840);
    expect(runSequence(features, [1, 3, 224, 224]).totalTrainable).toBe(2469696);
    expect(runSequence(classifier, [1, 9216]).totalTrainable).toBe(58631144);
    expect(r.shapes[1]).toEqual([1, 64, 55, 55]);
    expect(r.shapes[features.length]).toEqual([1, 256, 6, 6]);
    expect(r.shapes[features.length + 2]).toEqual([1, 9216]);
    expect(r.shapes.at(-1)).toEqual([1, 1000]);
  });

  it('needs about 0.71 GMACs (torchvision lists 0.71 GFLOPS), exactly the hand sum', () => {
    const r = runSequence(alexnet, [1, 3, 224, 224]);
    const conv =
      55 * 55 * 64 * (11 * 11 * 3) +
      27 * 27 * 192 * (5 * 5 * 64) +
      13 * 13 * 384 * (3 * 3 * 192) +
      13 * 13 * 256 * (3 * 3 * 384) +
      13 * 13 * 256 * (3 * 3 * 256);
    const fcMacs = 9216 * 4096 + 4096 * 4096 + 4096 * 1000;
    expect(r.totalMacs).toBe(conv + fcMacs);
    expect((r.totalMacs / 1e9).toFixed(2)).toBe('0.71');
  });

  it('the adaptive pool makes the classifier accept other input sizes', () => {
    expect(runSequence(alexnet, [1, 3, 256, 256]).shapes.at(-1)).toEqual([1, 1000]);
  });
});

describe('VGG-16 (torchvision)', () => {
  const cfg: Array<number | 'M'> = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'];
  const features: LayerSpec[] = [];
  let c = 3;
  for (const v of cfg) {
    if (v === 'M') features.push(maxPool2d(2, { stride: 2 }));
    else {
      features.push(conv2d(c, v, 3, { padding: 1 }), relu());
      c = v;
    }
  }
  const vgg = [
    ...features,
    adaptiveAvg(7, 7),
    flatten(),
    linear(512 * 7 * 7, 4096),
    relu(),
    dropout(),
    linear(4096, 4096),
    relu(),
    dropout(),
    linear(4096, 1000),
  ];

  it('totals 138,357,544 parameters, features 14,714,688', () => {
    expect(runSequence(vgg, [1, 3, 224, 224]).totalTrainable).toBe(138357544);
    expect(runSequence(features, [1, 3, 224, 224]).totalTrainable).toBe(14714688);
  });

  it('needs 15.47 GMACs (torchvision lists 15.47 GFLOPS)', () => {
    expect((runSequence(vgg, [1, 3, 224, 224]).totalMacs / 1e9).toFixed(2)).toBe('15.47');
  });
});

describe('ResNet-18', () => {
  /** One BasicBlock: conv3×3-BN-ReLU-conv3×3-BN (+ 1×1 conv-BN shortcut when downsampling). */
  function basicBlock(inC: number, outC: number, stride: number): { main: LayerSpec[]; shortcut: LayerSpec[] } {
    const main = [
      conv2d(inC, outC, 3, { stride, padding: 1, bias: false }),
      bn2d(outC),
      relu(),
      conv2d(outC, outC, 3, { padding: 1, bias: false }),
      bn2d(outC),
    ];
    const shortcut = stride !== 1 || inC !== outC ? [conv2d(inC, outC, 1, { stride, bias: false }), bn2d(outC)] : [];
    return { main, shortcut };
  }

  it('its fully connected layer has 512·1000 + 1000 = 513,000 parameters', () => {
    const pooled = outputShape({ kind: 'GlobalAvgPool' }, [1, 512, 7, 7]);
    expect(pooled).toEqual([1, 512]);
    expect(paramCount(linear(512, 1000), pooled).trainable).toBe(513000);
  });

  it('totals 11,689,512 parameters and 1.81 GMACs (torchvision: 11,689,512 and 1.81 GFLOPS)', () => {
    let x = runSequence(
      [conv2d(3, 64, 7, { stride: 2, padding: 3, bias: false }), bn2d(64), relu(), maxPool2d(3, { stride: 2, padding: 1 })],
      [1, 3, 224, 224],
    );
    let params = x.totalTrainable;
    let mac = x.totalMacs;
    let shape = x.shapes.at(-1) ?? [];
    expect(shape).toEqual([1, 64, 56, 56]);
    const stages: Array<[number, number, number]> = [
      [64, 64, 1],
      [64, 128, 2],
      [128, 256, 2],
      [256, 512, 2],
    ];
    for (const [inC, outC, stride] of stages) {
      for (const [bi, bo, bs] of [
        [inC, outC, stride],
        [outC, outC, 1],
      ] as const) {
        const { main, shortcut } = basicBlock(bi, bo, bs);
        const m = runSequence(main, shape);
        if (shortcut.length > 0) {
          const s = runSequence(shortcut, shape);
          expect(s.shapes.at(-1)).toEqual(m.shapes.at(-1)); // the residual sum needs equal shapes
          params += s.totalTrainable;
          mac += s.totalMacs;
        }
        params += m.totalTrainable;
        mac += m.totalMacs;
        shape = m.shapes.at(-1) ?? [];
      }
    }
    expect(shape).toEqual([1, 512, 7, 7]);
    x = runSequence([{ kind: 'GlobalAvgPool' }, linear(512, 1000)], shape);
    params += x.totalTrainable;
    mac += x.totalMacs;
    expect(params).toBe(11689512);
    expect((mac / 1e9).toFixed(2)).toBe('1.81');
  });
});
