/** The remark plugin end to end: numbering, cross-references, citations, exercises, failures. */
import { describe, expect, it } from 'vitest';
import { render, transform } from './render';

const FILE = 'tests/unit/apparatus/fixtures/content/chapters/04-test.mdx';

describe('numbering', () => {
  it('numbers sections and subsections of a chapter, keeping their slugs as ids', async () => {
    const html = await render('## Dense layers\n\n### Weights\n\n### Biases\n\n## Dropout\n');
    expect(html).toContain('<h2 id="dense-layers"><span class="section-number">4.1</span> Dense layers</h2>');
    expect(html).toContain('<h3 id="weights"><span class="section-number">4.1.1</span> Weights</h3>');
    expect(html).toContain('<h3 id="biases"><span class="section-number">4.1.2</span> Biases</h3>');
    expect(html).toContain('<h2 id="dropout"><span class="section-number">4.2</span> Dropout</h2>');
  });

  it('does not number the sections of the front matter (chapter 0) or of other pages', async () => {
    expect(await render('## Who it is for\n', { frontmatter: { chapter: 0 } })).toContain('<h2 id="who-it-is-for">Who it is for</h2>');
    expect(await render('## Code\n', { file: 'pages/licenses.mdx', frontmatter: {} })).toContain('<h2 id="code">Code</h2>');
  });

  it('numbers display equations with \\tag, anchors them by label, and skips \\notag', async () => {
    const html = await render('$$\na = b\n\\label{eq:first}\n$$\n\n$$\nc = d \\notag\n$$\n\n$$\ne = f\n$$\n');
    expect(html).toContain('<div class="equation" id="eq:first">');
    expect(html).toContain('<div class="equation" id="eq-4-2">');
    const tags = [...html.matchAll(/<span class="tag">.*?<span class="mord">([\d.]+)<\/span>/g)].map((m) => m[1]);
    expect(tags).toEqual(['4.1', '4.2']);
    expect(html).not.toContain('\\label');
    expect(html).toContain('<a class="apparatus-anchor" href="#eq:first" data-copy-link="">');
    expect(html).toContain('Link to Equation 4.1');
  });

  it('gives exercises their number, id and heading level, and hints their exercise', async () => {
    const html = await render(
      '## Exercises\n\n<Exercise id="ex:one" title="One" difficulty={1}>\nSolve.\n\n<Hint>Think.</Hint>\n</Exercise>\n\n<Exercise title="Two" difficulty="hard">\nAgain.\n</Exercise>\n',
    );
    expect(html).toMatch(/<x-exercise data-attr-id="ex:one"[^>]*data-attr-number="4\.1"[^>]*data-attr-level="3"/);
    expect(html).toMatch(/<x-exercise [^>]*data-attr-number="4\.2"[^>]*data-attr-id="exercise-4-2"/);
    expect(html).toMatch(/<x-hint data-attr-exercise="4\.1">/);
  });

  it('numbers <Figure> by the prefix of its id, and numbers a labelled widget through its caption', async () => {
    const html = await render(
      '<Figure id="fig:a" caption="A.">\nx\n</Figure>\n\n<Figure id="tab:b" caption="B.">\ny\n</Figure>\n\n<OutputSize id="fig:widget" caption="Try it." />\n',
    );
    expect(html).toMatch(/<x-figure data-attr-id="fig:a" data-attr-caption="A\." data-attr-number="4\.1" data-attr-kind="figure">/);
    expect(html).toMatch(/<x-figure data-attr-id="tab:b" data-attr-caption="B\." data-attr-number="4\.1" data-attr-kind="table">/);
    expect(html).toContain(
      '<div class="numbered-widget" id="fig:widget"><x-outputsize data-attr-caption="Figure 4.2 — Try it." data-attr-figurename="Figure 4.2"></x-outputsize>',
    );
    expect(html).toContain('Interactive figure: https://book.example/chapters/test/#fig:widget');
  });

  it('makes a Markdown table of a table figure a named tab stop, since it may scroll sideways', async () => {
    const html = await render('<Figure id="tab:wide" caption="Wide.">\n| a | b |\n| --- | --- |\n| 1 | 2 |\n</Figure>\n');
    expect(html).toMatch(/<table tabindex="0" aria-label="Table 4\.1">/);
  });
});

