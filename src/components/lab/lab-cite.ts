/**
 * "Cite this experiment": the Lab's citation formats are made at build time by the
 * book's citation code (src/apparatus/cite-this.ts) with two placeholders, which
 * `fillCitation` replaces with the experiment's address and settings — escaped for
 * the format (BibTeX, JSON or plain text). No DOM, no citation library at run time.
 */
export const CITE_URL = 'https://example.invalid/XLABEXPERIMENTURLX';
export const CITE_SETTINGS = 'XLABEXPERIMENTSETTINGSX';

export type CiteFormat = 'apa' | 'bibtex' | 'csl';

function escapeFor(format: CiteFormat, text: string): string {
  if (format === 'csl') return JSON.stringify(text).slice(1, -1);
  if (format === 'bibtex')
    return text
      .replace(/\\/g, '\\textbackslash{}')
      .replace(/([&%$#_])/g, '\\$1')
      .replace(/[{}]/g, '\\$&');
  return text;
}

/** A settings query (`head=fc&hidden=64&…`) as a short, readable phrase. */
export function settingsPhrase(query: string): string {
  return [...new URLSearchParams(query)].map(([k, v]) => `${k} ${v}`).join(', ');
}

export function fillCitation(template: string, format: CiteFormat, url: string, settings: string): string {
  // URLs go into BibTeX's url field verbatim (as \url does), so only JSON needs escaping.
  const u = format === 'csl' ? escapeFor('csl', url) : url;
  return template.replaceAll(CITE_URL, u).replaceAll(CITE_SETTINGS, escapeFor(format, settings));
}
