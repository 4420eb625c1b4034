/** The Lab's form parsing, URL state, CSV export and parameter counts (no DOM). */
import { describe, expect, it } from 'vitest';
import { fields, fromQuery, parseForm, toFormValues, toQuery } from '../../../src/components/lab/lab-settings';
import { runToCsv } from '../../../src/components/lab/lab-export';
import { libraryParamCount } from '../../../src/train/model-config';
import { defaultSettings, LAB_HEAD_KINDS, makeSettings, MNIST_TRAIN_SIZE } from '../../../src/train/settings';

const defaults = toFormValues(defaultSettings);

describe('Lab settings', () => {
  it('parses the default form into the default settings', () => {
    const parsed = parseForm(defaults);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.settings).toEqual(makeSettings());
  });

  it('refuses bad settings with a specific message for the right field', () => {
    const bad = (patch: Partial<typeof defaults>) => {
      const parsed = parseForm({ ...defaults, ...patch });
      if (parsed.ok) throw new Error(`accepted ${JSON.stringify(patch)}`);
      return parsed.issues;
    };
    expect(bad({ learningRate: '0' })[0]).toMatchObject({ field: 'learningRate', message: expect.stringMatching(/greater than 0/) });
    expect(bad({ learningRate: '' })[0]).toMatchObject({ field: 'learningRate', message: 'Learning rate is empty: type a number.' });
    expect(bad({ learningRate: 'fast' })[0]).toMatchObject({
      field: 'learningRate',
      message: 'Learning rate must be a number; “fast” is not.',
    });
    expect(bad({ hidden: '0' })[0]).toMatchObject({ field: 'hidden' });
    expect(bad({ dropout: '1' })[0]).toMatchObject({ field: 'dropout', message: expect.stringMatching(/less than 1/) });
    expect(bad({ batchSize: '5000', trainSize: '100' }).map((i) => i.field)).toContain('batchSize');
    expect(bad({ epochs: '2.5' })[0]).toMatchObject({ field: 'epochs' });
  });

  it('has the engine’s limits: every field’s min and max are accepted, one step beyond is refused', () => {
    // The batch may not be larger than the training data: give each of the two room.
    const room: Record<string, Partial<typeof defaults>> = {
      batchSize: { trainSize: String(MNIST_TRAIN_SIZE) },
      trainSize: { batchSize: '1' },
    };
    const accepts = (name: string, value: number) => parseForm({ ...defaults, ...room[name], [name]: String(value) });
    const checked: string[] = [];
    for (const f of fields) {
      if (f.kind !== 'number') continue;
      const step = f.step === 'any' ? 1e-9 : f.step;
      for (const [bound, beyond] of [
        [f.min, f.min === undefined ? undefined : f.min - step],
        [f.max, f.max === undefined ? undefined : f.max + step],
      ] as const) {
        if (bound === undefined || beyond === undefined) continue;
        expect(accepts(f.name, bound).ok, `${f.name} = ${bound}`).toBe(true);
        expect(accepts(f.name, beyond).ok, `${f.name} = ${beyond}`).toBe(false);
        checked.push(f.name);
      }
    }
    expect(new Set(checked)).toEqual(new Set(['hidden', 'dropout', 'learningRate', 'epochs', 'batchSize', 'trainSize', 'seed']));
    expect(fields.find((f) => f.name === 'trainSize')).toMatchObject({ max: MNIST_TRAIN_SIZE });
    expect(fields.find((f) => f.name === 'dropout')).toMatchObject({ min: 0, max: 0.95 });
  });

  it('offers exactly the engine’s Lab heads, and refuses the rest', () => {
    const head = fields.find((f) => f.name === 'head');
    expect(head && 'options' in head ? head.options.map(([value]) => value) : []).toEqual([...LAB_HEAD_KINDS]);
    for (const kind of LAB_HEAD_KINDS) expect(parseForm({ ...defaults, head: kind }).ok, kind).toBe(true);
    expect(parseForm({ ...defaults, head: 'linear' }).ok).toBe(false);
  });

  it('ignores the FC-only fields for the GAP head', () => {
    expect(parseForm({ ...defaults, head: 'gap', hidden: '0', dropout: '7' }).ok).toBe(true);
  });

  it('round-trips through the URL query', () => {
    const values = { ...defaults, head: 'fc', hidden: '128', dropout: '0.5', learningRate: '0.01', seed: '42' };
    expect(fromQuery(toQuery(values))).toEqual(values);
    expect(toQuery({ ...values, head: 'gap' })).not.toContain('hidden=');
  });

  it('counts parameters with the layer library (hand count in the comments)', () => {
    // conv 1→8 5×5: 8·25 + 8 = 208; conv 8→16 5×5: 16·8·25 + 16 = 3,216;
    // 28 → pool → 14 → pool → 7, so the flattened vector has 16·7·7 = 784 elements.
    // FC head: 784·64 + 64 = 50,240 and 64·10 + 10 = 650  → 54,314 in all.
    expect(libraryParamCount(makeSettings().model)).toBe(54_314);
    // GAP head: 16·10 + 10 = 170 → 3,594. NiN head: a 1×1 conv 16→10 is also 170 → 3,594.
    expect(libraryParamCount({ trunk: makeSettings().model.trunk, head: { kind: 'gap' } })).toBe(3_594);
    expect(libraryParamCount({ trunk: makeSettings().model.trunk, head: { kind: 'nin' } })).toBe(3_594);
  });

  it('exports a run as CSV with its settings', () => {
    const csv = runToCsv({
      settings: makeSettings(),
      url: 'http://localhost/lab/?head=fc',
      backend: 'cpu',
      paramCount: 54_314,
      steps: [{ type: 'step', epoch: 1, step: 1, stepsPerEpoch: 2, loss: 2.3, samplesPerSecond: 100 }],
      epochs: [{ type: 'epoch', epoch: 1, trainLoss: 2.1, trainAccuracy: 0.3, valLoss: 2, valAccuracy: 0.35, seconds: 1 }],
      outcome: 'Finished.',
    });
    const lines = csv.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(4);
    expect(lines).toContain('step,1,1,2.3,,,');
    expect(lines).toContain('epoch,1,,2.1,0.3,2,0.35');
  });
});

describe('cite this experiment', () => {
  it('fills the address and the settings, escaped for each format', async () => {
    const { CITE_SETTINGS, CITE_URL, fillCitation, settingsPhrase } = await import('../../../src/components/lab/lab-cite');
    const url = 'http://localhost/lab/?head=fc&lr=0.003';
    const settings = settingsPhrase('head=fc&lr=0.003&n=5_000');
    expect(settings).toBe('head fc, lr 0.003, n 5_000');
    const bib = fillCitation(`title = {Lab experiment (${CITE_SETTINGS})},\n  url = {${CITE_URL}}`, 'bibtex', url, settings);
    expect(bib).toBe('title = {Lab experiment (head fc, lr 0.003, n 5\\_000)},\n  url = {http://localhost/lab/?head=fc&lr=0.003}');
    const csl = fillCitation(`[{"URL": "${CITE_URL}", "title": "Lab experiment (${CITE_SETTINGS})"}]`, 'csl', url, 'a "quoted" value');
    expect(JSON.parse(csl)).toEqual([{ URL: url, title: 'Lab experiment (a "quoted" value)' }]);
  });
});
