/**
 * Content collections.
 *
 * - `docs` is what Starlight renders: the title page (`content/index.mdx`), the
 *   chapters (`content/chapters/NN-slug.mdx` → `/chapters/slug/`) and the book's
 *   other pages (`content/pages/*.mdx` → `/slug/`).
 * - `chapters` reads the same chapter files again with the strict chapter schema,
 *   so that a chapter with a missing or malformed field fails the build with the
 *   file and the field named. The title page's table of contents is built from it.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { chapterSlugOf, pageIdOf } from './apparatus/content-paths';

/** Fields every chapter must have. */
export const chapterFields = {
  /** Chapter number: 0 for front matter (the preface), 1, 2, … for chapters. */
  chapter: z.number().int().min(0),
  /** One line shown on the title page and in search results. */
  summary: z.string().min(10),
  /** What a reader can do after the chapter ("Compute the output size of …"). */
  objectives: z.array(z.string().min(5)).min(1),
  /** When the chapter's facts were last checked (YYYY-MM-DD). */
  reviewed: z.coerce.date(),
  /** Keys of the bibliography entries the chapter cites. */
  references: z.array(z.string().regex(/^[a-z][a-z0-9_:-]*$/, 'a reference key like lin2014nin')).default([]),
};

const chapterSchema = z.looseObject(chapterFields);

export const collections = {
  docs: defineCollection({
    loader: glob({
      pattern: ['index.mdx', '404.mdx', 'chapters/[^_]*.mdx', 'pages/[^_]*.mdx'],
      base: './content',
      generateId: ({ entry }) => pageIdOf(entry),
    }),
    schema: docsSchema({
      extend: z.object({
        chapter: chapterFields.chapter.optional(),
        summary: chapterFields.summary.optional(),
        objectives: chapterFields.objectives.optional(),
        reviewed: chapterFields.reviewed.optional(),
        references: chapterFields.references,
      }),
    }),
  }),
  // Starlight's UI strings; the book has none of its own yet (English only).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  chapters: defineCollection({
    loader: glob({ pattern: '[^_]*.mdx', base: './content/chapters', generateId: ({ entry }) => chapterSlugOf(entry) }),
    schema: chapterSchema,
  }),
};
