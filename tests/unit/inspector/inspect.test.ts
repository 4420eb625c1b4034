import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTable, inspect, parseInputShape, type InspectReport } from '../../../src/lib/inspector/index';

function fixture(name: string): string {
  return readFileSync(new URL(`../../../content/models/${name}`, import.meta.url), 'utf8');
}

function only(report: InspectReport, code: string): InspectReport['errors'][number] {
  expect(report.errors.map((e) => e.code)).toEqual([code]);
  return report.errors[0] as InspectReport['errors'][number];
}

describe('the print(model) fixtures reproduce the documented totals', () => {
  it('AlexNet: 61,100,840 parameters for 3×224×224 (torchvision documentation)', () => {
    const r = inspect(fixture('alexnet.txt'), '3,224,224');
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('print');
    expect(r.totals.parameters).toBe(61_100_840);
    expect(r.totals.complete).toBe(true);
    expect(r.output).toEqual([1, 1000]);
    // torchvision lists AlexNet at 0.71 GFLOPS (its table counts multiply–accumulates).
    expect(r.totals.macs / 1e9).toBeCloseTo(0.71, 2);
    // features end at 256 × 6 × 6 = 9216, flattened in forward(), which print(model) does not show.
    const fc = r.layers.find((l) => l.name === 'classifier.1');
    expect(fc?.inputShape).toEqual([1, 9216]);
    expect(fc?.notes.join(' ')).toMatch(/Assumed torch\.flatten\(x, 1\)/);
    expect(r.notes.join(' ')).toMatch(/forward\(\) is not part of print\(model\)/);
    expect(r.layers[0]).toMatchObject({
      name: 'features.0',
      type: 'Conv2d',
      line: 3,
      column: 10,
      args: '3, 64, kernel_size=(11, 11), stride=(4, 4), padding=(2, 2)',
    });
  });

  it('VGG-16: 138,357,544 parameters (torchvision documentation)', () => {
    const r = inspect(fixture('vgg16.txt'), '3,224,224');
    expect(r.errors).toEqual([]);
    expect(r.totals.parameters).toBe(138_357_544);
    // torchvision lists VGG16 at 15.47 GFLOPS (multiply–accumulates).
    expect(r.totals.macs / 1e9).toBeCloseTo(15.47, 2);
    expect(r.linears.map((l) => [l.name, l.inFeatures, l.requiredInFeatures, l.ok])).toEqual([
      ['classifier.0', 25088, 25088, true], // 512 × 7 × 7
      ['classifier.3', 4096, 4096, true],
      ['classifier.6', 4096, 4096, true],
    ]);
  });

  it('LeNet-5: 61,706 parameters for 1×32×32', () => {
    // conv 1→6 k5: 6·25 + 6 = 156; conv 6→16 k5: 16·6·25 + 16 = 2,416;
    // 32 → 28 → 14 → 10 → 5, so 16·5·5 = 400 features;
    // fc 400→120: 48,120; 120→84: 10,164; 84→10: 850.  Sum: 61,706.
    const r = inspect(fixture('lenet5.txt'), '1,32,32');
    expect(r.errors).toEqual([]);
    expect(r.totals.parameters).toBe(61_706);
    expect(r.layers.map((l) => l.params?.trainable ?? 0).filter((p) => p > 0)).toEqual([156, 2416, 48120, 10164, 850]);
    expect(r.output).toEqual([1, 10]);
  });

  it('the GAP-head example: parameters, buffers and size', () => {
    // convs: 3·32·9+32 = 896, 32·64·9+64 = 18,496, 64·128·9+128 = 73,856; BN: 2C each (64+128+256);
    // fc 128·10+10 = 1,290.  Trainable 94,986.  Buffers 2C+1: 65 + 129 + 257 = 451.
    const r = inspect(fixture('gap-head.py'), '3,32,32');
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('code');
    expect(r.totals).toMatchObject({ parameters: 94_986, trainable: 94_986, buffers: 451, complete: true });
    expect(r.totals.sizeBytes).toBe((94_986 + 451) * 4);
    expect(r.totals.sizeMB).toBeCloseTo(0.381748, 6);
    expect(r.layers.find((l) => l.type === 'Linear')?.requiredInFeatures).toBe(128);
    // Any image size works: 3×96×96 still gives 128 features.
    expect(inspect(fixture('gap-head.py'), '3,96,96').errors).toEqual([]);
  });
});

