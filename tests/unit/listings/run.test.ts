/** The listings' runtime in Node: output, values, tensors, errors at the reader's line, the sandbox. */
import { describe, expect, it } from 'vitest';
import { describeError, outputText, runListing, sourceImports, warmUp } from '../../../src/listings/run';

describe('runListing', () => {
  it('prints console lines and the returned value', async () => {
    const r = await runListing("console.log('a', 1, [2, 3], { b: 'c' });\nconsole.warn('w');\nreturn 6 * 7;", 'js');
    expect(r.lines).toEqual([
      { kind: 'log', text: "a 1 [2, 3] { b: 'c' }" },
      { kind: 'warn', text: 'w' },
      { kind: 'value', text: '=> 42' },
    ]);
    expect(r.error).toBeUndefined();
  });

  it('strips TypeScript types and supports top-level await', async () => {
    const r = await runListing(
      'interface P { x: number }\nconst p: P = { x: await Promise.resolve(3) };\nconsole.log(p.x as number);',
      'ts',
    );
    expect(outputText(r)).toBe('3');
  });

  it('imports the book library and TensorFlow.js, prints tensors with their shape and disposes them', async () => {
    const r = await runListing(
      "import * as tf from '@tensorflow/tfjs';\nimport { outputShape } from 'book';\n" +
        "console.log(outputShape({ kind: 'Flatten', startDim: 1, endDim: -1 }, [2, 3, 4, 5]));\n" +
        'const t = tf.tensor2d([1, 2.5, -0, 4], [2, 2]);\nconsole.log(t.add(t));\nreturn t.sum();',
      'ts',
    );
    expect(outputText(r)).toBe('[2, 60]\nTensor float32 [2, 2]\n[[2, 5], [0, 8]]\n=> Tensor float32 []\n7.5');
    expect(r.tensorsLeft).toBe(0);
  });

  it.each([
    ['a runtime error in TypeScript', 'const a = 1;\n\nconst b = (a as any).c.d;', 'ts', { name: 'TypeError', line: 3 }],
    ['a runtime error (JavaScript: with the column)', 'const a = 1;\n\nconst b = a.c.d;', 'js', { name: 'TypeError', line: 3, column: 15 }],
    ['an error on the first line', 'null.x;', 'js', { name: 'TypeError', line: 1, column: 6 }],
    [
      'a thrown Error after imports',
      "import * as tf from '@tensorflow/tfjs';\nconst x = tf.zeros([2]);\n\nthrow new Error('boom');",
      'ts',
      { name: 'Error', line: 4, message: 'boom' },
    ],
    ['an error after await', 'await 0;\nawait 0;\nundefinedName;', 'js', { name: 'ReferenceError', line: 3 }],
    ['a syntax error', 'const a = 1;\nconst = 2;', 'js', { name: 'SyntaxError', line: 2 }],
    ['a refused import', "const a = 1;\nimport fs from 'node:fs';\nconsole.log(fs);", 'js', { name: 'ImportError', line: 2 }],
  ])("reports %s at the line in the reader's code", async (_what, code, lang, expected) => {
    const r = await runListing(code, lang as 'ts' | 'js');
    expect(r.error).toMatchObject(expected);
  });

  it('gives no column for TypeScript runtime errors (sucrase keeps lines, not columns)', async () => {
    const r = await runListing('const a = 1;\nconst b = (a as any).c.d;', 'ts');
    expect(r.error?.line).toBe(2);
    expect(r.error && 'column' in r.error).toBe(false);
  });

  it('names the allowed modules when an import is refused', async () => {
    const r = await runListing("import fs from 'fs';", 'js');
    expect(r.error?.message).toBe(
      "listings cannot import 'fs'; they can import '@tensorflow/tfjs', 'book', 'book/layers', 'book/shapes', 'book/reference', 'book/rng'",
    );
  });

  it('blocks the network', async () => {
    const r = await runListing("await fetch('https://example.com/');", 'js');
    expect(r.error?.message).toMatch(/^fetch\('https:\/\/example\.com\/'\) is blocked: listings run without network access$/);
    const x = await runListing('new XMLHttpRequest();', 'js');
    expect(x.error?.message).toMatch(/XMLHttpRequest is blocked/);
  });

  it('keeps output printed before an error', async () => {
    const r = await runListing("console.log('before');\nthrow new RangeError('bad');", 'js');
    expect(outputText(r)).toBe('before\nRangeError on line 2, column 7: bad');
  });

  it('reports a thrown non-Error value', async () => {
    const r = await runListing("throw 'text';", 'js');
    expect(describeError(r.error!)).toBe("Error: the code threw 'text', which is not an Error");
  });

  it('describes plot calls in the output', async () => {
    const r = await runListing('plot([1, 4, 9], "squares");\nplot([[0, 1], [2, -1]]);', 'js');
    expect(outputText(r)).toBe('[plot "squares": 3 points, x from 0 to 2, y from 1 to 9]\n[plot: 2 points, x from 0 to 2, y from -1 to 1]');
    expect(r.plots[0]?.points).toEqual([
      { x: 0, y: 1 },
      { x: 1, y: 4 },
      { x: 2, y: 9 },
    ]);
    const bad = await runListing("plot([1, 'two']);", 'js');
    expect(bad.error).toMatchObject({
      name: 'TypeError',
      line: 1,
      message: "plot(points): entry 1 is 'two', not a number, an [x, y] pair or an { x, y } object",
    });
  });
});

