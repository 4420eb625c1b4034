/**
 * Property tests: whatever text and input shape it is given, `inspect` returns a
 * well-formed report (never throws, never fails internally) within 100 ms.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspect, type InspectReport } from '../../../src/lib/inspector/index';

const FIXTURES = ['alexnet.txt', 'vgg16.txt', 'lenet5.txt', 'mnist-cnn.py', 'gap-head.py'].map((name) =>
  readFileSync(new URL(`../../../content/models/${name}`, import.meta.url), 'utf8'),
);

const LIMIT_MS = 100;

/**
 * Runs `inspect` and returns its report and time. A run over the limit is measured
 * again (up to twice) so that a garbage-collection pause or a busy machine is not
 * mistaken for a slow input: the input fails only if every run is over the limit.
 */
function timedInspect(source: string, input: string | readonly number[]): { report: InspectReport; ms: number } {
  let best = Infinity;
  let report: InspectReport | undefined;
  for (let attempt = 0; attempt < 3 && best > LIMIT_MS; attempt += 1) {
    const start = performance.now();
    report = inspect(source, input);
    best = Math.min(best, performance.now() - start);
  }
  return { report: report as InspectReport, ms: best };
}

function checkReport(source: string, input: string | readonly number[]): void {
  const { report, ms } = timedInspect(source, input);
  expect(ms).toBeLessThan(LIMIT_MS);
  expect(Array.isArray(report.errors)).toBe(true);
  expect(Array.isArray(report.layers)).toBe(true);
  // A bug would surface as an internal error: there must be none.
  expect(report.errors.filter((e) => e.code === 'internal-error')).toEqual([]);
  for (const e of report.errors) {
    expect(typeof e.message).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
    if (e.line !== null) {
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.column).toBeGreaterThanOrEqual(1);
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(source.length);
    }
  }
  expect(report.ok).toBe(report.errors.length === 0);
  if (report.ok) {
    expect(report.totals.complete).toBe(true);
    expect(report.output).not.toBeNull();
  }
  for (const t of [report.totals.parameters, report.totals.buffers, report.totals.macs]) expect(Number.isSafeInteger(t)).toBe(true);
  expect(() => JSON.stringify(report)).not.toThrow();
  if (report.correctedSource !== null) {
    expect(timedInspect(report.correctedSource, input).report.errors.filter((e) => e.code === 'internal-error')).toEqual([]);
  }
}

const INPUTS = ['3,224,224', '1,28,28', '1,32,32', '3,32,32', '784', '2,3,64,64', '1,1,1'];

const inputArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...INPUTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer({ min: -3, max: 300 }), fc.constant(2 ** 53), fc.double()), { maxLength: 5 }) },
);

/** Pieces of model text, so random sequences look like (broken) models. */
const PIECES = [
  'nn.',
  'torch.nn.',
  'Sequential(',
  'Conv2d(',
  'Linear(',
  'MaxPool2d(',
  'BatchNorm2d(',
  'Flatten(',
  'ReLU(',
  'LazyLinear(',
  'AdaptiveAvgPool2d(',
  'Unflatten(',
  'OrderedDict([',
  "('a', ",
  '(0): ',
  '(features): ',
  ')',
  '(',
  '[',
  ']',
  ',',
  ' ',
  '\n',
  '=',
  '*',
  '//',
  '/',
  '-',
  '+',
  '**',
  '%',
  '#',
  "'same'",
  'same',
  'True',
  'None',
  'kernel_size=',
  'stride=',
  'padding=',
  'in_features=',
  '3',
  '64',
  '0',
  '-1',
  '1e-05',
  '7 * 7',
  '99999999999999999999',
  '2 ** 60',
  'x',
  'model = ',
  '\\\n',
  ':',
  '{',
  '×',
  '"',
];

const pieceSoup = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((p) => p.join(''));

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })),
});

function applyEdits(text: string, edits: { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.remove);
  }
  return out;
}

describe('inspect never throws and stays fast', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), inputArb, (source, input) => checkReport(source, input)),
      { numRuns: 300 },
    );
  });

  it('on random sequences of model-text pieces', () => {
    fc.assert(
      fc.property(pieceSoup, inputArb, (source, input) => checkReport(source, input)),
      { numRuns: 500 },
    );
  });

  it('on the fixtures with random deletions and insertions', () => {
    fc.assert(
      fc.property(fc.nat({ max: FIXTURES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), inputArb, (k, edits, input) =>
        checkReport(applyEdits(FIXTURES[k] as string, edits), input),
      ),
      { numRuns: 400 },
    );
  });

  it('on the fixtures with their numbers replaced by random, huge or negative ones', () => {
    const number = fc.oneof(
      fc.integer({ min: -5, max: 5000 }).map(String),
      fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String),
      fc.constantFrom('0', '1e400', '0.5', '9007199254740993', '2 ** 53', '-0'),
    );
    fc.assert(
      fc.property(
        fc.nat({ max: FIXTURES.length - 1 }),
        fc.array(fc.option(number), { minLength: 40, maxLength: 40 }),
        inputArb,
        (k, numbers, input) => {
          // The i-th number of the fixture becomes numbers[i % 40], or stays when that is null.
          let i = 0;
          const source = (FIXTURES[k] as string).replace(/\b\d+\b/g, (m) => numbers[i++ % 40] ?? m);
          checkReport(source, input);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('on deep nesting, balanced or not', () => {
    const opener = fc.constantFrom('(', '[', 'nn.Sequential(', 'Net(\n  (a): Sequential(\n', '-', '(0): ');
    fc.assert(
      fc.property(opener, fc.integer({ min: 1, max: 3000 }), fc.boolean(), (open, depth, close) => {
        const closing = open.includes('(') ? ')' : open === '[' ? ']' : '';
        checkReport(open.repeat(depth) + (open === '-' ? '1' : 'nn.ReLU()') + (close ? closing.repeat(depth) : ''), '3,8,8');
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the totals exact when they would pass 2^53 − 1 (a counterexample CI found)', () => {
    const vgg = FIXTURES[1] as string;
    checkReport(vgg, [1, 444, 2 ** 26]);
    const report = inspect(vgg, [3, 444, 2 ** 26]);
    expect(report.totals.complete).toBe(false);
    expect(report.errors.find((e) => e.code === 'unsafe-integer')?.message).toMatch(/from layer `features\.\d+` on/);
  });

  it('on huge input shapes for valid models', () => {
    const dim = fc.oneof(fc.integer({ min: 1, max: 4096 }), fc.constant(2 ** 26), fc.constant(Number.MAX_SAFE_INTEGER));
    fc.assert(
      fc.property(fc.nat({ max: FIXTURES.length - 1 }), fc.array(dim, { minLength: 3, maxLength: 4 }), (k, dims) =>
        checkReport(FIXTURES[k] as string, dims),
      ),
      { numRuns: 100 },
    );
  });
});
