/**
 * Every widget's string table (`src/components/**\/strings.ts`, and the kit's own) has,
 * for every edition, exactly the keys of the English table, each of the same kind
 * (text or function) and none empty: a missing translation fails here instead of
 * falling back to English on the page.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/components/islands/i18n';
import { kitStrings } from '../../../src/components/islands/kit';
import { numberStrings } from '../../../src/components/islands/number-field';

const modules = import.meta.glob<Record<string, unknown>>('../../../src/components/**/strings.ts', { eager: true });

/** `key: kind` for every leaf of a table, nested keys joined by dots. */
function leaves(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}: function`];
  if (typeof value === 'string') return [`${path}: ${value.trim() === '' ? 'EMPTY' : 'string'}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [`${path}: ${typeof value}`];
}

const tables: [string, Record<string, unknown>][] = [
  ['islands/kit.ts kitStrings', kitStrings],
  ['islands/number-field.ts numberStrings', numberStrings],
];
for (const [file, exports] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(exports)) {
    if (value && typeof value === 'object' && 'en' in value)
      tables.push([`${file.replace(/^.*components\//, '')} ${name}`, value as Record<string, unknown>]);
  }
}

describe('widget string tables', () => {
  it('finds the tables of the migrated widgets', () => {
    expect(tables.map(([name]) => name)).toContain('output-size/strings.ts outputSizeStrings');
  });

  it.each(tables)('%s has every key in every edition, none empty', (_name, table) => {
    const english = leaves(table['en']);
    expect(english.filter((l) => l.endsWith('EMPTY'))).toEqual([]);
    expect(Object.keys(table).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) expect(leaves(table[locale]), locale).toEqual(english);
  });
});
