/**
 * The docs stay findable from the code: every `docs/NAME.md` or `docs/NAME.md#anchor`
 * that a comment, script or doc points at exists, with a heading of that anchor (GitHub's
 * slugs), and no comment points at a README section title any more (the README is the
 * short overview; the detail is in docs/). And the Starlight internals that
 * astro.config.mjs replaces by alias are still where the aliases expect them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'scripts', 'tests', 'docs', 'README.md', 'astro.config.mjs', 'playwright.config.ts', '.ci/run'];
const TEXT = /\.(ts|mjs|js|astro|css|md|mdx|py)$|^run$/;

/** Every text file under ROOTS, this test itself aside (its comments show the pattern). */
function files(): string[] {
  const out: string[] = [];
  for (const root of ROOTS) {
    if (!existsSync(root)) continue;
    if (!statSync(root).isDirectory()) out.push(root);
    else
      for (const e of readdirSync(root, { recursive: true, withFileTypes: true }))
        if (e.isFile() && TEXT.test(e.name)) out.push(join(e.parentPath, e.name));
  }
  return out.filter((f) => f !== join('tests', 'unit', 'docs.test.ts'));
}

/** The anchors of a Markdown file's headings, as GitHub makes them. */
function anchors(path: string): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.add(slugger.slug(m[1]!.trim()));
  }
  return out;
}

describe('documentation references', () => {
  const sources = files();

  it('reads the tree', () => expect(sources.length).toBeGreaterThan(100));

  it('every docs/….md(#anchor) named in the code and the docs exists', () => {
    const broken: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:\.\.\/)?docs\/([\w-]+\.md)(?:#([\w-]+))?/g)) {
        const doc = join('docs', m[1]!);
        if (!existsSync(doc)) broken.push(`${file}: ${m[0]} (no such file)`);
        else if (m[2] && !anchors(doc).has(m[2])) broken.push(`${file}: ${m[0]} (no such heading; it has ${[...anchors(doc)].join(', ')})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the README links to every doc, and its #folders anchor exists', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const doc of readdirSync('docs')) expect(readme).toContain(`docs/${doc}`);
    expect(anchors('README.md').has('folders')).toBe(true);
  });

  it('no comment points at a README section title', () => {
    const old = sources.filter((f) => !f.endsWith('.md')).filter((f) => /README[:,]?\s*\(?["“]/.test(readFileSync(f, 'utf8')));
    expect(old).toEqual([]);
  });

  it('the Starlight files that astro.config.mjs aliases still exist', () => {
    expect(existsSync('node_modules/@astrojs/starlight/dist/components-internals/TableOfContents/starlight-toc.js')).toBe(true);
    const search = readFileSync('node_modules/@astrojs/starlight/dist/components/Search.astro', 'utf8');
    expect(search).toContain('@pagefind/default-ui');
  });
});