describe('warmUp (the listing worker, when a reader starts using a listing)', () => {
  it('loads what the code imports but runs none of it', async () => {
    const code = "import * as tf from '@tensorflow/tfjs';\n(globalThis as Record<string, unknown>).warmUpRan = tf.version_core;";
    await warmUp(code, 'ts');
    expect((globalThis as Record<string, unknown>)['warmUpRan']).toBeUndefined();
    const r = await runListing(code, 'ts');
    expect(r.error).toBeUndefined();
    expect((globalThis as Record<string, unknown>)['warmUpRan']).toMatch(/^\d+\.\d+/);
    delete (globalThis as Record<string, unknown>)['warmUpRan'];
  });

  it('leaves errors to the run: a syntax error or a refused import does not throw', async () => {
    await expect(warmUp('const = 1;', 'ts')).resolves.toBeUndefined();
    await expect(warmUp("import fs from 'node:fs';", 'js')).resolves.toBeUndefined();
  });

  it('can overlap a run of the same code: the run still prints its own warnings', async () => {
    const code = "import * as tf from '@tensorflow/tfjs';\nconsole.warn('careful');\nconsole.log(tf.scalar(2).mul(3).dataSync()[0]);";
    const [, r] = await Promise.all([warmUp(code, 'ts'), runListing(code, 'ts')]);
    expect(r.lines).toEqual([
      { kind: 'warn', text: 'careful' },
      { kind: 'log', text: '6' },
    ]);
  });
});

describe("sourceImports (loading a listing's modules while the transpiler loads)", () => {
  it('finds the allow-listed modules a listing imports, once each, and nothing else', () => {
    const code = [
      "import * as tf from '@tensorflow/tfjs';",
      'import { outputShape } from "book/shapes";',
      "import { conv2d } from 'book/shapes';",
      "import fs from 'node:fs';",
      // Text that only looks like an import is found too: a needless load, never a wrong run.
      'const s = \'from "book/rng"\';',
    ].join('\n');
    expect(sourceImports(code)).toEqual(['@tensorflow/tfjs', 'book/shapes', 'book/rng']);
  });
});

describe("the listings' TensorFlow.js", () => {
  it('is the package without WebGL, the converter and tf.data, on the cpu backend', async () => {
    const r = await runListing(
      "import * as tf from '@tensorflow/tfjs';\nconsole.log(tf.getBackend(), typeof tf.layers.dense, typeof tf.grad, typeof tf.tensor([1]).square);",
      'ts',
    );
    expect(r.error).toBeUndefined();
    expect(r.lines).toEqual([{ kind: 'log', text: 'cpu function function function' }]);
  });
});
