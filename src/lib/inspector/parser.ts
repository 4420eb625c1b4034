/**
 * The two parsers.
 *
 * - `parseCode` reads a small Python subset: import lines (skipped), assignments of
 *   numbers, tuples, lists and modules to names, and expressions with calls,
 *   arithmetic (+ − * / // % **), tuples, lists, strings, True/False/None, and
 *   `OrderedDict([...])`. The model is the last `Sequential(...)` value, or else
 *   the last call of a known layer.
 * - `parsePrint` reads the text `print(model)` prints: `Name(` followed by
 *   `(child): Module(...)` lines, or by the module's extra_repr arguments.
 *
 * Both throw `SourceError` (never anything else, barring a bug) and cap nesting.
 */
import { tokenize, type Span, type Token } from './lexer';
import { SourceError, type ArgNode, type ModuleChild, type ModuleNode, type Value, describeValue } from './source';

/** Deepest nesting of brackets or modules accepted before reporting `nesting-too-deep`. */
export const MAX_NESTING = 64;

export type SourceFormat = 'code' | 'print';

/** Module paths that name torch.nn. */
const TORCH_NN_PREFIXES = ['', 'nn.', 'torch.nn.', 'torch.nn.modules.'];

function splitCallee(path: string): { className: string; torchNn: boolean } {
  const dot = path.lastIndexOf('.');
  const className = path.slice(dot + 1);
  const prefix = path.slice(0, dot + 1);
  return { className, torchNn: TORCH_NN_PREFIXES.includes(prefix) || /^torch\.nn\.modules\.[a-z_]+\.$/.test(prefix) };
}

/**
 * Guesses the format: `print(model)` output has lines like `  (name): Module(`.
 */
export function detectFormat(source: string): SourceFormat {
  return /^[ \t]*\([^()\n:]+\):[ \t]*[A-Za-z_]/m.test(source) ? 'print' : 'code';
}

const PY_KEYWORDS_UNSUPPORTED = new Set([
  'class',
  'def',
  'for',
  'while',
  'if',
  'elif',
  'else',
  'with',
  'try',
  'except',
  'finally',
  'return',
  'lambda',
  'async',
  'await',
  'yield',
  'global',
  'nonlocal',
  'del',
  'assert',
  'raise',
  'pass',
  'break',
  'continue',
  'match',
]);

/** Classes whose call is a method on a module returning that module (`.to(device)`). */
const MODULE_METHODS_RETURNING_SELF = new Set(['to', 'cuda', 'cpu', 'eval', 'train', 'float', 'double', 'half', 'requires_grad_']);

