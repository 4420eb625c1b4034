/**
 * Chapter 7 (Designing the head): the model files, the parameter formulas, and every
 * listing of the chapter (taken from the MDX by its fence title) are checked — the
 * inspector's table against an independent walk with the layer library, the Keras
 * listing against TensorFlow's shape rules, the recorded figures against the library.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/lib/inspector';
import { outputShape, paramCount } from '../../../src/lib/layers';
import { tfConvOutputSize, tfPoolOutputSize } from '../../../src/lib/shapes';
import type { LayerSpec, Shape } from '../../../src/lib/types';
import { examples } from '../../../src/components/inspector/examples';
import heads from '../../../content/figures/heads-comparison.json';
import { listingIn } from './listing';
import { chapterFiles, chapterSlugOf } from '../../../src/apparatus/content-paths';

const mdx = readFileSync(new URL('../../../content/chapters/07-designing-the-head.mdx', import.meta.url), 'utf8');
const modelFile = (name: string): string => readFileSync(new URL(`../../../content/models/${name}`, import.meta.url), 'utf8');

/** The body of the fenced listing with this title. */
const listing = (title: string): string => listingIn(mdx, title, '07-designing-the-head.mdx');

// The book's small CNN, written out by hand as library specs (PyTorch's defaults filled in).
const conv = (cin: number, cout: number, k: number, p: number): LayerSpec => ({
  kind: 'Conv2d',
  inChannels: cin,
  outChannels: cout,
  kernelSize: [k, k],
  stride: [1, 1],
  padding: [p, p],
  dilation: [1, 1],
  groups: 1,
  bias: true,
});
const relu: LayerSpec = { kind: 'Activation', name: 'ReLU' };
const pool2: LayerSpec = { kind: 'MaxPool2d', kernelSize: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], ceilMode: false };
const flatten: LayerSpec = { kind: 'Flatten', startDim: 1, endDim: -1 };
const linear = (i: number, o: number): LayerSpec => ({ kind: 'Linear', inFeatures: i, outFeatures: o, bias: true });
const trunk: LayerSpec[] = [conv(1, 8, 5, 2), relu, pool2, conv(8, 16, 5, 2), relu, pool2];
const fcSpecs: LayerSpec[] = [...trunk, flatten, linear(784, 64), relu, { kind: 'Dropout', p: 0.5 }, linear(64, 10)];
const gapSpecs: LayerSpec[] = [...trunk, { kind: 'AdaptiveAvgPool2d', outputSize: [1, 1] }, flatten, linear(16, 10)];

