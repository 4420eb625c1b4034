/**
 * Chapter 6 (Global average pooling): every listing's shape comments are checked with
 * the model inspector or the layer library, the listing is the Lab's network, the
 * parameter counts agree with torchvision's published figures, and the qualitative
 * claims the prose makes about the recorded experiment hold for the recorded numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headsFigure } from '../../../src/components/figures/heads-data';
import { inspect } from '../../../src/lib/inspector';
import { outputShape, paramCount } from '../../../src/lib/layers';
import { defaultTrunk, libraryParamCount, modelLayerSpecs } from '../../../src/train/model-config';
import { listingIn } from './listing';

const mdx = readFileSync(new URL('../../../content/chapters/06-global-average-pooling.mdx', import.meta.url), 'utf8');

/** The body of the fenced listing with this title. */
const listing = (title: string): string => listingIn(mdx, title, '06-global-average-pooling.mdx');

/** Each "# → A×B×C" comment of a listing, by 1-based line. */
function arrows(code: string): Map<number, string> {
  const out = new Map<number, string>();
  code.split('\n').forEach((line, i) => {
    const m = /# → (\S+)/.exec(line);
    if (m?.[1]) out.set(i + 1, m[1]);
  });
  return out;
}

const trunk = defaultTrunk.map((b) => ({ ...b }));
const gapModel = { trunk, head: { kind: 'gap' as const } };

describe('chapter 6 listings', () => {
  const code = listing('book_cnn_gap.py');
  const report = inspect(code, '1,28,28');

  it('book_cnn_gap.py: runs cleanly, every shape comment is right, and it is the Lab’s GAP network', () => {
    expect(report.errors).toEqual([]);
    const comments = arrows(code);
    expect(comments.size).toBe(report.layers.length);
    for (const row of report.layers) expect(comments.get(row.line), `line ${row.line}`).toBe(row.outputShape?.slice(1).join('×'));
    expect(report.totals.parameters).toBe(libraryParamCount(gapModel));
    // Same convolutions and poolings as src/train/model-config.ts describes the Lab's model.
    const lab = modelLayerSpecs(gapModel);
    expect(report.layers.slice(0, 6).map((r) => r.spec)).toEqual(lab.slice(0, 6));
    expect(report.layers.at(-1)?.spec).toEqual(lab.at(-1));
  });

  it('nin_head.py: the 1×1-convolution head has the shapes stated and as many parameters as GAP + Linear', () => {
    const nin = listing('nin_head.py');
    const r = inspect(nin, '16,7,7');
    expect(r.errors).toEqual([]);
    const comments = arrows(nin);
    for (const row of r.layers) expect(comments.get(row.line), `line ${row.line}`).toBe(row.outputShape?.slice(1).join('×'));
    expect(nin).toContain('# input: 16×7×7');
    expect(r.totals.parameters).toBe(
      libraryParamCount({ trunk, head: { kind: 'nin' } }) - report.layers.slice(0, 6).reduce((s, l) => s + (l.params?.trainable ?? 0), 0),
    );
    expect(r.totals.parameters).toBe(report.layers.at(-1)?.params?.trainable);
  });

  it('cam.py: model[:6] ends at the 16×7×7 maps and model[8] is the Linear(16, 10)', () => {
    const cam = listing('cam.py');
    expect(cam).toContain('model[:6](x)');
    expect(cam).toContain('model[8].weight');
    expect(report.layers[5]?.type).toBe('MaxPool2d');
    expect(report.layers[5]?.outputShape).toEqual([1, 16, 7, 7]);
    expect(cam).toContain('# N×16×7×7');
    expect(report.layers[8]?.spec).toEqual({ kind: 'Linear', inFeatures: 16, outFeatures: 10, bias: true });
    expect(cam).toContain('# N×10×7×7');
  });

  it('book_cnn_gap_keras.py: the channels-last shape comments are the library’s shapes transposed to H×W×C', () => {
    const keras = listing('book_cnn_gap_keras.py');
    const stated = [...arrows(keras).values()];
    const specs = modelLayerSpecs(gapModel);
    let shape: readonly number[] = [1, 1, 28, 28];
    const shapes = specs.map((s) => (shape = outputShape(s, shape)));
    const hwc = (s: readonly number[]) => (s.length === 4 ? [s[2], s[3], s[1]] : [s[1]]).join('×');
    // Conv2D(…, activation="relu") is Conv2d + ReLU: compare after the ReLU, then pool, conv+ReLU, pool, GAP, Dense.
    expect(stated).toEqual([1, 2, 4, 5, 6, 7].map((i) => hwc(shapes[i]!)));
    expect(keras).toContain('keras.Input(shape=(28, 28, 1))');
  });
});