function describeToken(tok: Token): string {
  switch (tok.type) {
    case 'eof':
      return 'the end of the text';
    case 'newline':
      return tok.text === '' ? 'the end of the text' : 'the end of the line';
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${tok.text}`;
    case 'name':
      return `'${tok.text}'`;
    case 'error':
      return tok.value ?? `'${tok.text}'`;
    case 'op':
      return `'${tok.text}'`;
  }
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

class Parser {
  protected readonly tokens: Token[];
  protected pos = 0;
  protected depth = 0;

  constructor(
    protected readonly source: string,
    protected readonly mode: SourceFormat,
    tokens: Token[],
  ) {
    this.tokens = tokens;
  }

  protected peek(offset = 0): Token {
    const tokens = this.tokens;
    return tokens[Math.min(this.pos + offset, tokens.length - 1)] as Token;
  }

  protected next(): Token {
    const tok = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos += 1;
    return tok;
  }

  protected prevEnd(): number {
    return this.pos > 0 ? (this.tokens[this.pos - 1] as Token).end : 0;
  }

  protected spanFrom(start: Token): Span {
    return { line: start.line, column: start.column, start: start.start, end: Math.max(start.start, this.prevEnd()) };
  }

  protected isOp(text: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok.type === 'op' && tok.text === text;
  }

  protected fail(expected: string, tok: Token = this.peek()): never {
    if (tok.type === 'error') {
      throw new SourceError('syntax-error', tok.value ?? `unexpected '${tok.text}'`, tok);
    }
    throw new SourceError('syntax-error', `expected ${expected}, found ${describeToken(tok)}`, tok);
  }

  protected expectOp(text: string, expected: string): Token {
    if (!this.isOp(text)) this.fail(expected);
    return this.next();
  }

  protected enter(at: Token): void {
    this.depth += 1;
    if (this.depth > MAX_NESTING) {
      throw new SourceError('nesting-too-deep', `nesting deeper than ${MAX_NESTING} levels is not supported`, at);
    }
  }

  protected leave(): void {
    this.depth -= 1;
  }

  // ---- expressions -------------------------------------------------------------

  parseExpr(): Value {
    const start = this.peek();
    this.enter(start);
    try {
      let left = this.parseTerm();
      while (this.isOp('+') || this.isOp('-')) {
        const op = this.next();
        const right = this.parseTerm();
        left = binary(op, left, right, this.spanFrom(start));
      }
      return left;
    } finally {
      this.leave();
    }
  }

  private parseTerm(): Value {
    const start = this.peek();
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const op = this.next();
      const right = this.parseUnary();
      left = binary(op, left, right, this.spanFrom(start));
    }
    return left;
  }

  private parseUnary(): Value {
    const start = this.peek();
    if (this.isOp('-') || this.isOp('+')) {
      const op = this.next();
      this.enter(op);
      try {
        const operand = this.parseUnary();
        return unary(op, operand, this.spanFrom(start));
      } finally {
        this.leave();
      }
    }
    const base = this.parsePostfix();
    if (this.isOp('**')) {
      const op = this.next();
      this.enter(op);
      try {
        const exponent = this.parseUnary();
        return binary(op, base, exponent, this.spanFrom(start));
      } finally {
        this.leave();
      }
    }
    return base;
  }

  private parsePostfix(): Value {
    const start = this.peek();
    let value = this.parseAtom();
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.peek();
        if (name.type !== 'name') this.fail("a name after '.'");
        this.next();
        const span = this.spanFrom(start);
        if (value.t === 'ref') value = { t: 'ref', path: `${value.path}.${name.text}`, span };
        else if (value.t === 'module' && MODULE_METHODS_RETURNING_SELF.has(name.text) && this.isOp('(')) {
          const open = this.next();
          this.skipBalanced(open);
          value = { ...value, span: this.spanFrom(start) };
        } else value = { t: 'opaque', what: `an attribute (.${name.text})`, span };
      } else if (this.isOp('(')) {
        value = this.parseCall(value, start);
      } else if (this.isOp('[')) {
        const open = this.next();
        this.skipBalanced(open);
        value = { t: 'opaque', what: 'a subscript', span: this.spanFrom(start) };
      } else {
        return value;
      }
    }
  }

  /** Skips to the bracket closing `open` (already consumed). */
  protected skipBalanced(open: Token): void {
    const stack = [CLOSER[open.text] as string];
    while (stack.length > 0) {
      const tok = this.next();
      if (tok.type === 'eof')
        this.fail(`'${stack[stack.length - 1]}' to close the '${open.text}' on line ${open.line}, column ${open.column}`, tok);
      if (tok.type === 'op') {
        const closer = CLOSER[tok.text];
        if (closer !== undefined) stack.push(closer);
        else if (tok.text === ')' || tok.text === ']' || tok.text === '}') {
          if (tok.text !== stack[stack.length - 1]) this.fail(`'${stack[stack.length - 1]}'`, tok);
          stack.pop();
        }
      }
    }
  }

  private parseAtom(): Value {
    const tok = this.peek();
    switch (tok.type) {
      case 'number':
        this.next();
        return parseNumber(tok);
      case 'string': {
        this.next();
        let v = tok.value ?? '';
        // Adjacent string literals concatenate.
        while (this.peek().type === 'string') v += this.next().value ?? '';
        return { t: 'str', v, span: this.spanFrom(tok) };
      }
      case 'name':
        return this.parseName();
      case 'op':
        if (tok.text === '(' || tok.text === '[') return this.parseSequenceLiteral();
        if (tok.text === '{') {
          throw new SourceError(
            'unsupported-syntax',
            'dict and set literals are not supported (nn.Sequential takes an OrderedDict([...]))',
            tok,
          );
        }
        return this.fail('a value');
      default:
        return this.fail('a value');
    }
  }

  private parseName(): Value {
    const tok = this.next();
    const span = this.spanFrom(tok);
    switch (tok.text) {
      case 'True':
        return { t: 'bool', v: true, span };
      case 'False':
        return { t: 'bool', v: false, span };
      case 'None':
        return { t: 'none', span };
      default:
        break;
    }
    if (
      PY_KEYWORDS_UNSUPPORTED.has(tok.text) ||
      tok.text === 'import' ||
      tok.text === 'from' ||
      tok.text === 'not' ||
      tok.text === 'and' ||
      tok.text === 'or' ||
      tok.text === 'in' ||
      tok.text === 'is'
    ) {
      this.pos -= 1;
      this.fail('a value');
    }
    return this.resolveName(tok.text, span);
  }

  /** Print format: bare names are strings (`padding=same`); code format overrides. */
  protected resolveName(name: string, span: Span): Value {
    return { t: 'str', v: name, span };
  }

  private parseSequenceLiteral(): Value {
    const open = this.next();
    const close = CLOSER[open.text] as string;
    this.enter(open);
    try {
      const items: Value[] = [];
      let sawComma = false;
      while (!this.isOp(close)) {
        if (this.isOp('*')) {
          const star = this.next();
          const v = this.parseExpr();
          if (v.t !== 'tuple' && v.t !== 'list') {
            throw new SourceError('unsupported-syntax', `cannot unpack ${describeValue(v)} with '*'`, star);
          }
          items.push(...v.items);
        } else {
          items.push(this.parseExpr());
        }
        if (this.isOp(',')) {
          this.next();
          sawComma = true;
        } else if (!this.isOp(close)) {
          if (this.peek().type === 'name' && this.peek().text === 'for') {
            throw new SourceError('unsupported-syntax', 'comprehensions are not supported; write the layers out', this.peek());
          }
          this.fail(`',' or '${close}'`);
        }
      }
      this.next();
      const span = this.spanFrom(open);
      if (open.text === '(' && items.length === 1 && !sawComma) {
        // A parenthesised expression, not a tuple.
        const inner = items[0] as Value;
        return { ...inner, span } as Value;
      }
      return { t: open.text === '(' ? 'tuple' : 'list', items, span };
    } finally {
      this.leave();
    }
  }

  // ---- calls -------------------------------------------------------------------

  protected parseArgs(open: Token): { args: ArgNode[]; argsSpan: Span } {
    const args: ArgNode[] = [];
    const seen = new Set<string>();
    let sawKeyword = false;
    while (!this.isOp(')')) {
      const argStart = this.peek();
      if (this.isOp('**')) {
        throw new SourceError('unsupported-syntax', "'**' unpacking of keyword arguments is not supported", argStart);
      }
      if (this.isOp('*')) {
        this.next();
        const v = this.parseExpr();
        if (v.t !== 'tuple' && v.t !== 'list') {
          throw new SourceError('unsupported-syntax', `cannot unpack ${describeValue(v)} with '*'`, argStart);
        }
        if (sawKeyword) throw new SourceError('syntax-error', 'iterable argument unpacking follows keyword argument unpacking', argStart);
        for (const item of v.items) args.push({ keyword: null, span: item.span, valueSpan: item.span, value: item });
      } else if (this.peek().type === 'name' && this.isOp('=', 1)) {
        const kw = this.next();
        this.next();
        if (seen.has(kw.text)) throw new SourceError('syntax-error', `keyword argument repeated: ${kw.text}`, kw);
        seen.add(kw.text);
        sawKeyword = true;
        const valueStart = this.peek();
        const value = this.parseExpr();
        args.push({ keyword: kw.text, span: this.spanFrom(argStart), valueSpan: this.spanFrom(valueStart), value });
      } else {
        if (sawKeyword) {
          this.parseExpr();
          throw new SourceError('syntax-error', 'positional argument follows keyword argument', this.spanFrom(argStart));
        }
        const value = this.parseExpr();
        const span = this.spanFrom(argStart);
        args.push({ keyword: null, span, valueSpan: span, value });
      }
      if (this.isOp(',')) this.next();
      else if (!this.isOp(')')) {
        const tok = this.peek();
        if (tok.type === 'name' && tok.text === 'for') {
          throw new SourceError('unsupported-syntax', 'comprehensions are not supported; write the layers out', tok);
        }
        this.fail("')' or ',' after argument");
      }
    }
    const close = this.next();
    return { args, argsSpan: { line: open.line, column: open.column + 1, start: open.end, end: close.start } };
  }

  protected parseCall(callee: Value, start: Token): Value {
    const open = this.next();
    this.enter(open);
    try {
      if (callee.t !== 'ref') {
        this.skipBalanced(open);
        return { t: 'opaque', what: `the result of calling ${describeValue(callee)}`, span: this.spanFrom(start) };
      }
      const { args, argsSpan } = this.parseArgs(open);
      const span = this.spanFrom(start);
      const { className, torchNn } = splitCallee(callee.path);
      if (className === 'OrderedDict' && (callee.path === 'OrderedDict' || callee.path === 'collections.OrderedDict')) {
        return makeOrderedDict(args, span);
      }
      const node: ModuleNode = {
        className,
        callee: callee.path,
        torchNn,
        span: callee.span,
        argsText: this.source.slice(argsSpan.start, argsSpan.end),
        argsSpan,
        args,
        children: null,
      };
      if (className === 'Sequential' && torchNn) node.children = sequentialChildren(node);
      return { t: 'module', node, span };
    } finally {
      this.leave();
    }
  }
}

function makeOrderedDict(args: ArgNode[], span: Span): Value {
  if (args.length === 0) return { t: 'odict', entries: [], span };
  const first = args[0] as ArgNode;
  if (args.length > 1 || first.keyword !== null || (first.value.t !== 'list' && first.value.t !== 'tuple')) {
    throw new SourceError('unsupported-syntax', "OrderedDict takes one list of ('name', module) pairs", first.span);
  }
  const entries = first.value.items.map((item) => {
    if ((item.t !== 'tuple' && item.t !== 'list') || item.items.length !== 2 || item.items[0]?.t !== 'str') {
      throw new SourceError('unsupported-syntax', "each OrderedDict entry must be a ('name', module) pair", item.span);
    }
    return { key: (item.items[0] as { v: string }).v, value: item.items[1] as Value, span: item.span };
  });
  return { t: 'odict', entries, span };
}

function sequentialChildren(node: ModuleNode): ModuleChild[] {
  const children: ModuleChild[] = [];
  const [first] = node.args;
  for (const arg of node.args) {
    if (arg.keyword !== null) {
      throw new SourceError('unsupported-argument', `nn.Sequential takes no keyword arguments (got ${arg.keyword}=)`, arg.span);
    }
  }
  if (first !== undefined && first.value.t === 'odict') {
    if (node.args.length > 1) {
      throw new SourceError(
        'unsupported-argument',
        'nn.Sequential takes either one OrderedDict or modules, not both',
        (node.args[1] as ArgNode).span,
      );
    }
    const seen = new Set<string>();
    for (const entry of first.value.entries) {
      if (entry.value.t !== 'module') {
        throw new SourceError(
          'unsupported-argument',
          `the OrderedDict entry '${entry.key}' must be a module, got ${describeValue(entry.value)}`,
          entry.value.span,
        );
      }
      if (entry.key.includes('.') || entry.key === '') {
        throw new SourceError('unsupported-argument', `a module name can't be empty or contain '.', got '${entry.key}'`, entry.span);
      }
      if (seen.has(entry.key)) {
        // PyTorch keeps the last value under a repeated key, at the first key's position.
        throw new SourceError('unsupported-argument', `the name '${entry.key}' appears twice in the OrderedDict`, entry.span);
      }
      seen.add(entry.key);
      children.push({ name: entry.key, node: entry.value.node });
    }
    return children;
  }
  node.args.forEach((arg, i) => {
    if (arg.value.t === 'ref') {
      const { path, span } = arg.value;
      throw new SourceError(
        'unsupported-argument',
        `nn.Sequential takes modules, but ${path} is not called: write ${path}()`,
        span,
        `${path}()`,
        { start: span.end, end: span.end, text: '()' },
      );
    }
    if (arg.value.t !== 'module') {
      throw new SourceError(
        'unsupported-argument',
        `nn.Sequential takes modules; argument ${i + 1} is ${describeValue(arg.value)}`,
        arg.valueSpan,
      );
    }
    children.push({ name: String(i), node: arg.value.node });
  });
  return children;
}

