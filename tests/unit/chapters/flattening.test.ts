/**
 * Chapter 3 (Flattening): every PyTorch listing is taken from the MDX file by its
 * fence title and checked — its shape comments with the model inspector or the layer
 * library, the weight-porting recipe numerically with the reference dense layer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/lib/inspector';
import { outputShape } from '../../../src/lib/layers';
import { createRng } from '../../../src/lib/rng';
import { denseForward, offset, tensor } from '../../../src/lib/reference';
import { examples } from '../../../src/components/inspector/examples';
import { listingIn } from './listing';

const mdx = readFileSync(new URL('../../../content/chapters/03-flattening.mdx', import.meta.url), 'utf8');

/** The body of the fenced listing with this title. */
const listing = (title: string): string => listingIn(mdx, title, '03-flattening.mdx');

const flatten = (startDim: number, endDim: number) => ({ kind: 'Flatten', startDim, endDim }) as const;

describe('chapter 3 listings', () => {
  it('mnist_cnn_fixed.py: runs cleanly and every shape comment is right', () => {
    const code = listing('mnist_cnn_fixed.py');
    const report = inspect(code, '1,28,28');
    expect(report.errors).toEqual([]);
    const lines = code.split('\n');
    expect(lines.find((l) => l.includes('nn.Sequential('))).toContain('# input: 1×28×28');
    expect(report.layers).toHaveLength(10);
    for (const row of report.layers) {
      const comment = /# → (\S+)/.exec(lines[row.line - 1] ?? '')?.[1];
      expect(comment, `comment on line ${row.line}`).toBe(row.outputShape?.slice(1).join('×'));
    }
    expect(report.linears[0]?.inFeatures).toBe(1600);
  });

  it('flatten_four_ways.py: every torch.Size comment is what Flatten gives', () => {
    const code = listing('flatten_four_ways.py');
    const dims = /torch\.randn\(([\d, ]+)\)/.exec(code)?.[1]?.split(',').map(Number) ?? [];
    expect(dims).toEqual([64, 64, 5, 5]);
    const [n, c, h, w] = dims as [number, number, number, number];
    const checked: string[] = [];
    for (const line of code.split('\n')) {
      const size = /# torch\.Size\(\[([\d, ]+)\]\)/.exec(line)?.[1];
      if (size === undefined) continue;
      const stated = size.split(',').map(Number);
      let actual: readonly number[];
      if (line.startsWith('torch.flatten(x).')) actual = outputShape(flatten(0, -1), dims);
      else if (line.startsWith('y.'))
        actual = outputShape(flatten(1, -1), [n, h, w, c]); // y = x.permute(0, 2, 3, 1)
      else actual = outputShape(flatten(1, -1), dims);
      expect(stated, line).toEqual([...actual]);
      checked.push(line.split('.shape')[0] ?? line);
    }
    expect(checked).toEqual([
      'nn.Flatten()(x)',
      'torch.flatten(x, 1)',
      'x.view(x.size(0), -1)',
      'x.reshape(x.size(0), -1)',
      'torch.flatten(x)',
      'y.reshape(y.size(0), -1)',
    ]);
    expect(code).toContain('Use .reshape(...) instead.');
  });

  it('port_dense_to_keras.py: the permuted kernel makes the Keras layer compute what PyTorch computed', () => {
    const code = listing('port_dense_to_keras.py');
    expect(code).toContain('w.reshape(-1, C, H, W)');
    expect(code).toContain('w.permute(0, 2, 3, 1)');
    expect(code).toContain('w.reshape(w.size(0), -1).T');
    // The same steps on a small example: C, H, W = 3, 2, 4 and D = 5 outputs.
    const [C, H, W, D] = [3, 2, 4, 5];
    const n = C * H * W;
    const rng = createRng(7);
    const x = tensor([C, H, W], rng.normalArray(n));
    const weight = tensor([D, n], rng.normalArray(D * n)); // PyTorch: [out, C·H·W]
    const bias = tensor([D], rng.normalArray(D));
    // PyTorch flattens in (c, h, w) order: the memory order of x.
    const xTorch = tensor([1, n], x.data);
    // Keras flattens in (h, w, c) order.
    const xKeras = tensor([1, n]);
    // w.reshape(-1, C, H, W).permute(0, 2, 3, 1).reshape(D, -1): column (h, w, c) ← column (c, h, w).
    const permuted = tensor([D, n]);
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++) {
          xKeras.data[offset([H, W, C], [h, w, c])] = x.data[offset([C, H, W], [c, h, w])] ?? 0;
          for (let o = 0; o < D; o++) {
            permuted.data[offset([D, H, W, C], [o, h, w, c])] = weight.data[offset([D, C, H, W], [o, c, h, w])] ?? 0;
          }
        }
    // Keras's Dense computes x' K with K = permutedᵀ, i.e. the dense layer with weight `permuted`.
    const yTorch = denseForward(xTorch, weight, bias);
    const yKeras = denseForward(xKeras, permuted, bias);
    for (let o = 0; o < D; o++) expect(yKeras.data[o]).toBeCloseTo(yTorch.data[o] ?? Number.NaN, 4);
    // Copying weight.T without the permutation gives a different answer (C > 1).
    const naive = denseForward(xKeras, weight, bias);
    expect(Math.max(...[...naive.data].map((v, o) => Math.abs(v - (yTorch.data[o] ?? 0))))).toBeGreaterThan(1e-3);
  });

  it('net_with_functional_flatten.py and print(Net()): the same layers, the flatten only in forward()', () => {
    const code = listing('net_with_functional_flatten.py');
    expect(code).toContain('x = torch.flatten(x, 1)');
    const blocks = [...code.matchAll(/nn\.Sequential\(\n([\s\S]*?)\n {8}\)/g)].map((m) => m[1] ?? '');
    expect(blocks).toHaveLength(2);
    const asSequential = `import torch.nn as nn\nmodel = nn.Sequential(\n${blocks[0]}\nnn.Flatten(),\n${blocks[1]}\n)`;
    const fromCode = inspect(asSequential, '1,28,28');
    expect(fromCode.errors).toEqual([]);
    const printed = listing('print(Net())');
    const fromPrint = inspect(printed, '1,28,28');
    expect(fromPrint.format).toBe('print');
    expect(fromPrint.errors).toEqual([]);
    expect(fromPrint.notes.join(' ')).toContain('torch.flatten(x, 1)');
    expect(fromPrint.output).toEqual(fromCode.output);
    expect(fromPrint.totals.parameters).toBe(fromCode.totals.parameters);
    expect(printed).not.toMatch(/Flatten/);
  });

  it('keras_flatten_like_pytorch.py uses Permute((3, 1, 2)) before Flatten()', () => {
    const code = listing('keras_flatten_like_pytorch.py');
    expect(code.indexOf('layers.Permute((3, 1, 2))')).toBeGreaterThanOrEqual(0);
    expect(code.indexOf('layers.Permute((3, 1, 2))')).toBeLessThan(code.indexOf('layers.Flatten()'));
  });
});

