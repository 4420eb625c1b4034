/**
 * The Lab's settings as the reader sees them: the form's fields (their limits and
 * choices from the engine's schema, their words from ./strings.ts), their parsing
 * with specific messages, and the URL query that lets an experiment be shared and
 * cited. No DOM and no TensorFlow.js: the Astro component uses it at build time too.
 */
import type { HeadConfig } from '../../train/model-config';
import { parseNumber } from '../islands/number-field';
import {
  defaultSettings,
  LAB_HEAD_KINDS,
  makeSettings,
  SETTING_RANGES,
  validateSettings,
  type OptimizerName,
  type SettingRange,
  type SettingsIssue,
  type TrainSettings,
} from '../../train/settings';
import { labStrings, type LabStrings } from './strings';

/**
 * A number field's `min`, `max` and `step` from the engine's range of the setting
 * (SETTING_RANGES, the one source of truth): an exclusive bound becomes the nearest
 * value one step inside it, or no attribute when the step is 'any'. The form's limits
 * only guide the spinner; what the reader types is judged by validateSettings.
 */
function numberLimits(range: SettingRange, step: number | 'any'): { min?: number; max?: number; step: number | 'any' } {
  const inside = (bound: number, exclusive: boolean | undefined, dir: 1 | -1): number | undefined =>
    !exclusive ? bound : step === 'any' ? undefined : Math.round((bound + dir * step) * 1e9) / 1e9;
  return { min: inside(range.min, range.minExclusive, 1), max: inside(range.max, range.maxExclusive, -1), step };
}

/** The optimisers in the order the form offers them. */
const OPTIMIZER_CHOICES: readonly OptimizerName[] = ['adam', 'momentum', 'sgd'];

/**
 * The form's fields, in order, labelled in the words of `t`. `param` is the URL query
 * name; the limits and the heads come from the engine's schema (src/train/settings.ts).
 */
export function labFields(t: LabStrings = labStrings.en) {
  return [
    {
      name: 'head',
      param: 'head',
      label: t.fields.head,
      kind: 'select',
      options: LAB_HEAD_KINDS.map((kind) => [kind, t.heads[kind]] as const),
    },
    {
      name: 'hidden',
      param: 'hidden',
      label: t.fields.hidden,
      kind: 'number',
      ...numberLimits(SETTING_RANGES['model.head.hidden'], 1),
      onlyFor: 'fc',
    },
    {
      name: 'dropout',
      param: 'dropout',
      label: t.fields.dropout,
      kind: 'number',
      ...numberLimits(SETTING_RANGES['model.head.dropout'], 0.05),
      onlyFor: 'fc',
    },
    {
      name: 'optimizer',
      param: 'opt',
      label: t.fields.optimizer,
      kind: 'select',
      options: OPTIMIZER_CHOICES.map((o) => [o, t.optimizers[o]] as const),
    },
    {
      name: 'learningRate',
      param: 'lr',
      label: t.fields.learningRate,
      kind: 'number',
      ...numberLimits(SETTING_RANGES.learningRate, 'any'),
    },
    { name: 'epochs', param: 'epochs', label: t.fields.epochs, kind: 'number', ...numberLimits(SETTING_RANGES.epochs, 1) },
    { name: 'batchSize', param: 'batch', label: t.fields.batchSize, kind: 'number', ...numberLimits(SETTING_RANGES.batchSize, 1) },
    { name: 'trainSize', param: 'n', label: t.fields.trainSize, kind: 'number', ...numberLimits(SETTING_RANGES.trainSize, 1) },
    { name: 'seed', param: 'seed', label: t.fields.seed, kind: 'number', ...numberLimits(SETTING_RANGES.seed, 1) },
  ] as const;
}

/** The fields in English: their names, URL parameters and limits are the same in every edition. */
export const fields = labFields();

/** A field's name; `LabStrings['fields']` has a label for each. */
export type FieldName = (typeof fields)[number]['name'];
export type FormValues = Record<FieldName, string>;

/** The form values that represent `s`. */
export function toFormValues(s: TrainSettings): FormValues {
  const head = s.model.head;
  return {
    head: head.kind,
    hidden: String(head.kind === 'fc' ? head.hidden : 64),
    dropout: String(head.kind === 'fc' ? head.dropout : 0),
    optimizer: s.optimizer,
    learningRate: String(s.learningRate),
    epochs: String(s.epochs),
    batchSize: String(s.batchSize),
    trainSize: String(s.trainSize),
    seed: String(s.seed),
  };
}

export type Parsed = { ok: true; settings: TrainSettings } | { ok: false; issues: SettingsIssue[] };

/** Reads the form's strings into settings, or says exactly what is wrong with which field. */
export function parseForm(values: FormValues, t: LabStrings = labStrings.en): Parsed {
  const issues: SettingsIssue[] = [];
  // Only "is it a number": the ranges are the engine's to judge (validateSettings, below).
  const num = (name: FieldName): number => {
    const parsed = parseNumber(values[name], t.fields[name], {}, { empty: t.empty });
    if (parsed.ok) return parsed.value;
    issues.push({ field: name, message: parsed.message });
    return Number.NaN;
  };
  const kind = values.head;
  let head: HeadConfig;
  if (kind === 'fc') head = { kind: 'fc', hidden: num('hidden'), dropout: num('dropout') };
  else if ((LAB_HEAD_KINDS as readonly string[]).includes(kind)) head = { kind } as HeadConfig;
  else {
    issues.push({ field: 'head', message: t.unknownHead(kind) });
    head = { kind: 'gap' };
  }
  const settings = makeSettings({
    model: { trunk: defaultSettings.model.trunk.map((b) => ({ ...b })), head },
    optimizer: values.optimizer as OptimizerName,
    learningRate: num('learningRate'),
    epochs: num('epochs'),
    batchSize: num('batchSize'),
    trainSize: num('trainSize'),
    seed: num('seed'),
  });
  if (issues.length > 0) return { ok: false, issues };
  const problems = validateSettings(settings).map((i) => ({ ...i, field: fieldOfIssue(i.field) }));
  return problems.length > 0 ? { ok: false, issues: problems } : { ok: true, settings };
}

/** Maps a settings path (`model.head.hidden`) to the form field that sets it. */
function fieldOfIssue(path: string): string {
  if (path === 'model.head.hidden') return 'hidden';
  if (path === 'model.head.dropout') return 'dropout';
  if (path.startsWith('model.head')) return 'head';
  return path;
}

/** The URL query for the settings: `?head=fc&hidden=64&…` (only what differs is not enough: all are written, so a link is exact). */
export function toQuery(values: FormValues): string {
  const params = new URLSearchParams();
  for (const f of fields) {
    if ('onlyFor' in f && values.head !== f.onlyFor) continue;
    params.set(f.param, values[f.name]);
  }
  return `?${params.toString()}`;
}

/** Form values from a URL query; fields it does not name keep their defaults. */
export function fromQuery(search: string, base: FormValues = toFormValues(makeSettings())): FormValues {
  const params = new URLSearchParams(search);
  const out = { ...base };
  for (const f of fields) {
    const v = params.get(f.param);
    if (v !== null) out[f.name] = v;
  }
  return out;
}