// ---- numbers and arithmetic ---------------------------------------------------------

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function unsafe(span: Span, text: string): never {
  throw new SourceError(
    'unsafe-integer',
    `${text} is larger than ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')} (2^53 − 1), the largest integer the inspector computes exactly`,
    span,
  );
}

function intValue(big: bigint, span: Span, text: string): Value {
  if (big > MAX_SAFE || big < -MAX_SAFE) unsafe(span, text);
  return { t: 'int', v: Number(big), span };
}

function parseNumber(tok: Token): Value {
  const text = tok.text.replace(/_/g, '');
  if (/[jJ]$/.test(text)) throw new SourceError('unsupported-argument', `complex numbers such as ${tok.text} are not supported`, tok);
  if (/^0[xXoObB]/.test(text)) {
    try {
      return intValue(BigInt(text.toLowerCase()), tok, tok.text);
    } catch (e) {
      if (e instanceof SourceError) throw e;
      throw new SourceError('syntax-error', `'${tok.text}' is not a valid number`, tok);
    }
  }
  if (/^\d+$/.test(text)) {
    if (text.length > 1 && text.startsWith('0') && /[1-9]/.test(text)) {
      throw new SourceError('syntax-error', `leading zeros in decimal integer literals are not permitted ('${tok.text}')`, tok);
    }
    if (text.length > 20) unsafe(tok, tok.text.length > 24 ? `${tok.text.slice(0, 20)}…` : tok.text);
    return intValue(BigInt(text), tok, tok.text);
  }
  const v = Number(text);
  if (Number.isNaN(v)) throw new SourceError('syntax-error', `'${tok.text}' is not a valid number`, tok);
  return { t: 'float', v, span: tok };
}

