/**
 * The book's index of labels, sections and exercises across every chapter, built at
 * build time by parsing each chapter's MDX with the same syntax extensions Astro
 * uses (MDX, GFM, smart punctuation, math, directives) and numbering it with
 * {@link numberTree}. It resolves cross-chapter references in the remark plugin and
 * feeds the index of exercises.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkDirective from 'remark-directive';
import remarkSmartypants from 'remark-smartypants';
import type { Root } from 'mdast';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { chapterFiles, chapterSlugOf } from './content-paths';
import { ApparatusError, numberTree, type LabelKind, type Numbering } from './numbering';

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath).use(remarkDirective).use(remarkSmartypants);

/** Parses MDX (without frontmatter) into mdast, running the transforms that change text. */
export function parseMdx(source: string): Root {
  const tree = parser.parse(source);
  return parser.runSync(tree) as Root;
}

interface IndexedLabel {
  kind: LabelKind;
  label: string;
  id: string;
  number: string;
  title?: string;
}

interface IndexedExercise {
  id: string;
  label?: string;
  number: string;
  title: string;
  difficulty: number;
}

export interface IndexedChapter {
  /** Path of the file, relative to the working directory. */
  file: string;
  slug: string;
  chapter: number;
  title: string;
  labels: IndexedLabel[];
  sections: { slug: string; number?: string; depth: number; title: string }[];
  exercises: IndexedExercise[];
}

/** Summarises a numbering as plain data (no tree nodes). */
function summarise(numbering: Numbering, meta: { file: string; slug: string; chapter: number; title: string }): IndexedChapter {
  const labels: IndexedLabel[] = [];
  const exercises: IndexedExercise[] = [];
  for (const item of numbering.items) {
    if (item.label) {
      const entry: IndexedLabel = { kind: item.kind, label: item.label, id: item.id, number: item.number };
      if (item.title !== undefined) entry.title = item.title;
      labels.push(entry);
    }
    if (item.kind === 'ex') {
      const exercise: IndexedExercise = { id: item.id, number: item.number, title: item.title ?? '', difficulty: item.difficulty ?? 1 };
      if (item.label) exercise.label = item.label;
      exercises.push(exercise);
    }
  }
  const sections = numbering.sections.map(({ slug, number, depth, title }) =>
    number === undefined ? { slug, depth, title } : { slug, number, depth, title },
  );
  return { ...meta, labels, sections, exercises };
}

/** Indexes one chapter from its MDX body (frontmatter already removed). */
export function indexChapterBody(body: string, meta: { file: string; slug: string; chapter: number; title: string }): IndexedChapter {
  try {
    return summarise(numberTree(parseMdx(body), meta.chapter), meta);
  } catch (error) {
    if (error instanceof ApparatusError) throw new Error(`${meta.file}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Indexes one chapter from its source (frontmatter included). */
export function indexChapterSource(source: string, file: string): IndexedChapter {
  const { frontmatter, content } = parseFrontmatter(source, { frontmatter: 'empty-with-spaces' });
  const chapter = Number(frontmatter.chapter);
  if (!Number.isInteger(chapter)) throw new Error(`${file}: the frontmatter has no integer \`chapter\` number`);
  const title = String(frontmatter.title ?? chapterSlugOf(file));
  try {
    return summarise(numberTree(parseMdx(content), chapter), { file, slug: chapterSlugOf(file), chapter, title });
  } catch (error) {
    if (error instanceof ApparatusError) {
      const line = error.node?.position?.start.line;
      throw new Error(`${file}${line ? `:${line}` : ''}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

export interface BookIndex {
  chapters: IndexedChapter[];
  /** Every label in the book → its chapter and item. */
  labels: Map<string, { chapter: IndexedChapter; label: IndexedLabel }>;
  /** `slug` → chapter. */
  bySlug: Map<string, IndexedChapter>;
}

/** Builds the index from chapters already summarised; fails on a label used twice. */
export function buildIndex(chapters: IndexedChapter[]): BookIndex {
  const sorted = [...chapters].sort((a, b) => a.chapter - b.chapter || a.file.localeCompare(b.file));
  const labels: BookIndex['labels'] = new Map();
  const bySlug: BookIndex['bySlug'] = new Map();
  for (const chapter of sorted) {
    bySlug.set(chapter.slug, chapter);
    for (const label of chapter.labels) {
      const other = labels.get(label.label);
      if (other) throw new Error(`label "${label.label}" is defined twice: in ${other.chapter.file} and in ${chapter.file}`);
      labels.set(label.label, { chapter, label });
    }
  }
  return { chapters: sorted, labels, bySlug };
}

let cache: { key: string; index: BookIndex } | undefined;

/**
 * The index of every chapter in `dir`, rebuilt only when a file changed (so that the
 * dev server sees edits to other chapters).
 */
export function loadBookIndex(dir: string): BookIndex {
  const files = chapterFiles(dir);
  const key = files
    .map((f) => {
      const s = statSync(f);
      return `${f}:${s.mtimeMs}:${s.size}`;
    })
    .join('|');
  if (cache?.key === key) return cache.index;
  const chapters = files.map((f) => indexChapterSource(readFileSync(f, 'utf8'), relative(process.cwd(), f)));
  const index = buildIndex(chapters);
  cache = { key, index };
  return index;
}