describe('cross-references', () => {
  it('renders [](#label) as a numbered link in the page', async () => {
    const html = await render('$$\na\n\\label{eq:a}\n$$\n\nBy [](#eq:a) and [that formula](#eq:a).\n');
    expect(html).toContain('<a href="#eq:a" class="xref">Equation 4.1</a>');
    expect(html).toContain('<a href="#eq:a" class="xref">that formula</a>');
  });

  it('resolves labels, sections and chapters of other chapters through the book index', async () => {
    const html = await render(
      '[](#eq:alpha-one), [](#fig:alpha-figure), [](#tab:beta-table), [](#ex:alpha-ex), [](#sec:alpha/a-subsection), [](#ch:beta).',
    );
    expect(html).toContain('<a href="/chapters/alpha/#eq:alpha-one" class="xref">Equation 1.1</a>');
    expect(html).toContain('<a href="/chapters/alpha/#fig:alpha-figure" class="xref">Figure 1.1</a>');
    expect(html).toContain('<a href="/chapters/beta/#tab:beta-table" class="xref">Table 2.1</a>');
    expect(html).toContain('<a href="/chapters/alpha/#ex:alpha-ex" class="xref">Exercise 1.1</a>');
    expect(html).toContain('<a href="/chapters/alpha/#a-subsection" class="xref">Section 1.1.1</a>');
    expect(html).toContain('<a href="/chapters/beta/" class="xref">Chapter 2</a>');
  });

  it('uses the base path for links to other pages, and works from pages that are not chapters', async () => {
    const html = await render('See [](#eq:beta-one).', { file: 'pages/notes.mdx', frontmatter: {}, options: { base: '/book' } });
    expect(html).toContain('<a href="/book/chapters/beta/#eq:beta-one" class="xref">Equation 2.1</a>');
  });

  it('refers to a section of the page by its slug', async () => {
    const html = await render('## Setting up\n\nAs in [](#sec:setting-up).\n');
    expect(html).toContain('<a href="#setting-up" class="xref">Section 4.1</a>');
  });

  it('fails on an unknown label, naming the file and the label', async () => {
    await expect(render('See [](#eq:nowhere).')).rejects.toThrow(`${FILE}:1: unknown label "eq:nowhere"`);
    await expect(render('See [](#sec:nowhere).')).rejects.toThrow(/04-test\.mdx:1: unknown label "sec:nowhere"/);
    await expect(render('See [](#ch:nowhere).')).rejects.toThrow(/04-test\.mdx:1: unknown chapter "ch:nowhere"/);
  });

  it('fails on a label defined twice, in the page or in another chapter', async () => {
    await expect(render('$$\na \\label{eq:x}\n$$\n\n$$\nb \\label{eq:x}\n$$\n')).rejects.toThrow(/04-test\.mdx:5: duplicate label "eq:x"/);
    await expect(render('$$\na \\label{eq:alpha-one}\n$$\n')).rejects.toThrow(/label "eq:alpha-one" is also defined in .*01-alpha\.mdx/);
  });

  it('fails on malformed labels and on labels outside chapters', async () => {
    await expect(render('$$\na \\label{conv}\n$$\n')).rejects.toThrow(/malformed label "conv"/);
    await expect(render('$$\na \\label{fig:x}\n$$\n')).rejects.toThrow(/prefix must be "eq:"/);
    await expect(render('$$\na \\label{eq:x}\n$$\n', { file: 'pages/notes.mdx', frontmatter: {} })).rejects.toThrow(
      /notes\.mdx:1: only a chapter/,
    );
  });
});