function numeric(v: Value): { kind: 'int'; v: bigint } | { kind: 'float'; v: number } | null {
  if (v.t === 'int') return { kind: 'int', v: BigInt(v.v) };
  if (v.t === 'bool') return { kind: 'int', v: v.v ? 1n : 0n };
  if (v.t === 'float') return { kind: 'float', v: v.v };
  return null;
}

function typeName(v: Value): string {
  switch (v.t) {
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'bool':
      return 'bool';
    case 'none':
      return 'NoneType';
    case 'str':
      return 'str';
    case 'tuple':
      return 'tuple';
    case 'list':
      return 'list';
    case 'module':
      return v.node.className;
    case 'odict':
      return 'OrderedDict';
    case 'ref':
      return v.path;
    case 'opaque':
      return 'object';
  }
}

function checkDefined(v: Value): void {
  if (v.t === 'ref') {
    throw new SourceError('unsupported-syntax', `name '${v.path}' is not defined`, v.span);
  }
}

function unary(op: Token, operand: Value, span: Span): Value {
  checkDefined(operand);
  const n = numeric(operand);
  if (n === null) throw new SourceError('unsupported-syntax', `bad operand type for unary ${op.text}: '${typeName(operand)}'`, op);
  if (n.kind === 'int') return { t: 'int', v: Number(op.text === '-' ? -n.v : n.v), span };
  return { t: 'float', v: op.text === '-' ? -n.v : n.v, span };
}

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function binary(op: Token, left: Value, right: Value, span: Span): Value {
  checkDefined(left);
  checkDefined(right);
  const a = numeric(left);
  const b = numeric(right);
  if (a === null || b === null) {
    if (op.text === '+' && left.t === 'str' && right.t === 'str') return { t: 'str', v: left.v + right.v, span };
    if (op.text === '+' && (left.t === 'tuple' || left.t === 'list') && right.t === left.t) {
      return { t: left.t, items: [...left.items, ...right.items], span };
    }
    throw new SourceError(
      'unsupported-syntax',
      `unsupported operand types for ${op.text}: '${typeName(left)}' and '${typeName(right)}'`,
      op,
    );
  }
  const text = `the value of this expression`;
  const zero = (b.kind === 'int' && b.v === 0n) || (b.kind === 'float' && b.v === 0);
  if ((op.text === '/' || op.text === '//' || op.text === '%') && zero) {
    throw new SourceError('unsupported-syntax', 'division by zero', op);
  }
  if (a.kind === 'int' && b.kind === 'int' && op.text !== '/') {
    let r: bigint;
    switch (op.text) {
      case '+':
        r = a.v + b.v;
        break;
      case '-':
        r = a.v - b.v;
        break;
      case '*':
        r = a.v * b.v;
        break;
      case '//':
        r = floorDivBig(a.v, b.v);
        break;
      case '%':
        r = ((a.v % b.v) + b.v) % b.v;
        break;
      default: {
        // '**'
        if (b.v < 0n) return { t: 'float', v: Number(a.v) ** Number(b.v), span };
        if (a.v === 0n || a.v === 1n || a.v === -1n) r = a.v ** (b.v > 2n ? 2n + (b.v % 2n) : b.v);
        else if (b.v > 64n) unsafe(span, text);
        else r = a.v ** b.v;
      }
    }
    return intValue(r, span, text);
  }
  const x = Number(a.v);
  const y = Number(b.v);
  let r: number;
  switch (op.text) {
    case '+':
      r = x + y;
      break;
    case '-':
      r = x - y;
      break;
    case '*':
      r = x * y;
      break;
    case '/':
      r = x / y;
      break;
    case '//':
      r = Math.floor(x / y);
      break;
    case '%':
      r = x - y * Math.floor(x / y);
      break;
    default:
      r = x ** y;
  }
  return { t: 'float', v: r, span };
}