describe('the classic mistake: Linear(64 * 7 * 7, 128) after two unpadded convolutions', () => {
  // 1×28×28 → Conv 3×3 (no padding): 26 → MaxPool 2: 13 → Conv 3×3: 11 → MaxPool 2: ⌊11/2⌋ = 5.
  // Flatten gives 64·5·5 = 1600 features, but the Linear was written for 64·7·7 = 3136.
  // PyTorch: mat1 is the input (batch × 1600), mat2 the weight transposed (3136 × 128).
  const source = fixture('mnist-cnn.py');

  it('gives PyTorch’s message, the fix, and where 1600 comes from', () => {
    const r = inspect(source, '1,28,28');
    const e = only(r, 'in-features-mismatch');
    expect(e.message).toBe('mat1 and mat2 shapes cannot be multiplied (1x1600 and 3136x128)');
    expect(e.fix).toBe('nn.Linear(1600, 128)');
    // `    nn.Linear(64 * 7 * 7, 128),` is line 12; the argument starts at column 15.
    expect(e).toMatchObject({ line: 12, column: 15, layerIndex: 7, layerName: '7' });
    expect(source.slice(e.start as number, e.end as number)).toBe('64 * 7 * 7');
    expect(e.detail).toContain('1600 = 64 × 5 × 5');
    expect(e.detail).toContain('after layer `5` (MaxPool2d)');
  });

  it('uses the batch size of the input in the message', () => {
    expect(inspect(source, '16,1,28,28').errors[0]?.message).toBe('mat1 and mat2 shapes cannot be multiplied (16x1600 and 3136x128)');
  });

  it('keeps checking after the fix, marks the row, and offers a corrected source that is consistent', () => {
    const r = inspect(source, '1,28,28');
    const row = r.layers[7];
    expect(row?.status).toBe('corrected');
    expect(row?.notes.join(' ')).toMatch(/in_features should be 1600/);
    expect(row?.requiredInFeatures).toBe(1600);
    // parameters as written: 3136·128 + 128 = 401,536
    expect(row?.params?.trainable).toBe(401_536);
    expect(r.output).toEqual([1, 10]);
    expect(r.linears.map((l) => l.ok)).toEqual([false, true]);
    expect(r.correctedSource).toContain('nn.Linear(1600, 128),');
    const fixed = inspect(r.correctedSource as string, '1,28,28');
    expect(fixed.errors).toEqual([]);
    // 320 + 18,496 + (1600·128 + 128 = 204,928) + 1,290
    expect(fixed.totals.parameters).toBe(320 + 18_496 + 204_928 + 1_290);
  });
});

describe('in_features mismatches elsewhere', () => {
  it('in print(model) text: LeNet-5 fed 28×28 instead of 32×32', () => {
    // 28 → conv 5: 24 → pool: 12 → conv 5: 8 → pool: 4, so 16·4·4 = 256 features instead of 400.
    const r = inspect(fixture('lenet5.txt'), '1,28,28');
    const e = only(r, 'in-features-mismatch');
    expect(e.message).toBe('mat1 and mat2 shapes cannot be multiplied (1x256 and 400x120)');
    expect(e.fix).toBe('nn.Linear(256, 120)');
    // `    (1): Linear(in_features=400, ...` is line 12 (after the Flatten on line 11); the 400 is at column 29
    expect(e).toMatchObject({ line: 12, column: 29, layerName: 'classifier.1' });
    expect(e.detail).toContain('256 = 16 × 4 × 4, the C × H × W after layer `features.5` (AvgPool2d)');
    expect(r.correctedSource).toContain('(1): Linear(in_features=256, out_features=120, bias=True)');
  });

  it('after another Linear', () => {
    const r = inspect('nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(64, 10, bias=False))', '784');
    const e = only(r, 'in-features-mismatch');
    expect(e.message).toBe('mat1 and mat2 shapes cannot be multiplied (1x128 and 64x10)');
    expect(e.fix).toBe('nn.Linear(128, 10, bias=False)');
    expect(e.detail).toContain('128 is the output size of layer `0` (Linear)');
  });
});

