/** content/references.bib and the citation formatting (citation-js, APA). */
import { readFileSync } from 'node:fs';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { parseMdx } from '../../../src/apparatus/book-index';
import { mdxFiles } from '../../../src/listings/check';
import { Bibliography, findCitations, loadBibliography, parseCitation, parseLocator } from '../../../src/apparatus/bibliography';

const bib = loadBibliography('content/references.bib');

describe('the book’s bibliography', () => {
  it('has every primary source of the reference notes, with full data', () => {
    expect(bib.keys.sort()).toEqual(
      [
        'dumoulin2016guide',
        'gal2016dropout',
        'goodfellow2016deep',
        'he2016resnet',
        'hinton2012improving',
        'ioffe2015batchnorm',
        'krizhevsky2012imagenet',
        'lecun1998gradient',
        'li2019understanding',
        'lin2014nin',
        'long2015fcn',
        'loshchilov2019adamw',
        'simard2003best',
        'simonyan2015vgg',
        'srivastava2014dropout',
        'tompson2015efficient',
        'zhou2016cam',
      ].sort(),
    );
    const item = (key: string) => bib.items.get(key) as Record<string, unknown>;
    expect(item('srivastava2014dropout')).toMatchObject({
      volume: '15',
      issue: '56',
      page: '1929-1958',
      'container-title': 'Journal of Machine Learning Research',
    });
    expect(item('zhou2016cam')).toMatchObject({ DOI: '10.1109/CVPR.2016.319', page: '2921-2929' });
    expect(item('lecun1998gradient')).toMatchObject({ DOI: '10.1109/5.726791', volume: '86', issue: '11', page: '2278-2324' });
    expect(item('he2016resnet')).toMatchObject({ DOI: '10.1109/CVPR.2016.90', page: '770-778' });
    expect(item('long2015fcn')).toMatchObject({ DOI: '10.1109/CVPR.2015.7298965', page: '3431-3440' });
    expect(item('krizhevsky2012imagenet')).toMatchObject({ page: '1097-1105' });
    expect(item('ioffe2015batchnorm')).toMatchObject({ volume: '37', page: '448-456' });
    expect(item('goodfellow2016deep')).toMatchObject({ ISBN: '978-0-262-03561-3', publisher: 'MIT Press' });
    expect(item('lin2014nin').URL).toBe('https://arxiv.org/abs/1312.4400');
    expect(item('simonyan2015vgg').URL).toBe('https://arxiv.org/abs/1409.1556');
    expect(item('dumoulin2016guide').URL).toBe('https://arxiv.org/abs/1603.07285');
    // Added for the expert review (issue 16); each against its publisher's or arXiv's record.
    expect(item('hinton2012improving').URL).toBe('https://arxiv.org/abs/1207.0580');
    expect((item('hinton2012improving').author as { family: string }[]).map((a) => a.family)).toEqual([
      'Hinton',
      'Srivastava',
      'Krizhevsky',
      'Sutskever',
      'Salakhutdinov',
    ]);
    expect(item('tompson2015efficient')).toMatchObject({ DOI: '10.1109/CVPR.2015.7298664', page: '648-656' });
    expect((item('tompson2015efficient').author as { family: string }[]).map((a) => a.family)).toEqual([
      'Tompson',
      'Goroshin',
      'Jain',
      'LeCun',
      'Bregler',
    ]);
    expect(item('li2019understanding')).toMatchObject({ DOI: '10.1109/CVPR.2019.00279', page: '2682-2690' });
    expect((item('li2019understanding').author as { family: string }[]).map((a) => a.family)).toEqual(['Li', 'Chen', 'Hu', 'Yang']);
    expect(item('gal2016dropout')).toMatchObject({ volume: '48', page: '1050-1059', URL: 'https://proceedings.mlr.press/v48/gal16.html' });
    expect(item('simard2003best')).toMatchObject({ DOI: '10.1109/ICDAR.2003.1227801', page: '958-963' });
    expect((item('simard2003best').author as { family: string }[]).map((a) => a.family)).toEqual(['Simard', 'Steinkraus', 'Platt']);
    for (const key of bib.keys) {
      expect(item(key).title, key).toBeTruthy();
      expect((item(key).author as unknown[]).length, key).toBeGreaterThan(0);
      expect((item(key).issued as { 'date-parts': number[][] })['date-parts'][0]?.[0], key).toBeGreaterThan(1990);
    }
  });

  it('formats author–year citations', () => {
    const scope = bib.keys;
    expect(bib.citation({ key: 'lin2014nin' }, scope)).toBe('Lin et al., 2014');
    expect(bib.citation({ key: 'dumoulin2016guide' }, scope)).toBe('Dumoulin & Visin, 2016');
    expect(bib.citation({ key: 'goodfellow2016deep', locator: '330', label: 'page' }, scope)).toBe('Goodfellow et al., 2016, p. 330');
    expect(bib.citation({ key: 'lecun1998gradient', suppressAuthor: true }, scope)).toBe('1998');
  });

  it('formats APA reference entries, as HTML and as text', () => {
    const [entry] = bib.entries(['lecun1998gradient']);
    expect(entry?.text).toBe(
      'LeCun, Y., Bottou, L., Bengio, Y., & Haffner, P. (1998). Gradient-based learning applied to document recognition. Proceedings of the IEEE, 86(11), 2278–2324. https://doi.org/10.1109/5.726791',
    );
    expect(entry?.html).toContain('<i>Proceedings of the IEEE</i>');
  });

  it('rejects duplicate and malformed keys', () => {
    expect(() => Bibliography.fromBibtex('@misc{a2020, title={A}}\n@misc{a2020, title={B}}')).toThrow(/"a2020" appears twice/);
    expect(() => Bibliography.fromBibtex('@misc{Smith2020, title={A}}')).toThrow(/"Smith2020" must match/);
  });
});