// ---- code format ----------------------------------------------------------------------

export interface CodeParseResult {
  /** The model: the last `Sequential(...)`, else the last call of a known layer; `null` if none. */
  model: ModuleNode | null;
}

class CodeParser extends Parser {
  private readonly env = new Map<string, Value>();

  constructor(source: string, tokens: Token[]) {
    super(source, 'code', tokens);
  }

  protected override resolveName(name: string, span: Span): Value {
    const v = this.env.get(name);
    if (v !== undefined) return { ...v, span } as Value;
    return { t: 'ref', path: name, span };
  }

  parseProgram(isKnownLayer: (node: ModuleNode) => boolean): CodeParseResult {
    let lastSequential: ModuleNode | null = null;
    let lastLayer: ModuleNode | null = null;
    for (;;) {
      while (this.peek().type === 'newline' || this.isOp(';')) this.next();
      const tok = this.peek();
      if (tok.type === 'eof') break;
      if (tok.type === 'name' && (tok.text === 'import' || tok.text === 'from')) {
        this.skipStatement();
        continue;
      }
      if (tok.type === 'op' && tok.text === '@') {
        throw new SourceError(
          'unsupported-syntax',
          'decorators and class definitions are not supported; paste the nn.Sequential(...) code or the output of print(model)',
          tok,
        );
      }
      if (tok.type === 'name' && PY_KEYWORDS_UNSUPPORTED.has(tok.text)) {
        const what = tok.text === 'class' || tok.text === 'def' ? `'${tok.text}' definitions are` : `'${tok.text}' statements are`;
        throw new SourceError(
          'unsupported-syntax',
          `${what} not supported; paste the nn.Sequential(...) code or the output of print(model)`,
          tok,
        );
      }
      const value = this.parseStatement();
      if (value.t === 'module') {
        if (value.node.children !== null) lastSequential = value.node;
        else if (isKnownLayer(value.node)) lastLayer = value.node;
      }
      const end = this.peek();
      if (end.type !== 'newline' && end.type !== 'eof' && !this.isOp(';')) {
        this.fail('the end of the line');
      }
    }
    return { model: lastSequential ?? lastLayer };
  }

