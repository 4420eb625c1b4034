/**
 * Chapter 4 (The fully connected layer): the listings are taken from the MDX file by
 * their fence titles and checked with the model inspector, the layer library and
 * the reference softmax cross-entropy; the parameter shares of the classic networks
 * are checked against torchvision's documented totals (reference-facts.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/lib/inspector';
import { outputShape, paramCount } from '../../../src/lib/layers';
import { softmax, softmaxCrossEntropy, tensor } from '../../../src/lib/reference';
import { paramShare, paramShares, percent } from '../../../src/components/figures/param-share';
import { listingIn } from './listing';

const mdx = readFileSync(new URL('../../../content/chapters/04-fully-connected.mdx', import.meta.url), 'utf8');

/** The body of the fenced listing with this title. */
const listing = (title: string): string => listingIn(mdx, title, '04-fully-connected.mdx');

describe('chapter 4 listings', () => {
  it('fc_head.py: runs cleanly, every shape comment and the parameter total are right', () => {
    const code = listing('fc_head.py');
    // The model definition (the lines after it are expressions for the reader to try).
    const report = inspect(code.slice(0, code.indexOf('\n)\n') + 2), '64,5,5');
    expect(report.errors).toEqual([]);
    const lines = code.split('\n');
    expect(lines.find((l) => l.includes('nn.Sequential('))).toContain('# input: 64×5×5');
    expect(report.layers).toHaveLength(4);
    for (const row of report.layers) {
      const comment = /# → (\S+)/.exec(lines[row.line - 1] ?? '')?.[1];
      expect(comment, `comment on line ${row.line}`).toBe(row.outputShape?.slice(1).join('×'));
    }
    const hidden = report.layers[1]!;
    const spec = hidden.spec as { inFeatures: number; outFeatures: number };
    // weight is (out, in), bias is (out,)
    expect(code).toContain(`torch.Size([${spec.outFeatures}, ${spec.inFeatures}]): (out, in)`);
    expect(code).toContain(`torch.Size([${spec.outFeatures}])`);
    expect(code).toMatch(new RegExp(`parameters\\(\\)\\)\\s+# ${report.totals.parameters}\\n?$`));
    // (in + 1)·out, Eq. dense-params
    expect(hidden.params?.trainable).toBe((spec.inFeatures + 1) * spec.outFeatures);
  });

  it('fc_head_keras.py: shapes and Keras parameter counts agree with the layer library', () => {
    const code = listing('fc_head_keras.py');
    expect(code).toContain('keras.Input(shape=(5, 5, 64))');
    let shape = [1, 5 * 5 * 64]; // Keras flattens (5, 5, 64) into 1600 features
    const rows = code.split('\n').filter((l) => l.includes('# → (None, '));
    expect(rows).toHaveLength(3);
    expect(/# → \(None, (\d+)\)/.exec(rows[0]!)?.[1]).toBe(String(shape[1]));
    for (const line of rows.slice(1)) {
      const units = Number(/Dense\((\d+)/.exec(line)?.[1]);
      const spec = { kind: 'Linear', inFeatures: shape[1]!, outFeatures: units, bias: true } as const;
      const out = outputShape(spec, shape);
      expect(/# → \(None, (\d+)\)/.exec(line)?.[1]).toBe(String(out[1]));
      expect(/params: ([\d,]+)/.exec(line)?.[1]).toBe(paramCount(spec, shape).trainable.toLocaleString('en-US'));
      shape = [...out];
    }
    // The kernel is (in, out): the transpose of PyTorch's weight.
    expect(code).toContain('kernel.shape                 # (1600, 128): (in, out)');
  });

  it('cross_entropy.py: the losses printed are the library’s, with logits and with softmax applied twice', () => {
    const code = listing('cross_entropy.py');
    const z = /torch\.tensor\(\[\[([-\d., ]+)\]\]\)/.exec(code)?.[1]?.split(',').map(Number) ?? [];
    const t = Number(/torch\.tensor\(\[(\d+)\]\)/.exec(code)?.[1]);
    expect(z).toEqual([4, 1, -2]);
    const printed = [...code.matchAll(/# tensor\(([\d.]+)\)/g)].map((m) => Number(m[1]));
    expect(printed).toHaveLength(2);
    const logits = tensor([1, 3], z);
    const right = softmaxCrossEntropy(logits, [t]).loss;
    const twice = softmaxCrossEntropy(softmax(logits), [t]).loss;
    expect(printed[0]).toBeCloseTo(right, 4);
    expect(printed[1]).toBeCloseTo(twice, 4);
    // By hand: ln(1 + e^−3 + e^−6) for the right one.
    expect(right).toBeCloseTo(Math.log(1 + Math.exp(-3) + Math.exp(-6)), 6);
  });
});

describe('chapter 4: where the parameters are', () => {
  it('AlexNet and VGG-16 totals equal torchvision’s documented num_params', () => {
    expect(paramShare('alexnet').total).toBe(61_100_840);
    expect(paramShare('vgg16').total).toBe(138_357_544);
  });

  it('the FC parts match the arithmetic from torchvision’s layer definitions', () => {
    const alex = paramShare('alexnet');
    expect(alex.fc).toBe(9216 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 1000 + 1000);
    expect(alex.fc).toBe(58_631_144);
    expect(alex.rest).toBe(2_469_696);
    expect(percent(alex.share)).toBe('96.0 %');
    const vgg = paramShare('vgg16');
    expect(vgg.fc).toBe(123_642_856);
    expect(vgg.rest).toBe(14_714_688);
    expect(percent(vgg.share)).toBe('89.4 %');
    expect(vgg.largestFc).toBe(25088 * 4096 + 4096);
    expect(percent(vgg.largestShare)).toBe('74.3 %');
    const lenet = paramShare('lenet5');
    expect(lenet.total).toBe(61_706);
    expect(lenet.fc).toBe(400 * 120 + 120 + 120 * 84 + 84 + 84 * 10 + 10);
    expect(lenet.fcLayers).toBe(3);
  });

  it('lists the three networks in order and refuses an unknown one', () => {
    expect(paramShares().map((r) => r.id)).toEqual(['lenet5', 'alexnet', 'vgg16']);
    expect(() => paramShare('resnet50')).toThrow(/No example network "resnet50"/);
  });
});

describe('chapter 4: prose', () => {
  it('types no measured number by hand: the gradient check and the shares are expressions', () => {
    expect(mdx).toContain('{pow10(gc.relError.w)}');
    expect(mdx).toContain('{dec(100 * alexShare.share, 1)} %');
    expect(mdx).not.toMatch(/96\.0 %|89\.4 %|61,100,840|138,357,544/);
  });
});