describe('each error kind, with its line and column', () => {
  it('a spatial size that would become 0', () => {
    // 8 → conv 5: 4 → pool: 2 → pool: 1 → pool 2 on 1×1: ⌊(1 − 2)/2⌋ + 1 = 0
    const r = inspect(
      'nn.Sequential(\n  nn.Conv2d(1, 8, 5),\n  nn.MaxPool2d(2),\n  nn.MaxPool2d(2),\n  nn.MaxPool2d(2),\n  nn.Flatten(),\n)',
      '1,8,8',
    );
    const e = only(r, 'kernel-too-large');
    // the third MaxPool2d is layer `3`, on line 5; its kernel_size `2` is at column 16
    expect(e).toMatchObject({ line: 5, column: 16, layerIndex: 3, layerName: '3' });
    expect(e.message).toMatch(/^Layer `3`: MaxPool2d.*output would be 0×0/);
    expect(r.layers[3]?.status).toBe('error');
    expect(r.layers[4]?.status).toBe('not-computed');
    expect(r.totals.complete).toBe(false);
    expect(r.output).toBeNull();
  });

  it('a kernel larger than the padded input', () => {
    const r = inspect('model = nn.Sequential(\n    nn.Conv2d(3, 16, kernel_size=7, padding=1),\n)', '3,4,4');
    const e = only(r, 'kernel-too-large');
    // kernel_size's value `7` is at line 2, column 34; 4 + 2·1 = 6 < 7
    expect(e).toMatchObject({ line: 2, column: 34 });
    expect(e.message).toContain('padded input of 6×6');
  });

  it('a channel mismatch between consecutive convolutions', () => {
    const r = inspect('nn.Sequential(\n  nn.Conv2d(3, 16, 3),\n  nn.ReLU(),\n  nn.Conv2d(32, 64, 3),\n)', '3,32,32');
    const e = only(r, 'channel-mismatch');
    expect(e).toMatchObject({ line: 4, column: 13, layerName: '2', fix: 'nn.Conv2d(16, 64, 3)' });
    expect(e.message).toMatch(/^Layer `2`: Conv2d expects 32 input channels but receives 16/);
    expect(r.layers[2]?.status).toBe('corrected');
    expect(r.output).toEqual([1, 64, 28, 28]);
    expect(r.correctedSource).toContain('nn.Conv2d(16, 64, 3)');
  });

  it('a BatchNorm with the wrong channel count', () => {
    const r = inspect('nn.Sequential(\n  nn.Conv2d(3, 16, 3),\n  nn.BatchNorm2d(32),\n)', '3,32,32');
    const e = only(r, 'batchnorm-mismatch');
    expect(e).toMatchObject({ line: 3, column: 18, fix: 'nn.BatchNorm2d(16)' });
  });

  it('a Linear on a 4-D tensor without Flatten (code): PyTorch’s message and the fix', () => {
    // [1, 32, 26, 26] reaches Linear(21632, 10): PyTorch multiplies (1·32·26 = 832) × 26 by 21632 × 10.
    const r = inspect('nn.Sequential(\n  nn.Conv2d(1, 32, 3),\n  nn.Linear(21632, 10),\n)', '1,28,28');
    const e = only(r, 'missing-flatten');
    expect(e.message).toBe('mat1 and mat2 shapes cannot be multiplied (832x26 and 21632x10)');
    expect(e).toMatchObject({ line: 3, column: 3, fix: 'add nn.Flatten() before this layer' });
    expect(r.correctedSource).toBe('nn.Sequential(\n  nn.Conv2d(1, 32, 3),\n  nn.Flatten(), nn.Linear(21632, 10),\n)');
    expect(inspect(r.correctedSource as string, '1,28,28').errors).toEqual([]);
  });

  it('a syntax error: the place and what was expected', () => {
    const r = inspect('model = nn.Sequential(\n    nn.Conv2d(1, 32, 3),\n    nn.ReLU()\n    nn.Flatten(),\n)', '1,28,28');
    const e = only(r, 'syntax-error');
    expect(e).toMatchObject({ line: 4, column: 5, message: "expected ')' or ',' after argument, found 'nn'" });
    expect(r.layers).toEqual([]);
  });

  it('an unsupported argument', () => {
    const r = inspect('nn.Sequential(\n  nn.Conv2d(1, 8, 3, strides=2),\n  nn.ReLU(),\n)', '1,28,28');
    const e = only(r, 'unsupported-argument');
    expect(e).toMatchObject({ line: 2, column: 22, layerIndex: 0, fix: 'stride=' });
    expect(r.correctedSource).toBe('nn.Sequential(\n  nn.Conv2d(1, 8, 3, stride=2),\n  nn.ReLU(),\n)');
    expect(r.layers[0]?.status).toBe('error');
    expect(r.layers[1]?.status).toBe('not-computed');
  });

  it('a layer class given without parentheses', () => {
    const r = inspect('nn.Sequential(\n  nn.Flatten(),\n  nn.Linear(4, 2),\n  nn.ReLU,\n)', '4');
    const e = only(r, 'unsupported-argument');
    expect(e).toMatchObject({ line: 4, column: 3, message: 'nn.Sequential takes modules, but nn.ReLU is not called: write nn.ReLU()' });
    expect(r.correctedSource).toBe('nn.Sequential(\n  nn.Flatten(),\n  nn.Linear(4, 2),\n  nn.ReLU(),\n)');
  });

  it('an unknown layer stops the shapes, without guessing', () => {
    const r = inspect('nn.Sequential(\n  nn.Conv2d(1, 8, 3),\n  nn.LSTM(8, 16),\n  nn.Linear(16, 2),\n)', '1,28,28');
    const e = only(r, 'unknown-layer');
    expect(e).toMatchObject({ line: 3, column: 3, layerIndex: 1 });
    expect(r.layers.map((l) => l.status)).toEqual(['ok', 'error', 'not-computed']);
    expect(r.layers[2]?.outputShape).toBeNull();
    expect(r.totals).toMatchObject({ parameters: 80, complete: false });
    expect(r.output).toBeNull();
  });

  it('sizes beyond safe integers, in the source and in the counts', () => {
    const big = inspect('nn.Sequential(nn.Linear(2 ** 60, 10))', '784');
    expect(only(big, 'unsafe-integer')).toMatchObject({ line: 1, column: 25 });
    const count = inspect('nn.Sequential(nn.Linear(99999999999, 99999999999))', '99999999999');
    expect(only(count, 'unsafe-integer')).toMatchObject({ line: 1, column: 15 });
  });

  it('an empty model', () => {
    expect(only(inspect('', '3,32,32'), 'empty-model').line).toBe(1);
    expect(only(inspect('model = nn.Sequential()', '3,32,32'), 'empty-model')).toMatchObject({ line: 1, column: 9 });
    expect(only(inspect('import torch\nx = 3', '3,32,32'), 'empty-model').message).toMatch(/found no nn\.Sequential/);
  });

  it('a bad input shape', () => {
    const r = inspect(fixture('lenet5.txt'), '1,32');
    const e = only(r, 'bad-input-shape');
    expect(e).toMatchObject({ line: null, column: null });
    expect(e.message).toMatch(/has 2 numbers/);
    // the model is still read
    expect(r.layers).toHaveLength(12);
    expect(r.layers[0]?.status).toBe('not-computed');
  });

  it('nesting too deep', () => {
    const r = inspect(`${'nn.Sequential('.repeat(500)}nn.ReLU()${')'.repeat(500)}`, '3,8,8');
    expect(r.errors[0]?.code).toBe('nesting-too-deep');
    expect(r.errors[0]?.line).toBe(1);
  });
});