describe('citation syntax', () => {
  it('parses [@key], [@a; @b], [@key, p. 3] and [-@key]', () => {
    expect(parseCitation('@lin2014nin')).toEqual([{ key: 'lin2014nin' }]);
    expect(parseCitation('@a; @b')).toEqual([{ key: 'a' }, { key: 'b' }]);
    expect(parseCitation('@a, p. 3')).toEqual([{ key: 'a', locator: '3', label: 'page' }]);
    expect(parseCitation('@a, pp. 3–5')).toEqual([{ key: 'a', locator: '3–5', label: 'page' }]);
    expect(parseCitation('-@a')).toEqual([{ key: 'a', suppressAuthor: true }]);
    expect(parseCitation('see @a')).toBeUndefined();
    expect(parseCitation('a, b')).toBeUndefined();
  });

  it('reads locator labels', () => {
    expect(parseLocator('sec. 3.2')).toEqual({ locator: '3.2', label: 'section' });
    expect(parseLocator('Table 5')).toEqual({ locator: '5', label: 'table' });
    expect(parseLocator('ch. 4')).toEqual({ locator: '4', label: 'chapter' });
    expect(parseLocator('12')).toEqual({ locator: '12', label: 'page' });
  });

  it('finds citations in text, and nothing else', () => {
    const text = 'As [@a] and [@b; @c, p. 2] show, [a] and [x@y] are not citations.';
    expect(findCitations(text).map((c) => text.slice(c.start, c.end))).toEqual(['[@a]', '[@b; @c, p. 2]']);
  });
});

describe('citations written by hand', () => {
  /**
   * Author–year citations typed into the prose ("Simard et al. (2003)", "Gal and
   * Ghahramani, 2016") instead of `[@key]`: each must name a work of the bibliography,
   * by its first author's family name (and the second's, for two authors) and its year.
   */
  const HAND_CITATION = /\b(\p{Lu}[\p{L}'’-]+)(?: et al\.| (?:and|&) (\p{Lu}[\p{L}'’-]+))(?:,| \(| ,)\s*((?:19|20)\d\d)\b/gu;

  function handCitations(text: string): { first: string; second?: string; year: number; text: string }[] {
    return [...text.matchAll(HAND_CITATION)].map((m) => ({ first: m[1]!, second: m[2], year: Number(m[3]), text: m[0] }));
  }

  function inBibliography(c: { first: string; second?: string; year: number }): boolean {
    return bib.keys.some((key) => {
      const item = bib.items.get(key) as { author?: { family?: string }[]; issued?: { 'date-parts': number[][] } };
      const authors = (item.author ?? []).map((a) => a.family);
      const year = item.issued?.['date-parts'][0]?.[0];
      return year === c.year && authors[0] === c.first && (c.second === undefined || authors[1] === c.second);
    });
  }

  it('finds them, and knows the book’s works (the check itself)', () => {
    const found = handCitations('as Simard et al. (2003) and Gal and Ghahramani, 2016 showed; in 2012, AlexNet (2012)');
    expect(found.map((c) => c.text)).toEqual(['Simard et al. (2003', 'Gal and Ghahramani, 2016']);
    expect(found.map(inBibliography)).toEqual([true, true]);
    expect(inBibliography({ first: 'Simard', year: 2004 })).toBe(false);
  });

  const pages = mdxFiles('content').map((file) => ({ file, tree: parseMdx(readFileSync(file, 'utf8')) }));
  it('reads the book', () => expect(pages.length).toBeGreaterThan(8));
  for (const { file, tree } of pages) {
    it(`${file}: every one has an entry in content/references.bib`, () => {
      const missing: string[] = [];
      visit(tree, 'text', (node: { value: string; position?: { start: { line: number } } }) => {
        for (const c of handCitations(node.value)) if (!inBibliography(c)) missing.push(`line ${node.position?.start.line}: ${c.text}`);
      });
      expect(missing).toEqual([]);
    });
  }
});
