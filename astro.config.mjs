// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypePagefindIgnoreMath } from './src/plugins/rehype-pagefind-ignore-math.mjs';
import { chapterSidebar } from './src/plugins/chapter-sidebar.mjs';
import remarkApparatus from './src/apparatus/remark-apparatus.ts';
import remarkListings from './src/plugins/remark-listings.ts';
import { securityHeaders } from './src/plugins/security-headers.mjs';
import { hoistStylesheetsIntegration } from './src/plugins/hoist-stylesheets.mjs';

const base = process.env.BASE_PATH ?? '/';
const site = process.env.SITE_URL ?? 'https://fully-connected.example.org';
/** An absolute path from the project root. */
const here = (/** @type {string} */ path) => decodeURIComponent(new URL(path, import.meta.url).pathname);

// https://astro.build/config
export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // No link prefetching (Starlight turns on Astro's prefetch of every link on hover):
  // the service worker precaches every page on the first visit (scripts/build-sw.mjs),
  // so prefetching would download pages twice, and its script ran on every page load
  // and walked every link (docs/benchmarks.md#budgets).
  prefetch: false,
  // A private output folder (e.g. for a second build beside a running preview).
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  // Cross-origin isolation for the dev and preview servers, so that the training
  // worker can use multi-threaded WebAssembly (SharedArrayBuffer). Every resource
  // the book loads is its own, so `require-corp` blocks nothing. The deploy
  // headers file (public/_headers) sends the same.
  server: {
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
  // Content-Security-Policy (docs/deploying.md#security-headers). Astro hashes the scripts and
  // styles it bundles into a <meta http-equiv="content-security-policy"> on each page;
  // src/plugins/security-headers.mjs adds the hashes of the inline scripts Astro does
  // not hash (Starlight's `is:inline` theme script) and writes the deploy headers. No 'unsafe-inline' for
  // scripts and no 'unsafe-eval'; 'wasm-unsafe-eval' lets the search (Pagefind) and
  // TensorFlow.js's wasm backend compile WebAssembly. Inline style *attributes* (KaTeX
  // sizes its glyphs with them) are allowed; inline <style> elements need a hash.
  // public/_headers sends the same policy as an HTTP header.
  security: {
    csp: {
      // Directives besides script-src and style-src (which Astro fills with hashes).
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        // data: for KaTeX's Size3 font, which Vite inlines into the stylesheet.
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: {
        resources: [
          { resource: "'self'", kind: 'element' },
          { resource: "'unsafe-inline'", kind: 'attribute' },
        ],
      },
    },
  },
  vite: {
    // Workers as ES modules: their dynamic imports stay separate files, so a listing
    // that uses only the book's library does not download TensorFlow.js, and the
    // transpiler loads only for TypeScript (docs/authoring.md#runnable-listings).
    worker: { format: 'es' },
    resolve: {
      alias: [
        // Starlight's "On this page" highlighting, replaced by a version that watches the
        // headings only (src/components/toc/starlight-toc.ts says why).
        {
          find: /^.*\/components-internals\/TableOfContents\/starlight-toc(\.[jt]s)?$/,
          replacement: here('./src/components/toc/starlight-toc.ts'),
        },
        // Starlight's search builds its Pagefind UI when the reader reaches for it, not
        // on every page load (src/components/search/pagefind-on-demand.ts says why).
        { find: /^@pagefind\/default-ui$/, replacement: here('./src/components/search/pagefind-on-demand.ts') },
      ],
    },
  },
  markdown: {
    // Math is rendered to HTML (+ MathML for screen readers) at build time:
    // no client-side JavaScript is needed for it.
    processor: unified({
      remarkPlugins: [
        remarkMath,
        // Runnable listings: <Listing> gets its code and expected output as props (docs/authoring.md#runnable-listings).
        remarkListings,
        // Numbering, cross-references, citations, exercises (docs/authoring.md#citations-numbering-and-exercises).
        [
          remarkApparatus,
          {
            contentDir: here('./content'),
            chaptersDir: here('./content/chapters'),
            bibliography: here('./content/references.bib'),
            components: here('./src/components/apparatus'),
            base,
            site,
          },
        ],
      ],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }], rehypePagefindIgnoreMath],
    }),
  },
  integrations: [
    starlight({
      title: 'Fully Connected',
      // Code blocks wrap long lines instead of scrolling sideways: they are read in the
      // text column, and several scrolling blocks on a page would be unnamed landmark
      // regions (Expressive Code makes each one a focusable region).
      expressiveCode: { defaultProps: { wrap: true } },
      description:
        'An interactive textbook on the fully connected layers of convolutional neural networks: convolution, pooling, flattening, dense layers, dropout and global average pooling.',
      logo: { src: './src/assets/logo.svg', alt: '' },
      favicon: '/favicon.svg',
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      markdown: { processedDirs: ['./content'] },
      routeMiddleware: './src/route-middleware.ts',
      customCss: ['katex/dist/katex.min.css', './src/styles/book.css'],
      components: {
        Footer: './src/components/Footer.astro',
        Head: './src/components/apparatus/Head.astro',
        MarkdownContent: './src/components/apparatus/MarkdownContent.astro',
      },
      sidebar: [
        { label: 'Start here', items: [{ label: 'Title page', link: '/' }] },
        { label: 'Chapters', items: chapterSidebar('./content/chapters') },
        {
          label: 'Tools',
          items: [
            { label: 'Model inspector', link: '/inspector/' },
            { label: 'Lab: train a CNN', link: '/lab/' },
            { label: 'Exercises', link: '/exercises/' },
            { label: 'Notation', link: '/notation/' },
            { label: 'Glossary', link: '/glossary/' },
          ],
        },
        {
          label: 'About',
          items: [
            { label: 'Licences', link: '/licenses/' },
            { label: 'The whole book (print)', link: '/print/' },
          ],
        },
      ],
    }),
    mdx(),
    // Moves Expressive Code's stylesheet from the first code block into the <head> and
    // drops repeated stylesheets (src/plugins/hoist-stylesheets.mjs says why).
    hoistStylesheetsIntegration(),
    // Writes the deploy headers file with each page's Content-Security-Policy.
    securityHeaders(),
  ],
});