describe('citations', () => {
  const fm = { chapter: 4, references: ['lin2014nin', 'srivastava2014dropout', 'he2016resnet', 'goodfellow2016deep'] };

  it('renders [@key] author–year, linked to the reference list, with an accessible preview', async () => {
    const html = await render('Pooling [@lin2014nin].', { frontmatter: fm });
    expect(html).toContain(
      '<span class="citation">(<span class="cite"><a class="cite-link" href="#ref-4-lin2014nin" aria-describedby="cite-4-1">Lin et al., 2014</a><span class="cite-tip" role="tooltip" id="cite-4-1" data-pagefind-ignore="">Lin, M., Chen, Q., &#x26; Yan, S. (2014). Network In Network.',
    );
  });

  it('handles several works, locators and year-only citations', async () => {
    const html = await render(
      'A [@lin2014nin; @srivastava2014dropout, p. 1930]. Lin et al. [-@lin2014nin]. He [@he2016resnet, sec. 3.2].',
      { frontmatter: fm },
    );
    expect(html).toMatch(
      /\(<span class="cite"><a [^>]*>Lin et al\., 2014<\/a>.*?<\/span>; <span class="cite"><a [^>]*>Srivastava et al\., 2014, p\. 1930<\/a>/,
    );
    expect(html).toMatch(/Lin et al\. <span class="citation">\(<span class="cite"><a [^>]*>2014<\/a>/);
    expect(html).toMatch(/>He et al\., 2016, Section 3\.2<\/a>/);
  });

  it('appends the reference list: cited works and the other works the frontmatter lists, alphabetically', async () => {
    const html = await render('## Intro\n\nText [@srivastava2014dropout].\n', { frontmatter: fm });
    expect(html).toContain('<h2 id="references">References</h2>');
    const ids = [...html.matchAll(/<li id="(ref-4-[a-z0-9]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['ref-4-goodfellow2016deep', 'ref-4-he2016resnet', 'ref-4-lin2014nin', 'ref-4-srivastava2014dropout']);
    expect(html).toContain('<a href="https://doi.org/10.1109/CVPR.2016.90" class="reference-url">https://doi.org/10.1109/CVPR.2016.90</a>');
    expect(html).toContain('<i>Journal of Machine Learning Research</i>, <i>15</i>(56), 1929–1958.');
  });

  it('leaves non-citations alone: code, links, brackets without @', async () => {
    const html = await render('`[@lin2014nin]` and [see](https://example.org) and [a, b] and email me@example.org.');
    expect(html).not.toContain('class="citation"');
    expect(html).not.toContain('References');
  });

  it('fails on an unknown key, naming the file and the key', async () => {
    await expect(render('As shown [@nobody2020].', { frontmatter: fm })).rejects.toThrow(`${FILE}:1: unknown citation key "nobody2020"`);
  });

  it('fails when a chapter cites a work its frontmatter `references` does not list', async () => {
    await expect(render('Text [@zhou2016cam].', { frontmatter: fm })).rejects.toThrow(
      /04-test\.mdx: cites "zhou2016cam" but the frontmatter `references` does not list it/,
    );
  });

  it('fails when the frontmatter lists a key the bibliography lacks', async () => {
    await expect(render('Text.', { frontmatter: { chapter: 4, references: ['ghost2021'] } })).rejects.toThrow(
      /lists "ghost2021", which is not in content\/references\.bib/,
    );
  });

  it('lets pages that are not chapters cite without a `references` list', async () => {
    const html = await render('GAP [@lin2014nin].', { file: 'pages/glossary.mdx', frontmatter: {} });
    expect(html).toContain('href="#ref-glossary-lin2014nin"');
    expect(html).toContain('<li id="ref-glossary-lin2014nin"');
  });
});

describe('exercises and figures: authoring mistakes', () => {
  it('needs a title and a difficulty', async () => {
    await expect(render('<Exercise difficulty={1}>x</Exercise>')).rejects.toThrow(/04-test\.mdx:1: <Exercise> needs a title/);
    await expect(render('<Exercise title="T" difficulty={5}>x</Exercise>')).rejects.toThrow(/needs difficulty=\{1\}, \{2\} or \{3\}/);
  });

  it('keeps hints and solutions inside exercises, and exercises inside chapters', async () => {
    await expect(render('<Hint>x</Hint>')).rejects.toThrow(/<Hint> belongs inside an <Exercise>/);
    await expect(render('<Exercise title="T" difficulty={1}>x</Exercise>', { file: 'pages/notes.mdx', frontmatter: {} })).rejects.toThrow(
      /only a chapter .* can hold exercises/,
    );
  });

  it('needs an id on <Figure> and a caption on anything numbered', async () => {
    await expect(render('<Figure caption="c">x</Figure>')).rejects.toThrow(/<Figure> needs an id="fig:…"/);
    await expect(render('<Widget id="fig:w" />')).rejects.toThrow(/<Widget id="fig:w"> needs a caption/);
  });
});

describe('components', () => {
  it('imports the apparatus components a page uses without importing them, and the client script', async () => {
    const tree = await transform('<Exercise title="T" difficulty={1}>x</Exercise>\n\n$$\na\n$$\n', {
      options: { components: '/abs/components' },
    });
    const esm = tree.children.filter((n) => n.type === 'mdxjsEsm').map((n) => (n as { value: string }).value);
    expect(esm).toEqual([
      'import Exercise from "/abs/components/Exercise.astro";',
      'import ApparatusScript from "/abs/components/ApparatusScript.astro";',
    ]);
    expect(tree.children.at(-1)).toMatchObject({ type: 'mdxJsxFlowElement', name: 'ApparatusScript' });
  });

  it('does not import a component the page imports itself', async () => {
    const tree = await transform('import Exercise from \'./mine.astro\';\n\n<Exercise title="T" difficulty={1}>x</Exercise>\n', {
      options: { components: '/abs/components' },
    });
    const esm = tree.children.filter((n) => n.type === 'mdxjsEsm').map((n) => (n as { value: string }).value);
    expect(esm).toEqual(["import Exercise from './mine.astro';"]);
  });

  it('leaves files outside content/ alone', async () => {
    const html = await render('## Heading\n\n[](#eq:nowhere)', { file: '../../outside.mdx' });
    expect(html).toContain('<a href="#eq:nowhere"></a>');
  });
});