describe('chapter 3 computed facts', () => {
  it('the MNIST example needs 1600, not 64·7·7', () => {
    const mnist = examples.find((e) => e.id === 'mnist-cnn');
    expect(mnist).toBeDefined();
    const report = inspect(mnist?.source ?? '', mnist?.input ?? '');
    expect(report.errors[0]?.message).toBe('mat1 and mat2 shapes cannot be multiplied (1x1600 and 3136x128)');
    expect(report.errors[0]?.fix).toBe('nn.Linear(1600, 128)');
    const batch = inspect(mnist?.source ?? '', `64,${mnist?.input ?? ''}`);
    expect(batch.errors[0]?.message).toBe('mat1 and mat2 shapes cannot be multiplied (64x1600 and 3136x128)');
  });

  it('the GAP head needs in_features = channels at any input size', () => {
    const gap = examples.find((e) => e.id === 'gap-head');
    for (const input of ['3,32,32', '3,224,224']) {
      const report = inspect(gap?.source ?? '', input);
      expect(report.errors).toEqual([]);
      expect(report.linears[0]?.requiredInFeatures).toBe(128);
    }
  });

  it('uses only equation labels of its own chapter prefix', () => {
    const labels = [...mdx.matchAll(/\\label\{(eq:[a-z0-9-]+)\}/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThanOrEqual(6);
    for (const label of labels) expect(label).toMatch(/^eq:flatten-/);
  });
});
