import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/lib/inspector/lexer';
import { MAX_NESTING, detectFormat, parseCode, parsePrint } from '../../../src/lib/inspector/parser';
import { isKnownClassName, isKnownLayer } from '../../../src/lib/inspector/modules';
import { SourceError, type ModuleNode, type Value } from '../../../src/lib/inspector/source';

function model(source: string): ModuleNode {
  const m = parseCode(source, isKnownLayer).model;
  if (m === null) throw new Error('no model');
  return m;
}

/** The value of the first argument of the first layer of `nn.Sequential(nn.Linear(<expr>, 1))`. */
function evalExpr(expr: string): Value {
  const node = model(`nn.Linear(${expr}, 1)`);
  return (node.args[0] as { value: Value }).value;
}

function sourceError(fn: () => unknown): SourceError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
  throw new Error('expected a SourceError');
}

describe('tokenize', () => {
  it('gives 1-based lines and columns and skips comments', () => {
    const toks = tokenize('a = 1  # one\n  nn.Linear(2,\n 3)');
    const simple = toks.map((t) => [t.type, t.text, t.line, t.column]);
    expect(simple).toEqual([
      ['name', 'a', 1, 1],
      ['op', '=', 1, 3],
      ['number', '1', 1, 5],
      ['newline', '\n', 1, 13],
      ['name', 'nn', 2, 3],
      ['op', '.', 2, 5],
      ['name', 'Linear', 2, 6],
      ['op', '(', 2, 12],
      ['number', '2', 2, 13],
      ['op', ',', 2, 14],
      // no newline token inside brackets (implicit line joining)
      ['number', '3', 3, 2],
      ['op', ')', 3, 3],
      ['newline', '', 3, 4],
      ['eof', '', 3, 4],
    ]);
  });

  it('reads numbers, strings and the longest operator', () => {
    const toks = tokenize('1e-05 0.5 .5 5. 0x1F 1_000 \'same\' "a\\"b" // ** -');
    expect(toks.filter((t) => t.type !== 'newline' && t.type !== 'eof').map((t) => [t.type, t.value ?? t.text])).toEqual([
      ['number', '1e-05'],
      ['number', '0.5'],
      ['number', '.5'],
      ['number', '5.'],
      ['number', '0x1F'],
      ['number', '1_000'],
      ['string', 'same'],
      ['string', 'a"b'],
      ['op', '//'],
      ['op', '**'],
      ['op', '-'],
    ]);
  });

  it('joins lines ending in a backslash', () => {
    const toks = tokenize('x = 1 + \\\n  2');
    expect(toks.filter((t) => t.type === 'newline')).toHaveLength(1);
    expect(toks.find((t) => t.text === '2')).toMatchObject({ line: 2, column: 3 });
  });

  it('turns unknown characters and open strings into error tokens', () => {
    const toks = tokenize("a × 'open");
    expect(toks.filter((t) => t.type === 'error').map((t) => t.value)).toEqual(["unexpected character '×'", 'this string is never closed']);
  });
});

