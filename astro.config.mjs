// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypePagefindIgnoreMath } from './src/plugins/rehype-pagefind-ignore-math.mjs';
import { chapterSidebar } from './src/plugins/chapter-sidebar.mjs';

const base = process.env.BASE_PATH ?? '/';

// https://astro.build/config
export default defineConfig({
  site: process.env.SITE_URL ?? 'https://fully-connected.example.org',
  base,
  trailingSlash: 'always',
  markdown: {
    // Math is rendered to HTML (+ MathML for screen readers) at build time:
    // no client-side JavaScript is needed for it.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }], rehypePagefindIgnoreMath],
    }),
  },
  integrations: [
    starlight({
      title: 'Fully Connected',
      description:
        'An interactive textbook on the fully connected layers of convolutional neural networks: convolution, pooling, flattening, dense layers, dropout and global average pooling.',
      logo: { src: './src/assets/logo.svg', alt: '' },
      favicon: '/favicon.svg',
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      markdown: { processedDirs: ['./content'] },
      customCss: ['katex/dist/katex.min.css', './src/styles/book.css'],
      components: {
        Footer: './src/components/Footer.astro',
      },
      sidebar: [
        { label: 'Start here', items: [{ label: 'Title page', link: '/' }] },
        { label: 'Chapters', items: chapterSidebar('./content/chapters') },
        { label: 'Tools', items: [{ label: 'Model inspector', link: '/inspector/' }] },
        { label: 'About', items: [{ label: 'Licences', link: '/licenses/' }] },
      ],
    }),
    mdx(),
  ],
});
