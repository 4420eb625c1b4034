/**
 * The one parser for the widgets' number fields. It owns the rules (what counts as a
 * number, float32's range, whole numbers, open and closed bounds, the order the checks
 * run in); the words come from the kit's string table, and a widget may word a check
 * its own way in its own table (`messages`). No DOM: build-time rendering and the unit
 * tests use it as the islands do.
 */
import { stringsFor, type Locale, type StringTable } from './i18n';

/** A parse result: the value, or a message that says what is wrong and what to type. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** What a field accepts. */
export interface NumberRule {
  /** Whole numbers only. */
  integer?: boolean;
  min?: number;
  /** The minimum itself is refused: values must be greater than `min`. */
  minExclusive?: boolean;
  max?: number;
  /** The maximum itself is refused: values must be less than `max`. */
  maxExclusive?: boolean;
}

/** What a message is told: the field, its rule, and what the reader typed. */
export interface FieldFacts extends NumberRule {
  label: string;
  /** The text as typed, trimmed. */
  text: string;
  /** The number read from it (NaN before it is one). */
  value: number;
}

/** One message per check, in the order they run. */
export interface NumberMessages {
  empty(f: FieldFacts): string;
  notNumber(f: FieldFacts): string;
  notFloat32(f: FieldFacts): string;
  notInteger(f: FieldFacts): string;
  belowMin(f: FieldFacts): string;
  aboveMax(f: FieldFacts): string;
}

/** The largest finite float32, as TensorFlow.js and PyTorch store weights. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Plain decimal notation with an optional exponent: no hex, no `Infinity`, no commas. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** "a whole number from 1 to 9", "a number greater than 0", … */
function wanted(f: FieldFacts): string {
  const kind = f.integer ? 'a whole number' : 'a number';
  const { min, max } = f;
  if (min !== undefined && max !== undefined) {
    if (!f.minExclusive && !f.maxExclusive) return `${kind} from ${min} to ${max}`;
    return `${kind} ${f.minExclusive ? 'above' : 'from'} ${min} and ${f.maxExclusive ? 'below' : 'up to'} ${max}`;
  }
  if (min !== undefined) return `${kind} ${f.minExclusive ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `${kind} ${f.maxExclusive ? '<' : '≤'} ${max}`;
  return kind;
}

export const numberStrings: StringTable<NumberMessages> = {
  en: {
    empty: (f) => `${f.label} is empty: type ${wanted(f)}.`,
    notNumber: (f) =>
      f.integer ? `${f.label} must be a whole number; “${f.text}” is not.` : `${f.label} must be a number; “${f.text}” is not.`,
    notFloat32: (f) => `${f.label} = ${f.text} does not fit in float32 (largest about 3.4e38): type a smaller number.`,
    notInteger: (f) => `${f.label} must be a whole number; “${f.text}” is not.`,
    belowMin: (f) => `${f.label} must be ${f.minExclusive ? 'greater than' : 'at least'} ${f.min}; you typed ${f.value}.`,
    aboveMax: (f) => `${f.label} must be ${f.maxExclusive ? 'less than' : 'at most'} ${f.max}; you typed ${f.value}.`,
  },
};

/**
 * Reads `raw` as typed into the field `label` under `rule`. A minus sign (U+2212) reads
 * as a hyphen-minus. `messages` replaces the kit's wording of any check.
 */
export function parseNumber(
  raw: string,
  label: string,
  rule: NumberRule = {},
  messages: Partial<NumberMessages> = {},
  locale: Locale = 'en',
): Parsed<number> {
  const say = { ...stringsFor(numberStrings, locale), ...messages };
  const text = raw.trim();
  const facts: FieldFacts = { ...rule, label, text, value: Number.NaN };
  const fail = (message: string): Parsed<number> => ({ ok: false, message });
  if (text === '') return fail(say.empty(facts));
  const normalised = text.replace(/\u2212/g, '-');
  if (!NUMBER.test(normalised)) return fail(say.notNumber(facts));
  facts.value = Number(normalised);
  if (!Number.isFinite(facts.value) || Math.abs(facts.value) > FLOAT32_MAX) return fail(say.notFloat32(facts));
  if (rule.integer && !Number.isInteger(facts.value)) return fail(say.notInteger(facts));
  const { min, max } = rule;
  if (min !== undefined && (rule.minExclusive ? facts.value <= min : facts.value < min)) return fail(say.belowMin(facts));
  if (max !== undefined && (rule.maxExclusive ? facts.value >= max : facts.value > max)) return fail(say.aboveMax(facts));
  return { ok: true, value: facts.value };
}
