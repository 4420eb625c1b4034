/** content/references.bib and the citation formatting (citation-js, APA). */
import { describe, expect, it } from 'vitest';
import { Bibliography, findCitations, loadBibliography, parseCitation, parseLocator } from '../../../src/apparatus/bibliography';

const bib = loadBibliography('content/references.bib');

describe('the book’s bibliography', () => {
  it('has every primary source of the reference notes, with full data', () => {
    expect(bib.keys.sort()).toEqual(
      [
        'dumoulin2016guide',
        'goodfellow2016deep',
        'he2016resnet',
        'ioffe2015batchnorm',
        'krizhevsky2012imagenet',
        'lecun1998gradient',
        'lin2014nin',
        'long2015fcn',
        'loshchilov2019adamw',
        'simonyan2015vgg',
        'srivastava2014dropout',
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