describe('other behaviour', () => {
  it('parses input shapes', () => {
    expect(parseInputShape('3,224,224')).toEqual({ shape: [1, 3, 224, 224] });
    expect(parseInputShape(' 8, 3, 32, 32 ')).toEqual({ shape: [8, 3, 32, 32] });
    expect(parseInputShape('(3, 32, 32)')).toEqual({ shape: [1, 3, 32, 32] });
    expect(parseInputShape('3x32x32')).toEqual({ shape: [1, 3, 32, 32] });
    expect(parseInputShape('784')).toEqual({ shape: [1, 784] });
    expect(parseInputShape([3, 32, 32])).toEqual({ shape: [1, 3, 32, 32] });
    for (const bad of ['', '3,32', '0,32,32', '3,-1,32', '3,2.5,4', 'a', '1,2,3,4,5', '3,99999999999999999,2']) {
      expect(parseInputShape(bad)).toHaveProperty('error');
    }
    expect(parseInputShape([3, 0, 32])).toHaveProperty('error');
  });

  it('accepts feature-vector inputs', () => {
    const r = inspect('nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10), nn.LogSoftmax(dim=1))', '784');
    expect(r.errors).toEqual([]);
    // 784·128 + 128 + 128·10 + 10 = 101,770
    expect(r.totals.parameters).toBe(101_770);
  });

  it('infers lazy layers from the input and says so', () => {
    const r = inspect('nn.Sequential(nn.LazyConv2d(8, 3), nn.Flatten(), nn.LazyLinear(10))', '3,10,10');
    expect(r.errors).toEqual([]);
    // conv: 8·3·9 + 8 = 224; 8·8·8 = 512 features; linear 512·10 + 10 = 5,130
    expect(r.totals.parameters).toBe(224 + 5_130);
    expect(r.layers[2]?.notes).toContain('in_features inferred from the input: 512.');
    expect(r.linears[0]).toMatchObject({ inFeatures: null, requiredInFeatures: 512, ok: true });
  });

  it('print(model) of a plain Sequential assumes no flattening', () => {
    const text =
      'Sequential(\n  (0): Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1))\n  (1): Linear(in_features=2304, out_features=10, bias=True)\n)';
    expect(inspect(text, '1,26,26').errors[0]?.code).toBe('missing-flatten');
  });

  it('flags custom containers whose forward() it cannot see', () => {
    const text = [
      'ResNetLike(',
      '  (layer1): Sequential(',
      '    (0): BasicBlock(',
      '      (conv1): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)',
      '      (bn1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)',
      '    )',
      '  )',
      ')',
    ].join('\n');
    const r = inspect(text, '8,16,16');
    expect(r.errors).toEqual([]);
    expect(r.layers.map((l) => l.name)).toEqual(['layer1.0.conv1', 'layer1.0.bn1']);
    expect(r.notes.join(' ')).toMatch(/`layer1\.0` \(BasicBlock\) is a custom module/);
  });

  it('reads OrderedDict names and nested Sequential names', () => {
    const r = inspect(
      "from collections import OrderedDict\nnn.Sequential(OrderedDict([('conv', nn.Conv2d(1, 2, 3)), ('head', nn.Sequential(nn.Flatten(), nn.Linear(2 * 4 * 4, 3)))]))",
      '1,6,6',
    );
    expect(r.errors).toEqual([]);
    expect(r.layers.map((l) => l.name)).toEqual(['conv', 'head.0', 'head.1']);
  });

  it('formats an aligned table with totals and errors', () => {
    const table = formatTable(inspect(fixture('mnist-cnn.py'), '1,28,28'));
    const lines = table.split('\n');
    expect(lines[1]).toMatch(/^#\s+name\s+layer\s+output shape\s+params\s+MACs$/);
    const header = lines[1] as string;
    const row = lines.find((l) => l.includes('Linear(64 * 7 * 7, 128)')) as string;
    // the params column is right-aligned under its header
    expect(row.indexOf('401,536') + '401,536'.length).toBe(header.indexOf('params') + 'params'.length);
    expect(table).toContain('total parameters:      421,642');
    expect(table).toContain('line 12, column 15: mat1 and mat2 shapes cannot be multiplied (1x1600 and 3136x128)');
    expect(table).toContain('fix: nn.Linear(1600, 128)');
  });

  it('never throws, even for non-string input', () => {
    expect(() => inspect(undefined as unknown as string, undefined as unknown as string)).not.toThrow();
    expect(inspect(null as unknown as string, {} as unknown as string).ok).toBe(false);
  });
});
