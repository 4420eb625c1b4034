/**
 * The Lab's settings as the reader sees them: form fields, their parsing with
 * specific messages, the URL query that lets an experiment be shared and cited,
 * and the parameter count of the chosen model (computed by the layer library).
 * No DOM and no TensorFlow.js: the Astro component uses it at build time too.
 */
import type { HeadConfig } from '../../train/model-config';
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

/** What the form says for each head the Lab offers (LAB_HEAD_KINDS). */
const HEAD_OPTIONS: Record<string, string> = {
  fc: 'Flatten → Dense (fully connected)',
  gap: 'Global average pooling → Dense',
  nin: '1×1 conv → global average pooling',
};

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

/** The form's fields, in order. `param` is the URL query name. */
export const fields = [
  {
    name: 'head',
    param: 'head',
    label: 'Head',
    kind: 'select',
    options: LAB_HEAD_KINDS.map((kind) => [kind, HEAD_OPTIONS[kind] ?? kind] as const),
  },
  { name: 'hidden', param: 'hidden', label: 'Hidden units', kind: 'number', ...numberLimits(SETTING_RANGES['model.head.hidden'], 1), onlyFor: 'fc' },
  { name: 'dropout', param: 'dropout', label: 'Dropout rate', kind: 'number', ...numberLimits(SETTING_RANGES['model.head.dropout'], 0.05), onlyFor: 'fc' },
  {
    name: 'optimizer',
    param: 'opt',
    label: 'Optimizer',
    kind: 'select',
    options: [
      ['adam', 'Adam'],
      ['momentum', 'SGD with momentum'],
      ['sgd', 'SGD'],
    ],
  },
  { name: 'learningRate', param: 'lr', label: 'Learning rate', kind: 'number', ...numberLimits(SETTING_RANGES.learningRate, 'any') },
  { name: 'epochs', param: 'epochs', label: 'Epochs', kind: 'number', ...numberLimits(SETTING_RANGES.epochs, 1) },
  { name: 'batchSize', param: 'batch', label: 'Batch size', kind: 'number', ...numberLimits(SETTING_RANGES.batchSize, 1) },
  { name: 'trainSize', param: 'n', label: 'Training digits', kind: 'number', ...numberLimits(SETTING_RANGES.trainSize, 1) },
  { name: 'seed', param: 'seed', label: 'Seed', kind: 'number', ...numberLimits(SETTING_RANGES.seed, 1) },
] as const;

/** How each head is described next to the parameter count. */
export const HEAD_TEXT: Record<string, string> = {
  fc: 'flatten → dense (hidden units) → [dropout] → dense 10',
  gap: 'global average pooling → dense 10',
  nin: '1×1 conv to 10 channels → global average pooling',
};

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

const labelOf = (name: FieldName): string => fields.find((f) => f.name === name)?.label ?? name;

/** Reads the form's strings into settings, or says exactly what is wrong with which field. */
export function parseForm(values: FormValues): Parsed {
  const issues: SettingsIssue[] = [];
  const num = (name: FieldName): number => {
    const text = values[name].trim();
    if (text === '') {
      issues.push({ field: name, message: `${labelOf(name)} is empty: type a number.` });
      return Number.NaN;
    }
    const value = Number(text);
    if (!Number.isFinite(value)) issues.push({ field: name, message: `${labelOf(name)} must be a number; “${text}” is not.` });
    return value;
  };
  const kind = values.head;
  let head: HeadConfig;
  if (kind === 'fc') head = { kind: 'fc', hidden: num('hidden'), dropout: num('dropout') };
  else if (kind !== 'fc' && (LAB_HEAD_KINDS as readonly string[]).includes(kind)) head = { kind } as HeadConfig;
  else {
    issues.push({ field: 'head', message: `Unknown head “${kind}”: choose fully connected, global average pooling or 1×1 conv.` });
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