describe('parseCode: expressions', () => {
  it('evaluates integer arithmetic with Python semantics', () => {
    expect(evalExpr('64 * 7 * 7')).toMatchObject({ t: 'int', v: 3136 });
    expect(evalExpr('(28 - 3 + 1) // 2')).toMatchObject({ t: 'int', v: 13 });
    expect(evalExpr('-7 // 2')).toMatchObject({ t: 'int', v: -4 }); // floor, not truncation
    expect(evalExpr('-7 % 3')).toMatchObject({ t: 'int', v: 2 }); // sign of the divisor
    expect(evalExpr('2 ** 3 ** 2')).toMatchObject({ t: 'int', v: 512 }); // right-associative
    expect(evalExpr('-2 ** 2')).toMatchObject({ t: 'int', v: -4 }); // ** binds tighter than unary minus
    expect(evalExpr('3136 / 1')).toMatchObject({ t: 'float', v: 3136 }); // true division gives a float
    expect(evalExpr('0x10 + 1_000')).toMatchObject({ t: 'int', v: 1016 });
  });

  it('reads tuples, lists, booleans, None and strings', () => {
    expect(evalExpr('(3, 5)')).toMatchObject({ t: 'tuple', items: [{ v: 3 }, { v: 5 }] });
    expect(evalExpr('(3,)')).toMatchObject({ t: 'tuple', items: [{ v: 3 }] });
    expect(evalExpr('(3)')).toMatchObject({ t: 'int', v: 3 });
    expect(evalExpr('[1, 2,]')).toMatchObject({ t: 'list', items: [{ v: 1 }, { v: 2 }] });
    expect(evalExpr('True')).toMatchObject({ t: 'bool', v: true });
    expect(evalExpr('None')).toMatchObject({ t: 'none' });
    expect(evalExpr("'sa' 'me'")).toMatchObject({ t: 'str', v: 'same' });
  });

  it('substitutes names assigned earlier', () => {
    const node = model('k = 3\nch = (16, 32)\nnn.Conv2d(ch, k)');
    expect(node.args.map((a) => a.value)).toMatchObject([{ t: 'tuple' }, { t: 'int', v: 3 }]);
  });

  it('flags integers beyond 2^53 − 1 and huge powers without hanging', () => {
    expect(sourceError(() => evalExpr('9007199254740992')).code).toBe('unsafe-integer');
    expect(sourceError(() => evalExpr('2 ** 100000000')).code).toBe('unsafe-integer');
    expect(sourceError(() => evalExpr('99999999 * 99999999 * 99999999')).code).toBe('unsafe-integer');
    expect(evalExpr('9007199254740991')).toMatchObject({ t: 'int', v: 9007199254740991 });
  });

  it('reports undefined names and bad operands', () => {
    const e = sourceError(() => evalExpr('n_features * 2'));
    expect(e.message).toBe("name 'n_features' is not defined");
    expect(e.span).toMatchObject({ line: 1, column: 11 });
    expect(sourceError(() => evalExpr("'a' * 2")).message).toMatch(/unsupported operand types for \*/);
    expect(sourceError(() => evalExpr('1 // 0')).message).toBe('division by zero');
  });
});

describe('parseCode: models', () => {
  it('takes the last nn.Sequential, with any prefix, skipping imports and other statements', () => {
    const node = model(
      'import torch\nimport torch.nn as nn\nfrom torch.nn import (Conv2d,\n  ReLU)\nfirst = nn.Sequential(nn.ReLU())\n' +
        'model = torch.nn.Sequential(\n  Conv2d(1, 2, 3),  # a comment, then a trailing comma\n  nn.ReLU(),\n).to(device)\nprint(model)\n',
    );
    expect(node.children?.map((c) => [c.name, c.node.callee, c.node.span.line, c.node.span.column])).toEqual([
      ['0', 'Conv2d', 7, 3],
      ['1', 'nn.ReLU', 8, 3],
    ]);
    expect(node.children?.[0]?.node.argsText).toBe('1, 2, 3');
  });

  it('reads nested Sequential and OrderedDict names', () => {
    const node = model(
      "from collections import OrderedDict\nnet = nn.Sequential(OrderedDict([\n  ('conv1', nn.Conv2d(1, 6, 5)),\n  ('block', nn.Sequential(nn.ReLU(), nn.MaxPool2d(2))),\n]))",
    );
    expect(node.children?.map((c) => c.name)).toEqual(['conv1', 'block']);
    expect(node.children?.[1]?.node.children?.map((c) => c.name)).toEqual(['0', '1']);
  });

  it('spreads *lists into nn.Sequential', () => {
    const node = model('layers = [nn.Flatten(), nn.Linear(784, 10)]\nmodel = nn.Sequential(*layers, nn.Softmax(dim=1))');
    expect(node.children?.map((c) => c.node.className)).toEqual(['Flatten', 'Linear', 'Softmax']);
  });

  it('falls back to a lone known layer, and to null when there is none', () => {
    expect(model('nn.Linear(784, 10)').className).toBe('Linear');
    expect(parseCode('x = 3\nprint(x)', isKnownLayer).model).toBeNull();
  });

  it('gives syntax errors with the place and what was expected', () => {
    const e = sourceError(() =>
      parseCode('model = nn.Sequential(\n    nn.Conv2d(1, 32, 3),\n    nn.ReLU()\n    nn.Flatten(),\n)', isKnownLayer),
    );
    expect(e.code).toBe('syntax-error');
    expect(e.message).toBe("expected ')' or ',' after argument, found 'nn'");
    expect(e.span).toMatchObject({ line: 4, column: 5 });

    const open = sourceError(() => parseCode('nn.Sequential(nn.ReLU()', isKnownLayer));
    expect(open.message).toBe("expected ')' or ',' after argument, found the end of the text");

    const kw = sourceError(() => parseCode('nn.Linear(in_features=3, 4)', isKnownLayer));
    expect(kw.message).toBe('positional argument follows keyword argument');
    expect(kw.span).toMatchObject({ line: 1, column: 26 });
  });

  it('refuses class definitions, comprehensions and dict literals with a specific message', () => {
    expect(sourceError(() => parseCode('class Net(nn.Module):\n    pass', isKnownLayer)).code).toBe('unsupported-syntax');
    expect(sourceError(() => parseCode('nn.Sequential(*[nn.ReLU() for _ in range(3)])', isKnownLayer)).message).toMatch(/comprehensions/);
    expect(sourceError(() => parseCode('nn.Sequential({})', isKnownLayer)).message).toMatch(/dict/);
  });

  it(`caps nesting at ${MAX_NESTING} levels`, () => {
    const deep = `${'nn.Sequential('.repeat(MAX_NESTING + 5)}nn.ReLU()${')'.repeat(MAX_NESTING + 5)}`;
    expect(sourceError(() => parseCode(deep, isKnownLayer)).code).toBe('nesting-too-deep');
    const parens = `nn.Linear(${'('.repeat(10_000)}1${')'.repeat(10_000)}, 2)`;
    expect(sourceError(() => parseCode(parens, isKnownLayer)).code).toBe('nesting-too-deep');
  });
});