/** Output shape and trainable parameters of every layer, chained with the library. */
function walk(specs: LayerSpec[], input: Shape): { shape: Shape; params: number }[] {
  let shape = input;
  return specs.map((spec) => {
    const params = paramCount(spec, shape).trainable;
    shape = outputShape(spec, shape);
    return { shape, params };
  });
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const source = (id: string): string => {
  const e = examples.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no example ${id}`);
  return e.source;
};

describe('the model files', () => {
  it.each([
    ['small-cnn', fcSpecs, 54_314],
    ['small-cnn-gap', gapSpecs, 3_594],
  ] as const)('%s: the inspector agrees with an independent walk through the layer library', (id, specs, total) => {
    const report = inspect(source(id), '1,28,28');
    expect(report.errors).toEqual([]);
    const expected = walk(specs, [1, 1, 28, 28]);
    expect(report.layers.map((r) => r.outputShape)).toEqual(expected.map((e) => e.shape));
    expect(report.layers.map((r) => r.params?.trainable)).toEqual(expected.map((e) => e.params));
    // Hand count: conv 5·5·1·8 + 8, conv 5·5·8·16 + 16, then the head.
    const trunkCount = 5 * 5 * 1 * 8 + 8 + (5 * 5 * 8 * 16 + 16);
    const headCount = id === 'small-cnn' ? 784 * 64 + 64 + 64 * 10 + 10 : 16 * 10 + 10;
    expect(report.totals.parameters).toBe(trunkCount + headCount);
    expect(report.totals.parameters).toBe(total);
  });

  it('are the networks whose training the chapter quotes (content/figures/heads-comparison.json)', () => {
    const recorded = Object.fromEntries(heads.models.map((m) => [m.id, m.paramCount]));
    const fc = inspect(source('small-cnn'), '1,28,28').totals.parameters;
    const gap = inspect(source('small-cnn-gap'), '1,28,28').totals.parameters;
    expect(recorded['fc']).toBe(fc);
    expect(recorded['fc-dropout']).toBe(fc);
    expect(recorded['gap']).toBe(gap);
    expect(heads.models.find((m) => m.id === 'fc-dropout')?.head).toEqual({ kind: 'fc', hidden: 64, dropout: 0.5 });
  });

  it('an FC head is tied to 28×28 while the GAP head takes any size', () => {
    const fc32 = inspect(source('small-cnn'), '1,1,32,32');
    expect(fc32.errors).toHaveLength(1);
    expect(fc32.errors[0]?.fix).toBe(`nn.Linear(${16 * 8 * 8}, 64)`);
    const gap64 = inspect(source('small-cnn-gap'), '1,1,64,64');
    expect(gap64.errors).toEqual([]);
    expect(gap64.output).toEqual([1, 10]);
  });
});

describe('the head formulas (Eq. head-fc, head-gap, head-diff)', () => {
  const pFc = (c: number, h: number, w: number, hidden: number, k: number): number => (c * h * w + 1) * hidden + (hidden + 1) * k;
  const pGap = (c: number, k: number): number => (c + 1) * k;
  const lib = (specs: LayerSpec[], input: Shape): number => sum(walk(specs, input).map((e) => e.params));

  it('equal the layer library for many head sizes', () => {
    for (const [c, h, w, hidden, k] of [
      [16, 7, 7, 64, 10],
      [64, 5, 5, 128, 10],
      [3, 1, 9, 2, 4],
      [512, 7, 7, 4096, 1000],
    ] as const) {
      const fcHead = lib([flatten, linear(c * h * w, hidden), relu, { kind: 'Dropout', p: 0.5 }, linear(hidden, k)], [1, c, h, w]);
      const gapHead = lib([{ kind: 'AdaptiveAvgPool2d', outputSize: [1, 1] }, flatten, linear(c, k)], [1, c, h, w]);
      const ninHead = lib([conv(c, k, 1, 0), { kind: 'AdaptiveAvgPool2d', outputSize: [1, 1] }, flatten], [1, c, h, w]);
      expect(fcHead).toBe(pFc(c, h, w, hidden, k));
      expect(gapHead).toBe(pGap(c, k));
      expect(ninHead).toBe(pGap(c, k));
      expect(fcHead - gapHead).toBe(hidden * (c * h * w + k + 1) - c * k);
    }
  });

  it('agree with torchvision-documented counts', () => {
    // VGG-16's classifier and a GAP + Linear(512, 1000) head (reference-facts.md).
    const vgg = inspect(source('vgg16'), '3,224,224');
    const linears = vgg.layers.filter((r) => r.type === 'Linear').map((r) => r.params?.trainable ?? 0);
    expect(sum(linears)).toBe(123_642_856);
    expect(pGap(512, 1000)).toBe(513_000);
    // ResNet-50's only Linear (2048 → 1000): 2,049,000.
    expect(paramCount(linear(2048, 1000), [1, 2048]).trainable).toBe(2_049_000);
    const alex = inspect(source('alexnet'), '3,224,224');
    expect(sum(alex.layers.filter((r) => r.type === 'Linear').map((r) => r.params?.trainable ?? 0))).toBe(58_631_144);
  });
});

describe('chapter 7 listings', () => {
  it('small_cnn.py: runs cleanly, every shape comment is right, and it is content/models/small-cnn.py', () => {
    const code = listing('small_cnn.py');
    const report = inspect(code, '1,28,28');
    expect(report.errors).toEqual([]);
    const lines = code.split('\n');
    expect(lines.find((l) => l.includes('nn.Sequential('))).toContain('# input: 1×28×28');
    expect(report.layers).toHaveLength(11);
    for (const row of report.layers) {
      const comment = /# → (\S+)/.exec(lines[row.line - 1] ?? '')?.[1];
      expect(comment, `comment on line ${row.line}`).toBe(row.outputShape?.slice(1).join('×'));
    }
    const file = inspect(modelFile('small-cnn.py'), '1,28,28');
    expect(report.layers.map((r) => `${r.callee}(${r.args})`)).toEqual(file.layers.map((r) => `${r.callee}(${r.args})`));
  });

  it('train_and_predict.py: logits into the loss, train() to train, eval() and softmax only to predict', () => {
    const code = listing('train_and_predict.py');
    expect(code).toContain('loss_fn = torch.nn.CrossEntropyLoss()');
    expect(code).toContain('loss = loss_fn(model(x), y)');
    const [train = '', predict = ''] = code.slice(code.indexOf('def train_step')).split('def predict');
    expect(train).toContain('model.train()');
    expect(train).not.toContain('model.eval()');
    expect(train).not.toContain('softmax');
    expect(predict).toContain('model.eval()');
    expect(predict).toContain('softmax(dim=1)');
    expect(code).toContain('@torch.no_grad()\ndef predict');
    // The model it trains ends in a Linear, not a Softmax.
    expect(inspect(listing('small_cnn.py'), '1,28,28').layers.at(-1)?.type).toBe('Linear');
  });

  it('small_cnn_keras.py: the same shapes and parameter counts with TensorFlow’s rules', () => {
    const code = listing('small_cnn_keras.py');
    const torch = inspect(listing('small_cnn.py'), '1,28,28');
    // The PyTorch rows that carry a layer in Keras (ReLU is fused into Conv2D/Dense).
    const torchRows = torch.layers.filter((r) => r.type !== 'ReLU');

    const input = /keras\.Input\(shape=\((\d+), (\d+), (\d+)\)\)/.exec(code);
    expect(input).not.toBeNull();
    let [h, w, c] = (input?.slice(1) ?? []).map(Number) as [number, number, number];
    let features = 0; // after Flatten
    const computed: { shape: number[]; params: number; comment: string | undefined; kind: string }[] = [];
    for (const line of code.split('\n')) {
      const comment = /# → (\S+)/.exec(line)?.[1];
      let m: RegExpExecArray | null;
      if ((m = /layers\.Conv2D\((\d+), (\d+), padding="(same|valid)"/.exec(line))) {
        const [filters, k] = [Number(m[1]), Number(m[2])];
        const pad = m[3] as 'same' | 'valid';
        const params = k * k * c * filters + filters;
        [h, w, c] = [tfConvOutputSize(h, k, 1, pad), tfConvOutputSize(w, k, 1, pad), filters];
        computed.push({ shape: [h, w, c], params, comment, kind: 'Conv2d' });
      } else if ((m = /layers\.MaxPooling2D\((\d+)\)/.exec(line))) {
        const p = Number(m[1]); // Keras: strides default to pool_size, padding 'valid'
        [h, w] = [tfPoolOutputSize(h, p, p, 'valid'), tfPoolOutputSize(w, p, p, 'valid')];
        computed.push({ shape: [h, w, c], params: 0, comment, kind: 'MaxPool2d' });
      } else if (/layers\.Flatten\(\)/.test(line)) {
        features = h * w * c;
        computed.push({ shape: [features], params: 0, comment, kind: 'Flatten' });
      } else if ((m = /layers\.Dense\((\d+)/.exec(line))) {
        const units = Number(m[1]);
        computed.push({ shape: [units], params: features * units + units, comment, kind: 'Linear' });
        features = units;
      } else if (/layers\.Dropout\(/.test(line)) {
        computed.push({ shape: [features], params: 0, comment, kind: 'Dropout' });
      }
    }
    expect(computed.map((x) => x.kind)).toEqual(torchRows.map((r) => r.type));
    computed.forEach((x, i) => {
      const row = torchRows[i];
      const torchShape = row?.outputShape ?? [];
      // NHWC against NCHW: the same sizes, channels moved to the end.
      const nhwc = torchShape.length === 4 ? [torchShape[2], torchShape[3], torchShape[1]] : torchShape.slice(1);
      expect(x.shape, `${x.kind} #${i}`).toEqual(nhwc);
      expect(x.params, `${x.kind} #${i}`).toBe(row?.params?.trainable);
      expect(x.comment, `${x.kind} #${i}: the shape comment`).toBe(x.shape.join('×'));
    });
    expect(sum(computed.map((x) => x.params))).toBe(torch.totals.parameters);
    // Keras padding="same" (stride 1, k = 5) is PyTorch's padding=2.
    expect(code.match(/padding="same"/g)).toHaveLength(2);
    expect(code).toContain('from_logits=True');
    expect(code).not.toMatch(/activation="softmax"/);
  });

  it('broken_head.py: exactly one error (in_features), and the two silent bugs are the last layers', () => {
    const report = inspect(listing('broken_head.py'), '1,28,28');
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]?.code).toBe('in-features-mismatch');
    // Unpadded 5×5 convolutions: 28 → 24 → 12 → 8 → 4.
    expect(report.errors[0]?.fix).toBe(`nn.Linear(${16 * 4 * 4}, 64)`);
    expect(report.layers.slice(-3).map((r) => r.type)).toEqual(['Linear', 'Dropout', 'Softmax']);
  });

  it('port_dense.py: the reshape and permute put Keras’s H, W, C columns in PyTorch’s C, H, W order', () => {
    const code = listing('port_dense.py');
    const torch = inspect(listing('small_cnn.py'), '1,28,28');
    const target = Number(/model\[(\d+)\]\.weight/.exec(code)?.[1]);
    const row = torch.layers[target];
    expect(row?.type).toBe('Linear');
    const maps = torch.layers[target - 2]?.outputShape ?? []; // before Flatten
    const [, C, H, W] = maps as [number, number, number, number];
    const units = row?.outputShape?.[1] ?? 0;
    const dims = (/reshape\(([\d, ]+)\)/.exec(code)?.[1] ?? '').split(',').map(Number);
    expect(dims).toEqual([H, W, C, units]);
    const perm = (/permute\(([\d, ]+)\)/.exec(code)?.[1] ?? '').split(',').map(Number);

    // Apply reshape → permute → reshape to a kernel whose entries name their position.
    const rows = H * W * C;
    const kernel = (r: number, o: number): number => r * units + o;
    const strides = (d: number[]): number[] => d.map((_, i) => d.slice(i + 1).reduce((a, b) => a * b, 1));
    const inStrides = strides(dims);
    const outDims = perm.map((p) => dims[p] as number);
    const outStrides = strides(outDims);
    const ported = new Array<number>(rows * units);
    for (let flat = 0; flat < rows * units; flat++) {
      const idx = dims.map((_, i) => Math.floor(flat / (inStrides[i] as number)) % (dims[i] as number));
      const outFlat = perm.reduce((acc, p, i) => acc + (idx[p] as number) * (outStrides[i] as number), 0);
      ported[outFlat] = flat; // the kernel is row-major [rows, units]: flat = r·units + o
    }
    // PyTorch's weight[o, c·H·W + h·W + w] must be Keras's kernel[(h·W + w)·C + c, o].
    const wrong: string[] = [];
    for (let o = 0; o < units; o++)
      for (let c = 0; c < C; c++)
        for (let h = 0; h < H; h++)
          for (let w = 0; w < W; w++)
            if (ported[o * rows + c * H * W + h * W + w] !== kernel((h * W + w) * C + c, o)) wrong.push(`o=${o} c=${c} h=${h} w=${w}`);
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('claims of the checklist', () => {
  it('softmax before CrossEntropyLoss: a perfect prediction still costs ln(1 + (K − 1)/e)', () => {
    const k = 10;
    const probs = Array.from({ length: k }, (_, i) => (i === 0 ? 1 : 0)); // softmax output, class 0 certain
    const logSumExp = Math.log(sum(probs.map(Math.exp)));
    const loss = -(probs[0]! - logSumExp); // CrossEntropyLoss applies log-softmax again
    expect(loss).toBeCloseTo(Math.log(1 + (k - 1) / Math.E), 12);
    expect(mdx).toContain('$\\ln\\!\\big(1 + (K - 1)/e\\big)$');
  });

  it('the book-in-one-page section refers to every other chapter, and each exists', () => {
    const slugs = chapterFiles(fileURLToPath(new URL('../../../content/chapters/', import.meta.url)))
      .filter((f) => !basename(f).startsWith('00-'))
      .map(chapterSlugOf)
      .filter((slug) => slug !== 'designing-the-head');
    const section = mdx.slice(mdx.indexOf('## The book in one page'), mdx.indexOf('## Summary'));
    const refs = [...new Set([...section.matchAll(/\]\(#ch:([a-z0-9-]+)\)/g)].map((m) => m[1]))];
    expect(refs.sort()).toEqual(slugs.sort());
    expect(slugs).toHaveLength(6);
  });
});
