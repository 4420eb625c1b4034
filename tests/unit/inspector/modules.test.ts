import { describe, expect, it } from 'vitest';
import { parseCode, parsePrint } from '../../../src/lib/inspector/parser';
import { isKnownClassName, isKnownLayer, normalise } from '../../../src/lib/inspector/modules';
import { SourceError, type ModuleNode } from '../../../src/lib/inspector/source';
import type { LayerSpec } from '../../../src/lib/types';

function node(call: string): ModuleNode {
  const seq = parseCode(`nn.Sequential(${call})`, isKnownLayer).model as ModuleNode;
  return (seq.children?.[0] as { node: ModuleNode }).node;
}

function spec(call: string): LayerSpec {
  return normalise(node(call), 'code').spec;
}

function printedSpec(line: string): LayerSpec {
  const root = parsePrint(`Sequential(\n  (0): ${line}\n)`, isKnownClassName);
  return normalise((root.children?.[0] as { node: ModuleNode }).node, 'print').spec;
}

function error(call: string): SourceError {
  try {
    spec(call);
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
  throw new Error(`expected ${call} to be rejected`);
}

describe('normalise: PyTorch signatures and defaults', () => {
  it('Conv2d(in, out, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True)', () => {
    expect(spec('nn.Conv2d(3, 64, 3)')).toEqual({
      kind: 'Conv2d',
      inChannels: 3,
      outChannels: 64,
      kernelSize: [3, 3],
      stride: [1, 1],
      padding: [0, 0],
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    // all positional, in PyTorch's order
    expect(spec('nn.Conv2d(4, 8, (3, 5), 2, (1, 2), 1, 2, False)')).toEqual({
      kind: 'Conv2d',
      inChannels: 4,
      outChannels: 8,
      kernelSize: [3, 5],
      stride: [2, 2],
      padding: [1, 2],
      dilation: [1, 1],
      groups: 2,
      bias: false,
    });
    expect(
      spec("nn.Conv2d(in_channels=3, out_channels=8, kernel_size=[3, 3], padding='same', padding_mode='reflect', device='cpu')"),
    ).toMatchObject({
      padding: 'same',
      kernelSize: [3, 3],
    });
    expect(normalise(node("nn.Conv2d(3, 8, 3, padding_mode='circular')"), 'code').notes[0]).toMatch(/not the output shape/);
  });

  it('LazyConv2d(out_channels, kernel_size, ...) and LazyLinear(out_features, bias=True)', () => {
    expect(spec('nn.LazyConv2d(16, 3, stride=2)')).toMatchObject({
      kind: 'Conv2d',
      inChannels: null,
      outChannels: 16,
      kernelSize: [3, 3],
      stride: [2, 2],
    });
    expect(spec('nn.LazyLinear(10, False)')).toEqual({ kind: 'Linear', inFeatures: null, outFeatures: 10, bias: false });
    // print() of an uninitialised lazy module shows 0 for the unknown size
    expect(printedSpec('LazyLinear(in_features=0, out_features=10, bias=True)')).toEqual({
      kind: 'Linear',
      inFeatures: null,
      outFeatures: 10,
      bias: true,
    });
    expect(printedSpec('LazyConv2d(0, 32, kernel_size=(3, 3), stride=(1, 1))')).toMatchObject({ inChannels: null, outChannels: 32 });
  });

  it('MaxPool2d(kernel_size, stride=None → kernel_size, padding=0, dilation=1, return_indices=False, ceil_mode=False)', () => {
    expect(spec('nn.MaxPool2d(2)')).toEqual({
      kind: 'MaxPool2d',
      kernelSize: [2, 2],
      stride: [2, 2],
      padding: [0, 0],
      dilation: [1, 1],
      ceilMode: false,
    });
    expect(spec('nn.MaxPool2d(3, None, 1, 1, False, True)')).toMatchObject({ stride: [3, 3], padding: [1, 1], ceilMode: true });
    expect(spec('nn.MaxPool2d(3, stride=2)')).toMatchObject({ kernelSize: [3, 3], stride: [2, 2] });
  });

  it('AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)', () => {
    expect(spec('nn.AvgPool2d((2, 4))')).toEqual({
      kind: 'AvgPool2d',
      kernelSize: [2, 4],
      stride: [2, 4],
      padding: [0, 0],
      ceilMode: false,
      countIncludePad: true,
    });
    expect(spec('nn.AvgPool2d(2, 1, 1, True, False, 3)')).toMatchObject({ stride: [1, 1], ceilMode: true, countIncludePad: false });
  });

  it('adaptive pooling, Flatten, Unflatten', () => {
    expect(spec('nn.AdaptiveAvgPool2d(1)')).toEqual({ kind: 'AdaptiveAvgPool2d', outputSize: [1, 1] });
    expect(spec('nn.AdaptiveAvgPool2d((None, 7))')).toEqual({ kind: 'AdaptiveAvgPool2d', outputSize: [null, 7] });
    expect(spec('nn.AdaptiveMaxPool2d(output_size=(6, 6))')).toEqual({ kind: 'AdaptiveMaxPool2d', outputSize: [6, 6] });
    expect(spec('nn.Flatten()')).toEqual({ kind: 'Flatten', startDim: 1, endDim: -1 });
    expect(spec('nn.Flatten(0, 2)')).toEqual({ kind: 'Flatten', startDim: 0, endDim: 2 });
    expect(spec('nn.Unflatten(1, (16, 5, 5))')).toEqual({ kind: 'Unflatten', dim: 1, sizes: [16, 5, 5] });
    expect(spec('nn.Unflatten(1, [-1, 4])')).toEqual({ kind: 'Unflatten', dim: 1, sizes: [-1, 4] });
  });

  it('Linear, BatchNorm, Dropout', () => {
    expect(spec('nn.Linear(64 * 7 * 7, 128)')).toEqual({ kind: 'Linear', inFeatures: 3136, outFeatures: 128, bias: true });
    expect(spec('nn.Linear(in_features=10, out_features=2, bias=False)')).toEqual({
      kind: 'Linear',
      inFeatures: 10,
      outFeatures: 2,
      bias: false,
    });
    expect(spec('nn.BatchNorm2d(64)')).toEqual({ kind: 'BatchNorm2d', numFeatures: 64, affine: true, trackRunningStats: true });
    expect(printedSpec('BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)')).toEqual({
      kind: 'BatchNorm2d',
      numFeatures: 64,
      affine: true,
      trackRunningStats: true,
    });
    expect(spec('nn.BatchNorm1d(10, 1e-3, None, False, False)')).toEqual({
      kind: 'BatchNorm1d',
      numFeatures: 10,
      affine: false,
      trackRunningStats: false,
    });
    expect(spec('nn.Dropout()')).toEqual({ kind: 'Dropout', p: 0.5 });
    expect(spec('nn.Dropout2d(0.25, True)')).toEqual({ kind: 'Dropout2d', p: 0.25 });
    expect(spec('nn.Dropout(p=1)')).toEqual({ kind: 'Dropout', p: 1 });
  });

  it('activations, Softmax, Identity', () => {
    expect(spec('nn.ReLU(inplace=True)')).toEqual({ kind: 'Activation', name: 'ReLU' });
    expect(spec('nn.ReLU6()')).toEqual({ kind: 'Activation', name: 'ReLU6' });
    expect(spec('nn.LeakyReLU(0.2, True)')).toEqual({ kind: 'Activation', name: 'LeakyReLU' });
    expect(spec('nn.ELU(alpha=1.0)')).toEqual({ kind: 'Activation', name: 'ELU' });
    expect(spec("nn.GELU(approximate='tanh')")).toEqual({ kind: 'Activation', name: 'GELU' });
    expect(printedSpec("GELU(approximate='none')")).toEqual({ kind: 'Activation', name: 'GELU' });
    expect(spec('nn.SiLU()')).toEqual({ kind: 'Activation', name: 'SiLU' });
    expect(spec('nn.Sigmoid()')).toEqual({ kind: 'Activation', name: 'Sigmoid' });
    expect(spec('nn.Tanh()')).toEqual({ kind: 'Activation', name: 'Tanh' });
    expect(spec('nn.Softmax(dim=1)')).toEqual({ kind: 'Softmax', dim: 1 });
    expect(spec('nn.LogSoftmax(-1)')).toEqual({ kind: 'LogSoftmax', dim: -1 });
    expect(normalise(node('nn.Softmax()'), 'code')).toMatchObject({
      spec: { kind: 'Softmax', dim: null },
      notes: [expect.stringMatching(/dim=1/)],
    });
    expect(spec("nn.Identity(54, unused_argument1=0.1, unused_argument2='x')")).toEqual({ kind: 'Identity' });
  });

  it('accepts torch.nn., nn. and bare names alike', () => {
    expect(spec('torch.nn.Linear(2, 3)')).toEqual(spec('Linear(2, 3)'));
    expect(spec('nn.Linear(2, 3)')).toEqual(spec('Linear(2, 3)'));
  });
});

describe('normalise: argument errors point at the argument', () => {
  it('an unknown keyword, with a suggestion', () => {
    //            1234567890123456789012345678
    // nn.Sequential(nn.Conv2d(1, 8, kernal_size=3)) → 'kernal_size' at column 31
    const e = error('nn.Conv2d(1, 8, kernal_size=3)');
    expect(e.code).toBe('unsupported-argument');
    expect(e.message).toBe("unsupported argument: Conv2d has no argument 'kernal_size'; did you mean 'kernel_size'?");
    expect(e.span).toMatchObject({ line: 1, column: 31 });
    expect(e.fix).toBe('kernel_size=');
    expect(e.edit).toEqual({ start: e.span.start, end: e.span.start + 'kernal_size'.length, text: 'kernel_size' });
    expect(error('nn.ReLU(foo=1)').message).toBe("unsupported argument: ReLU has no argument 'foo' (it takes inplace)");
  });

  it('wrong types', () => {
    // nn.Sequential(nn.Linear(3136 / 1, 10)): the value starts at column 25
    const e = error('nn.Linear(3136 / 1, 10)');
    expect(e.message).toBe(
      "unsupported argument: Linear's in_features must be a positive int, but got the float 3136.0 ('/' gives a float in Python; use '//')",
    );
    expect(e.span).toMatchObject({ line: 1, column: 25 });
    expect(error('nn.Conv2d(3, 8, 3, bias=1)').message).toBe(
      "unsupported argument: Conv2d's bias must be True or False, but got the int 1",
    );
    expect(error("nn.Conv2d(3, 8, '3')").message).toMatch(
      /kernel_size must be an int or a pair \(h, w\) of ints ≥ 1, but got the string '3'/,
    );
    expect(error('nn.Conv2d(3, 8, (3, 3, 3))').message).toMatch(/this tuple has 3 elements/);
    expect(error("nn.Conv2d(3, 8, 3, padding='full')").message).toMatch(/Invalid padding string 'full'/);
    expect(error("nn.GELU(approximate='fast')").message).toMatch(/must be one of 'none', 'tanh'/);
    expect(error('nn.Linear(n, 10)').message).toMatch(/'n' is a name the inspector cannot evaluate/);
  });

  it('out-of-range values', () => {
    const e = error('nn.Dropout(1.5)');
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toBe('Dropout: dropout probability has to be between 0 and 1, but got 1.5');
    expect(e.span).toMatchObject({ column: 26 });
    expect(error('nn.Conv2d(3, 0, 3)').message).toBe("Conv2d's out_channels must be at least 1, but got 0");
    expect(error('nn.MaxPool2d(2, padding=-1)').code).toBe('invalid-argument');
  });

  it('missing, repeated and surplus arguments', () => {
    const missing = error('nn.Conv2d(3, 16)');
    expect(missing.code).toBe('missing-argument');
    expect(missing.message).toBe("Conv2d is missing 1 required argument: 'kernel_size'");
    expect(error('nn.Linear()').message).toBe("Linear is missing 2 required arguments: 'in_features' and 'out_features'");
    expect(error('nn.Linear(3, 4, in_features=3)').message).toBe("Linear got multiple values for argument 'in_features'");
    const surplus = error('nn.ReLU(True, 1)');
    expect(surplus.message).toBe('ReLU takes at most 1 positional argument (inplace), but this is number 2');
    expect(surplus.span).toMatchObject({ column: 29 });
  });

  it('return_indices=True, which would hand a tuple to the next layer', () => {
    expect(error('nn.MaxPool2d(2, return_indices=True)').message).toMatch(/returns a tuple/);
  });

  it('unknown layers, with a suggestion for near misses', () => {
    const lstm = error('nn.LSTM(10, 20)');
    expect(lstm.code).toBe('unknown-layer');
    expect(lstm.span).toMatchObject({ line: 1, column: 15 });
    expect(lstm.message).toMatch(/^nn\.LSTM is not a layer the inspector models .* shapes after it are not computed\.$/);
    expect(error('MyBlock(64)').message).toMatch(/^MyBlock is not a layer the inspector models/);
    expect(error('keras.layers.Dense(10)').message).toMatch(/^keras\.layers\.Dense is not a torch\.nn module/);
    const typo = error('nn.Conv2D(3, 8, 3)');
    expect(typo.message).toBe('nn.Conv2D is not a torch.nn layer; did you mean nn.Conv2d? Shapes after it are not computed.');
    expect(typo.fix).toBe('nn.Conv2d');
  });
});
