/** The inspector widget's DOM-free parts: URL state, HTML rendering, examples. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeState, encodeState } from '../../../src/components/inspector/state';
import { escapeHtml } from '../../../src/components/islands/html';
import { renderErrors, renderTable } from '../../../src/components/inspector/render';
import { examples } from '../../../src/components/inspector/examples';
import { inspect } from '../../../src/lib/inspector';

describe('URL state', () => {
  it('round-trips any code and input, including non-ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (code, input) => {
        const decoded = decodeState(encodeState({ example: null, code, input }));
        expect(decoded.code).toBe(code);
        expect(decoded.input).toBe(input);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps an unedited example short', () => {
    expect(encodeState({ example: 'vgg16', code: 'ignored', input: '3,224,224' })).toBe('#example=vgg16&input=3%2C224%2C224');
  });

  it('reports a damaged code= part instead of throwing', () => {
    const decoded = decodeState('#code=%%%not-base64&input=1,28,28');
    expect(decoded.code).toBeUndefined();
    expect(decoded.problem).toMatch(/could not be read/);
    expect(decoded.input).toBe('1,28,28');
  });
});

describe('rendering', () => {
  it('escapes everything taken from the reader', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;');
    const report = inspect('nn.Sequential(nn.Flatten(), <script>alert(1)</script>)', '1,2,2');
    expect(renderErrors(report.errors)).not.toContain('<script>');
    expect(renderTable(report)).not.toContain('<script>');
  });

  it('puts each layer in a row and the total in the footer', () => {
    // Flatten then Linear(4, 3): 4·3 + 3 = 15 parameters.
    const html = renderTable(inspect('nn.Sequential(nn.Flatten(), nn.Linear(4, 3))', '1,2,2'));
    expect(html.match(/<tr class="status-ok">/g)).toHaveLength(2);
    expect(html).toMatch(/<tfoot>.*>15<\/td>/s);
  });
});

describe('examples', () => {
  it('every example loads and has a source', () => {
    expect(examples.map((e) => e.id)).toEqual(['lenet5', 'alexnet', 'vgg16', 'mnist-cnn', 'gap-head', 'small-cnn', 'small-cnn-gap']);
    for (const e of examples) expect(e.source.length).toBeGreaterThan(50);
  });

  it('only the example built to show the mistake has an error', () => {
    for (const e of examples) {
      const report = inspect(e.source, e.input);
      expect(report.ok, `${e.id}: ${report.errors.map((x) => x.message).join('; ')}`).toBe(e.id !== 'mnist-cnn');
    }
  });
});

describe('inline code in messages', () => {
  it('shows backticked names as code, after escaping', async () => {
    const { textWithCode } = await import('../../../src/components/inspector/render');
    expect(textWithCode('after layer `5` (<MaxPool2d>)')).toBe('after layer <code>5</code> (&lt;MaxPool2d&gt;)');
  });
});

describe('the widget’s words', () => {
  it('writes the status line for no errors, with or without the count, and for errors', async () => {
    const { statusText } = await import('../../../src/components/inspector/render');
    const fine = inspect('nn.Sequential(nn.Flatten(), nn.Linear(4, 3))', '1,2,2');
    expect(statusText(fine, false)).toBe('No errors.');
    expect(statusText(fine, true)).toBe('No errors. 15 parameters.');
    const broken = inspect('nn.Sequential(nn.Flatten(), nn.Linear(5, 3))', '1,2,2');
    expect(statusText(broken, true)).toMatch(/^1 error — see below\.$/);
  });

  it('takes every word of the report from the string table', async () => {
    const { renderErrors: errorsIn, renderSummary, renderTable: tableIn } = await import('../../../src/components/inspector/render');
    const { inspectorStrings } = await import('../../../src/components/inspector/strings');
    const t = {
      ...inspectorStrings.en,
      headers: { ...inspectorStrings.en.headers, macs: 'MAC<s>' },
      goto: () => 'Go',
      parameters: (n: string) => `${n} params`,
    };
    const report = inspect('nn.Sequential(\n  nn.Flatten(),\n  nn.Linear(5, 3))', '1,2,2');
    expect(tableIn(report, t)).toContain('<th scope="col" class="num">MAC&lt;s&gt;</th>');
    expect(errorsIn(report.errors, t)).toContain('>Go</button>');
    expect(renderSummary(report, t)).toMatch(/<strong>[\d,]+<\/strong> params/);
  });
});