describe('parsePrint', () => {
  const text = [
    'Net(',
    '  (features): Sequential(',
    '    (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=same)',
    '    (1): ReLU(inplace=True)',
    '  )',
    '  (head): Linear(in_features=8, out_features=2, bias=True)',
    ')',
  ].join('\n');

  it('reads named children, extra_repr arguments and bare words as strings', () => {
    const root = parsePrint(text, isKnownClassName);
    expect(root.className).toBe('Net');
    expect(root.children?.map((c) => c.name)).toEqual(['features', 'head']);
    const conv = root.children?.[0]?.node.children?.[0]?.node as ModuleNode;
    expect(conv.span).toMatchObject({ line: 3, column: 10 });
    expect(conv.args.find((a) => a.keyword === 'padding')?.value).toMatchObject({ t: 'str', v: 'same' });
    expect(conv.argsText).toBe('3, 8, kernel_size=(3, 3), stride=(1, 1), padding=same');
  });

  it('skips the arguments of unknown modules whatever they contain', () => {
    const root = parsePrint(
      'Net(\n  (rnn): LSTM(10, 20, num_layers=2 <weird> !)\n  (fc): Linear(in_features=20, out_features=1, bias=True)\n)',
      isKnownClassName,
    );
    expect(root.children?.[0]?.node).toMatchObject({ className: 'LSTM', unparsedArgs: true });
    expect(root.children?.[1]?.node.className).toBe('Linear');
  });

  it('gives syntax errors at the place', () => {
    const e = sourceError(() => parsePrint('Net(\n  (fc): Linear(in_features=20 out_features=1)\n)', isKnownClassName));
    // `  (fc): Linear(in_features=20 out_features=1)`: 'out_features' starts at column 31.
    expect(e.span).toMatchObject({ line: 2, column: 31 });
    expect(e.message).toBe("expected ')' or ',' after argument, found 'out_features'");
  });

  it('tolerates a leading print(model) line', () => {
    expect(parsePrint('>>> print(model)\nSequential(\n  (0): ReLU()\n)', isKnownClassName).children).toHaveLength(1);
  });
});

describe('detectFormat', () => {
  it('recognises print(model) text by its (name): lines', () => {
    expect(detectFormat('AlexNet(\n  (features): Sequential(\n')).toBe('print');
    expect(detectFormat('Sequential(\n  (0): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1))\n)')).toBe('print');
    expect(detectFormat('model = nn.Sequential(\n  nn.Conv2d(1, 2, 3),\n)')).toBe('code');
    expect(detectFormat('nn.Sequential(\n    # (0): a comment\n    nn.ReLU())')).toBe('code');
  });
});
