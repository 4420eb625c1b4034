// @ts-check
/**
 * HTML validation of the built site: html-validate over every HTML page in the
 * build output, with the rules and element overrides of .htmlvalidate.json (each
 * override says which Starlight/Expressive Code markup it admits, and why).
 *
 *   node scripts/validate-html.mjs [DIR]      (DIR: $ASTRO_OUT_DIR or dist/)
 *
 * Exit status 0 when no page has an error; 1 with "file:line:column rule message".
 */
import { readFileSync } from 'node:fs';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { htmlFiles } from '../src/plugins/html-files.mjs';
import { parseScriptArgs } from './lib/args.ts';

const args = parseScriptArgs('node scripts/validate-html.mjs [DIR]   (DIR: $ASTRO_OUT_DIR or dist/)', {}, { positionals: 1 });
const dir = args.positionals[0] ?? process.env.ASTRO_OUT_DIR ?? 'dist';

/**
 * Drops the "$comment" keys (our documentation) that html-validate's schemas do not know.
 * @param {unknown} value
 * @returns {unknown}
 */
function withoutComments(value) {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== '$comment')
        .map(([k, v]) => [k, withoutComments(v)]),
    );
  }
  return value;
}

const config = withoutComments(JSON.parse(readFileSync(new URL('../.htmlvalidate.json', import.meta.url), 'utf8')));
const validator = new HtmlValidate(new StaticConfigLoader(/** @type {any} */ (config)));

const files = htmlFiles(dir).map((f) => f.file);
if (files.length === 0) {
  console.error(`✖ no HTML files in ${dir}/: build the site first (npm run build).`);
  process.exit(1);
}

let errors = 0;
for (const file of files) {
  const report = await validator.validateFile(file);
  for (const result of report.results) {
    for (const m of result.messages) {
      if (m.severity !== 2) continue;
      errors++;
      console.error(`  ${file}:${m.line}:${m.column} [${m.ruleId}] ${m.message}`);
    }
  }
}
if (errors > 0) {
  console.error(`✖ html-validate: ${errors} error(s) in ${files.length} pages of ${dir}/ (rules: .htmlvalidate.json).`);
  process.exit(1);
}
console.log(`✔ html-validate: ${files.length} pages of ${dir}/ have no errors.`);