describe('chapter 6 numbers', () => {
  it('VGG-16: the inspector agrees with torchvision’s published counts, and a GAP head has 513,000 parameters', () => {
    const vgg = inspect(readFileSync(new URL('../../../content/models/vgg16.txt', import.meta.url), 'utf8'), '3,224,224');
    const sum = (prefix: string) => vgg.layers.filter((l) => l.name.startsWith(prefix)).reduce((s, l) => s + (l.params?.trainable ?? 0), 0);
    expect(vgg.totals.parameters).toBe(138_357_544);
    expect(sum('features.')).toBe(14_714_688);
    expect(sum('classifier.')).toBe(123_642_856);
    expect(paramCount({ kind: 'Linear', inFeatures: 512, outFeatures: 1000, bias: true }, [1, 512]).trainable).toBe(513_000);
    // Larger images still reach avgpool's 7×7 output, so the classifier is unchanged.
    const big = inspect(readFileSync(new URL('../../../content/models/vgg16.txt', import.meta.url), 'utf8'), '3,320,320');
    expect(big.errors).toEqual([]);
    expect(big.layers.find((l) => l.name === 'avgpool')?.inputShape).toEqual([1, 512, 10, 10]);
    expect(big.totals.parameters).toBe(vgg.totals.parameters);
  });

  it('the book’s CNN: GAP head = 1×1 conv head = K·C + C, independent of the input size; the FC head is not', () => {
    expect(libraryParamCount(gapModel) - libraryParamCount({ trunk, head: { kind: 'nin' } })).toBe(0);
    expect(libraryParamCount(gapModel, 36)).toBe(libraryParamCount(gapModel, 28));
    const fc = { trunk, head: { kind: 'fc' as const, hidden: 64, dropout: 0 } };
    // The first Linear grows from 16·7·7 to 16·9·9 inputs: 64 more weights per extra input.
    expect(libraryParamCount(fc, 36) - libraryParamCount(fc, 28)).toBe((16 * 9 * 9 - 16 * 7 * 7) * 64);
  });

  it('the prose’s claims about the recorded comparison hold for content/figures/heads-comparison.json', () => {
    const s = Object.fromEntries(headsFigure.series.map((x) => [x.id, x]));
    const fc = s['fc']!;
    const gap = s['gap']!;
    const shift = (x: typeof fc, px: number) => x.shifted.find((y) => y.maxShift === px)!.accuracy;
    // "the GAP head is less accurate on centred digits but far more robust to shifted ones"
    expect(gap.testAccuracy).toBeLessThan(fc.testAccuracy);
    expect(shift(gap, 6)).toBeGreaterThan(shift(fc, 6) + 0.2);
    expect(shift(gap, 6)).toBeGreaterThan(shift(s['fc-dropout']!, 6));
    // "At ±2 pixels the order is still FC first"
    expect(shift(fc, 2)).toBeGreaterThan(shift(gap, 2));
    // "The FC head fits its training digits much better than it generalises; the GAP head … little to memorise"
    expect(fc.trainLoss.at(-1)!).toBeLessThan(fc.valLoss.at(-1)! / 2);
    expect(Math.abs(gap.trainLoss.at(-1)! - gap.valLoss.at(-1)!)).toBeLessThan(0.25 * gap.valLoss.at(-1)!);
    // "learns more slowly"
    expect(gap.valAccuracy.at(-1)!).toBeLessThan(fc.valAccuracy.at(-1)!);
  });
});
