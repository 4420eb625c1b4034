// @ts-check
/**
 * Writes the book's service worker (`sw.js`) into the build output, after `astro build`
 * (package.json's `build` runs it). With it, a reader who has opened the book once can
 * read it offline: every page, its math (KaTeX CSS and fonts), figures, search, and the
 * widgets with their code, TensorFlow.js's WebAssembly and the MNIST digits.
 *
 *   node scripts/build-sw.mjs [DIR]      (DIR: $ASTRO_OUT_DIR or dist/)
 *
 * workbox-build's generateSW precaches the files matched by PRECACHE below: only the
 * book's own files in the build output (the book loads nothing from other origins).
 * Their addresses in the manifest are relative (`chapters/pooling/index.html`), and
 * the worker resolves them against its own address, `<BASE_PATH>sw.js`, so the same
 * worker works at the root of a domain and under a sub-path.
 *
 * The worker does not take over by itself when a new version is deployed
 * (`skipWaiting: false`): src/components/offline/register-sw.ts shows "A new version of
 * the book is available — Reload", and the reload button tells the waiting worker to
 * take over (workbox's SKIP_WAITING message).
 */
import { existsSync } from 'node:fs';
import { generateSW } from 'workbox-build';
import { parseScriptArgs } from './lib/args.ts';

const args = parseScriptArgs('node scripts/build-sw.mjs [DIR]   (DIR: $ASTRO_OUT_DIR or dist/)', {}, { positionals: 1 });
const dir = args.positionals[0] ?? process.env.ASTRO_OUT_DIR ?? 'dist';
if (!existsSync(`${dir}/index.html`)) {
  console.error(`✖ ${dir}/index.html is missing: run astro build first.`);
  process.exit(1);
}

/** What is precached: pages, the app's code, styles, fonts, wasm, the digits, the search index. */
const PRECACHE = [
  '**/*.html',
  '_astro/**/*.{js,css,svg,wasm,woff2}',
  'favicon.svg',
  'data/*.gz',
  // Pagefind: the search engine, its wasm, index and fragments (not its unused stock UIs).
  'pagefind/pagefind.js',
  'pagefind/pagefind-worker.js',
  'pagefind/pagefind-entry.json',
  'pagefind/*.pf_meta',
  'pagefind/*.pagefind',
  'pagefind/index/*',
  'pagefind/fragment/*',
];

const { count, size, warnings } = await generateSW({
  globDirectory: dir,
  globPatterns: PRECACHE,
  // KaTeX's .woff/.ttf fallbacks are only for browsers without woff2.
  globIgnores: ['**/*.ttf', '**/*.woff', 'sw.js', 'workbox-*.js'],
  swDest: `${dir}/sw.js`,
  // The training worker's bundle (TensorFlow.js) is the largest file, about 1.9 MB.
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  // `chapters/pooling/` is served by `chapters/pooling/index.html`.
  directoryIndex: 'index.html',
  // The query string only carries widget settings (the Lab's `?head=fc&…`), read by
  // the page's script: every page is the same file whatever its query.
  ignoreURLParametersMatching: [/.*/],
  // Vite's file names carry a content hash; workbox need not add a revision to them.
  dontCacheBustURLsMatching: /^_astro\//,
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  skipWaiting: false,
  // The workbox runtime goes inside sw.js: one file, no importScripts.
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: 'production',
});

for (const warning of warnings) console.warn(`⚠ ${warning}`);
console.log(`✔ service worker: ${dir}/sw.js precaches ${count} files, ${(size / 1024 / 1024).toFixed(2)} MB.`);
