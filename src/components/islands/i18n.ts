/**
 * The widgets' languages. Every widget keeps its user-facing text in one keyed table
 * per language (its `strings.ts`), typed by the English table, so that a second
 * edition is one more table: a key missing from it fails the type check and the
 * strings test (`tests/unit/components/strings.test.ts`), never falling back to
 * English on the page. No DOM here: build-time rendering uses the same tables.
 */

/** The book's editions, by the language subtag their pages carry (`<html lang>`). */
export const LOCALES = ['en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One widget's strings in every edition; `S` is the shape of the English table. */
export type StringTable<S> = Record<Locale, S>;

/** The edition of a page whose `lang` is `lang` (`en`, `en-GB`, …); English when none matches. */
export function localeOfLang(lang: string | undefined | null): Locale {
  const tag = (lang ?? '').toLowerCase();
  return LOCALES.find((l) => tag === l || tag.startsWith(`${l}-`)) ?? 'en';
}

/** The strings of `table` for `locale`. */
export function stringsFor<S>(table: StringTable<S>, locale: Locale): S {
  return table[locale];
}