  private skipStatement(): void {
    while (this.peek().type !== 'newline' && this.peek().type !== 'eof' && !this.isOp(';')) {
      const tok = this.next();
      if (tok.type === 'op' && CLOSER[tok.text] !== undefined) this.skipBalanced(tok);
    }
  }

  private parseStatement(): Value {
    const targets: Token[] = [];
    // `a = b = expr`: collect simple-name targets.
    while (this.peek().type === 'name' && this.isOp('=', 1)) {
      targets.push(this.next());
      this.next();
    }
    // `model: nn.Module = ...` (an annotated assignment): skip the annotation.
    if (targets.length === 0 && this.peek().type === 'name' && this.isOp(':', 1)) {
      const target = this.next();
      this.next();
      this.parseExpr();
      if (!this.isOp('=')) return { t: 'none', span: target };
      this.next();
      targets.push(target);
    }
    const startTok = this.peek();
    let value = this.parseExpr();
    if (this.isOp(',')) {
      // A bare tuple `a = 1, 2`.
      const items = [value];
      while (this.isOp(',')) {
        this.next();
        if (this.peek().type === 'newline' || this.peek().type === 'eof') break;
        items.push(this.parseExpr());
      }
      value = { t: 'tuple', items, span: this.spanFrom(startTok) };
    }
    if (this.isOp('=')) {
      throw new SourceError('unsupported-syntax', 'only assignments to a plain name (model = ...) are supported', this.peek());
    }
    if (this.peek().type === 'op' && /^[-+*/%@&|^]$|^\/\/$|^\*\*$/.test(this.peek().text) && this.isOp('=', 1)) {
      throw new SourceError('unsupported-syntax', 'augmented assignments (+=, *=, ...) are not supported', this.peek());
    }
    for (const t of targets) this.env.set(t.text, value);
    return value;
  }
}

