/**
 * Chapter 5 (dropout): the listings' shapes and parameter count (model inspector),
 * the worked examples' claims (computed with the library), the figure's numbers as
 * the prose reads them, and the paper's figures as quoted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headIds, headSeries, selectHeads } from '../../../src/components/figures/heads-data';
import { ensembleDemo, modesDemo } from '../../../src/components/dropout-masks/modes';
import { inspect } from '../../../src/lib/inspector/index';
import { listingIn } from './listing';

const read = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const mdx = read('content/chapters/05-dropout.mdx');

const listing = (title: string): string => listingIn(mdx, title, '05-dropout.mdx');

describe('dropout chapter: cnn_dropout.py', () => {
  const source = listing('cnn_dropout.py');
  const report = inspect(source, '1,28,28');

  it('is read without errors and ends in 10 classes', () => {
    expect(report.errors).toEqual([]);
    expect(report.output).toEqual([1, 10]);
  });

  it('matches every "H×W → H×W" comment and the flattened length', () => {
    const lines = source.split('\n');
    const checked: string[] = [];
    for (const row of report.layers) {
      const comment = lines[row.line - 1]?.match(/#\s*(\d+)×(\d+) → (\d+)×(\d+)/);
      if (!comment) continue;
      const [, hin, win, hout, wout] = comment.map(Number);
      expect(row.inputShape?.slice(2), `${row.args} input`).toEqual([hin, win]);
      expect(row.outputShape?.slice(2), `${row.args} output`).toEqual([hout, wout]);
      checked.push(row.type);
    }
    expect(checked).toEqual(['Conv2d', 'MaxPool2d', 'Conv2d', 'MaxPool2d']);
    expect(report.layers.find((l) => l.type === 'Flatten')?.outputShape).toEqual([1, 16 * 7 * 7]);
  });

  it('has the parameters of the recorded dropout head, and dropout adds none', () => {
    // By hand: conv 1·8·25 + 8 = 208, conv 8·16·25 + 16 = 3,216, dense 784·64 + 64 = 50,240, dense 64·10 + 10 = 650.
    expect(report.totals.parameters).toBe(208 + 3216 + 50240 + 650);
    expect(report.totals.parameters).toBe(headSeries('fc-dropout').paramCount);
    const dropout = report.layers.find((l) => l.type === 'Dropout');
    expect(dropout?.params?.trainable).toBe(0);
    expect(dropout?.outputShape).toEqual(dropout?.inputShape);
  });
});

describe('dropout chapter: where AlexNet and VGG put dropout (torchvision print(model))', () => {
  const classifier = (file: string): string[] => {
    const report = inspect(read(file), '3,224,224');
    const types = report.layers.map((l) => l.type);
    return types.slice(types.indexOf('Linear') - 1);
  };
  it('VGG-16: after the ReLU of each hidden Linear; AlexNet: before each hidden Linear', () => {
    expect(classifier('content/models/vgg16.txt')).toEqual([
      'AdaptiveAvgPool2d',
      'Linear',
      'ReLU',
      'Dropout',
      'Linear',
      'ReLU',
      'Dropout',
      'Linear',
    ]);
    expect(classifier('content/models/alexnet.txt').slice(-7)).toEqual([
      'Dropout',
      'Linear',
      'ReLU',
      'Dropout',
      'Linear',
      'ReLU',
      'Linear',
    ]);
  });
});

describe('dropout chapter: train and eval modes (library reference dropout)', () => {
  const d = modesDemo();
  it('evaluation is deterministic and training passes differ from it and from each other', () => {
    expect(modesDemo().evalProbs).toEqual(d.evalProbs);
    expect(d.evalProbs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const [a, b] = d.trainRuns;
    expect(a?.probs).not.toEqual(b?.probs);
    expect(a?.probs).not.toEqual(d.evalProbs);
    // The prose says some, not all, training passes change the predicted class.
    expect(d.flips).toBeGreaterThan(0);
    expect(d.flips).toBeLessThan(d.passes / 2);
    expect(d.spread).toBeGreaterThan(0);
  });

  it('a pass that drops every input ties the three classes at 1/3 (zero bias)', () => {
    for (const run of d.trainRuns.filter((r) => r.kept === 0)) for (const v of run.probs) expect(v).toBeCloseTo(1 / 3, 6);
  });
});

describe('dropout chapter: the ensemble check over all 2^8 masks', () => {
  const e = ensembleDemo();
  it('the weight scaling rule is the geometric mean for one softmax layer, to float32 rounding', () => {
    expect(e.masks).toBe(256);
    expect(e.scaledOne).toEqual(modesDemo().evalProbs);
    expect(e.gapOne).toBeLessThan(1e-6);
    expect(e.geoOne.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
  it('but only an approximation with a hidden ReLU layer, and not the arithmetic mean', () => {
    expect(e.gapTwo).toBeGreaterThan(0.01);
    expect(Math.max(...e.ariOne.map((v, i) => Math.abs(v - (e.scaledOne[i] ?? 0))))).toBeGreaterThan(0.01);
    expect(e.ariOne.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
});

describe('dropout chapter: the recorded figure reads as the prose says', () => {
  const fc = headSeries('fc');
  const fcd = headSeries('fc-dropout');
  const last = fc.trainLoss.length - 1;
  it('without dropout the training loss keeps falling after epoch 2', () => {
    for (let i = 2; i <= last; i++) expect(fc.trainLoss[i]).toBeLessThan(fc.trainLoss[i - 1] ?? 0);
  });
  it('dropout narrows the training–validation accuracy gap; its training accuracy is below validation', () => {
    const gap = (s: typeof fc): number => (s.trainAccuracy[last] ?? 0) - (s.valAccuracy[last] ?? 0);
    expect(gap(fc)).toBeGreaterThan(0);
    expect(gap(fcd)).toBeLessThan(gap(fc));
    expect(fcd.trainAccuracy[last]).toBeLessThan(fcd.valAccuracy[last] ?? 0);
  });
});

describe("dropout chapter: the paper's figures as quoted (reference-facts.md, Srivastava et al. 2014)", () => {
  it('states the retention probabilities and the MNIST Table 2 errors as the paper gives them', () => {
    expect(mdx).toContain('0.5 for hidden units\nand 0.8 for input units');
    for (const quoted of [
      '1.35 % test error with logistic units',
      '1.25 % with\nReLUs',
      '1.06 % with ReLUs and a max-norm constraint',
      '1.60 % for a standard\nnetwork from Simard et al. [-@simard2003best] of 2 layers of 800 logistic units',
    ])
      expect(mdx).toContain(quoted);
  });
});

describe('HeadsComparison heads={…}: the filter the chapter uses', () => {
  it('keeps the figure order, shows all heads by default, and names the known ids for an unknown one', () => {
    expect(selectHeads(['fc-dropout', 'fc']).map((s) => s.id)).toEqual(['fc', 'fc-dropout']);
    expect(selectHeads().map((s) => s.id)).toEqual(headIds);
    expect(headIds.length).toBeGreaterThanOrEqual(3);
    expect(() => selectHeads(['fc', 'dropout'])).toThrow(/unknown head id\(s\) "dropout"; the recorded heads are fc, fc-dropout/);
    expect(() => selectHeads([])).toThrow(/\(none given\)/);
  });
});