export function parseCode(source: string, isKnownLayer: (node: ModuleNode) => boolean): CodeParseResult {
  const parser = new CodeParser(source, tokenize(source));
  return parser.parseProgram(isKnownLayer);
}

// ---- print(model) format ------------------------------------------------------------

class PrintParser extends Parser {
  constructor(
    source: string,
    tokens: Token[],
    private readonly isKnownClass: (className: string) => boolean,
  ) {
    super(
      source,
      'print',
      tokens.filter((t) => t.type !== 'newline'),
    );
  }

  parseRoot(): ModuleNode {
    // Tolerate a leading `>>> print(model)` line, or `print(model)` pasted with its output.
    while (this.peek().type === 'op' && this.peek().text === '>' && this.isOp('>', 1) && this.isOp('>', 2)) {
      const line = this.peek().line;
      while (this.peek().line === line && this.peek().type !== 'eof') this.next();
    }
    if (this.peek().type === 'name' && this.peek().text === 'print' && this.isOp('(', 1)) {
      const line = this.peek().line;
      const save = this.pos;
      this.next();
      this.skipBalanced(this.next());
      if (this.peek().line === line) this.pos = save;
    }
    const root = this.parseModule();
    if (this.peek().type !== 'eof') this.fail("the end of the text after the model's closing ')'");
    return root;
  }

  /** `(key): ` ahead? Returns the number of tokens of the key or 0. */
  private childHeaderAhead(): number {
    if (!this.isOp('(')) return 0;
    let k = 1;
    for (; k < 12; k += 1) {
      const tok = this.peek(k);
      if (tok.type === 'eof' || (tok.type === 'op' && (tok.text === '(' || tok.text === '[' || tok.text === '{'))) return 0;
      if (tok.type === 'op' && tok.text === ')') break;
    }
    return k > 1 && this.isOp(')', k) && this.isOp(':', k + 1) ? k : 0;
  }

  private parseModule(): ModuleNode {
    const start = this.peek();
    if (start.type !== 'name') this.fail('a module such as Conv2d(...)');
    this.enter(start);
    try {
      let path = this.next().text;
      while (this.isOp('.') && this.peek(1).type === 'name') {
        this.next();
        path += `.${this.next().text}`;
      }
      const callee = this.spanFrom(start);
      const open = this.expectOp('(', `'(' after '${path}'`);
      const { className, torchNn } = splitCallee(path);
      const node: ModuleNode = {
        className,
        callee: path,
        torchNn,
        span: callee,
        argsText: '',
        argsSpan: { line: open.line, column: open.column + 1, start: open.end, end: open.end },
        args: [],
        children: null,
      };
      if (this.childHeaderAhead() > 0) {
        node.children = [];
        while (!this.isOp(')')) {
          const keyTokens = this.childHeaderAhead();
          if (keyTokens === 0) this.fail(`'(name): Module(...)' or ')' to close '${path}(' from line ${open.line}`);
          const keyOpen = this.next();
          for (let k = 1; k < keyTokens; k += 1) this.next();
          const keyClose = this.next();
          this.next(); // ':'
          const name = this.source.slice(keyOpen.end, keyClose.start).trim();
          node.children.push({ name, node: this.parseModule() });
        }
        const close = this.next();
        node.argsSpan = { ...node.argsSpan, end: close.start };
        node.argsText = this.source.slice(open.end, close.start);
        return node;
      }
      const save = this.pos;
      try {
        const { args, argsSpan } = this.parseArgs(open);
        node.args = args;
        node.argsSpan = argsSpan;
      } catch (e) {
        if (!(e instanceof SourceError) || e.code === 'nesting-too-deep' || this.isKnownClass(className)) throw e;
        // An unknown module's extra_repr may be anything: skip it, it's reported as unknown anyway.
        this.pos = save;
        this.skipBalanced(open);
        node.unparsedArgs = true;
        node.argsSpan = { line: open.line, column: open.column + 1, start: open.end, end: this.prevEnd() - 1 };
      }
      node.argsText = this.source.slice(node.argsSpan.start, node.argsSpan.end);
      return node;
    } finally {
      this.leave();
    }
  }
}

export function parsePrint(source: string, isKnownClass: (className: string) => boolean): ModuleNode {
  const parser = new PrintParser(source, tokenize(source), isKnownClass);
  return parser.parseRoot();
}
