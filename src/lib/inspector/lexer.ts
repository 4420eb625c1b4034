/**
 * A small tokenizer for the Python subset the inspector reads: `nn.Sequential(...)`
 * code and the text of `print(model)`.
 *
 * It never throws. Characters it does not know become `error` tokens, and an
 * unterminated string becomes an `error` token too; the parsers turn those into
 * syntax errors with a line and column.
 *
 * Newlines follow Python's implicit line joining: a `newline` token is emitted only
 * outside brackets, and a backslash at the end of a line joins it with the next.
 */

/** A region of the source. Lines and columns are 1-based; offsets are 0-based, end exclusive. */
export interface Span {
  line: number;
  column: number;
  start: number;
  end: number;
}

type TokenType = 'name' | 'number' | 'string' | 'op' | 'newline' | 'eof' | 'error';

export interface Token extends Span {
  type: TokenType;
  /** The token's text as written (for strings: including the quotes). */
  text: string;
  /** Strings: the decoded value. Errors: what went wrong. */
  value?: string;
}

/** Two-character operators, then one-character ones. */
const OPERATORS_2 = new Set(['**', '//', '->', '==', '!=', '<=', '>=']);
const OPERATORS_1 = new Set([
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  ';',
  '<',
  '>',
  '@',
  '|',
  '&',
  '~',
  '^',
]);

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

function isNameStartCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isNamePartCode(c: number): boolean {
  return isNameStartCode(c) || (c >= 48 && c <= 57);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

const NUMBER_RE =
  /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d[\d_]*)?|\.\d[\d_]*(?:[eE][+-]?\d[\d_]*)?)[jJ]?/y;
const STRING_PREFIX_RE = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  const n = source.length;

  const push = (type: TokenType, start: number, startLine: number, startCol: number, value?: string): void => {
    const tok: Token = { type, text: source.slice(start, i), line: startLine, column: startCol, start, end: i };
    if (value !== undefined) tok.value = value;
    tokens.push(tok);
  };

  while (i < n) {
    const code = source.charCodeAt(i);
    const ch = source[i] as string;
    const col = i - lineStart + 1;

    if (ch === '\n' || ch === '\r') {
      const start = i;
      i += ch === '\r' && source[i + 1] === '\n' ? 2 : 1;
      if (depth === 0 && tokens.length > 0 && tokens[tokens.length - 1]?.type !== 'newline') {
        tokens.push({ type: 'newline', text: '\n', line, column: col, start, end: i });
      }
      line += 1;
      lineStart = i;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v' || ch === '\u00a0' || ch === '\ufeff') {
      i += 1;
      continue;
    }
    if (ch === '#') {
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i += 1;
      continue;
    }
    if (ch === '\\') {
      // Line continuation: a backslash followed (after optional spaces) by a newline.
      let j = i + 1;
      while (j < n && (source[j] === ' ' || source[j] === '\t')) j += 1;
      if (j >= n || source[j] === '\n' || source[j] === '\r') {
        i = j;
        if (i < n) {
          i += source[i] === '\r' && source[i + 1] === '\n' ? 2 : 1;
          line += 1;
          lineStart = i;
        }
        continue;
      }
      i += 1;
      push('error', i - 1, line, col, 'a backslash is only allowed at the end of a line');
      continue;
    }
    let stringPrefix = false;
    if (isNameStartCode(code)) {
      const start = i;
      while (i < n && isNamePartCode(source.charCodeAt(i))) i += 1;
      // String prefixes such as r'...', f"...", b'...'.
      const q = source[i];
      if ((q === "'" || q === '"') && i - start <= 2 && STRING_PREFIX_RE.test(source.slice(start, i))) {
        stringPrefix = true;
        i = start;
        // fall through to the string branch with the prefix consumed there
      } else {
        push('name', start, line, col);
        continue;
      }
    }
    if (!stringPrefix && (isDigitCode(code) || (code === 46 && isDigitCode(source.charCodeAt(i + 1))))) {
      const start = i;
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(source);
      i += m ? m[0].length : 1;
      // A number glued to a name (e.g. `3x`) is a syntax error in Python.
      if (i < n && isNamePartCode(source.charCodeAt(i))) {
        while (i < n && isNamePartCode(source.charCodeAt(i))) i += 1;
        push('error', start, line, col, `'${source.slice(start, i)}' is not a valid number`);
        continue;
      }
      push('number', start, line, col);
      continue;
    }
    if (ch === "'" || ch === '"' || stringPrefix) {
      const start = i;
      while (isNameStartCode(source.charCodeAt(i))) i += 1; // prefix
      const quote = source[i] as string;
      const raw = /[rR]/.test(source.slice(start, i));
      const triple = source.slice(i, i + 3) === quote.repeat(3);
      const startLine = line;
      i += triple ? 3 : 1;
      let value = '';
      let closed = false;
      while (i < n) {
        const c = source[i] as string;
        if (triple ? source.slice(i, i + 3) === quote.repeat(3) : c === quote) {
          i += triple ? 3 : 1;
          closed = true;
          break;
        }
        if (!triple && (c === '\n' || c === '\r')) break;
        if (c === '\n') {
          line += 1;
          lineStart = i + 1;
        }
        if (c === '\\' && i + 1 < n) {
          const e = source[i + 1] as string;
          value += raw ? c + e : (ESCAPES[e] ?? c + e);
          if (e === '\n') {
            line += 1;
            lineStart = i + 2;
          }
          i += 2;
          continue;
        }
        value += c;
        i += 1;
      }
      if (!closed) {
        push('error', start, startLine, col, 'this string is never closed');
      } else {
        push('string', start, startLine, col, value);
      }
      continue;
    }
    const two = source.slice(i, i + 2);
    const op = OPERATORS_2.has(two) ? two : OPERATORS_1.has(ch) ? ch : undefined;
    if (op !== undefined) {
      const start = i;
      i += op.length;
      if (OPEN.has(op)) depth += 1;
      else if (CLOSE.has(op)) depth = Math.max(0, depth - 1);
      push('op', start, line, col);
      continue;
    }
    // Anything else: one code point as an error token.
    const start = i;
    const cp = source.codePointAt(i) ?? 0;
    i += cp > 0xffff ? 2 : 1;
    push('error', start, line, col, `unexpected character '${source.slice(start, i)}'`);
  }
  if (tokens.length > 0 && tokens[tokens.length - 1]?.type !== 'newline') {
    tokens.push({ type: 'newline', text: '', line, column: i - lineStart + 1, start: i, end: i });
  }
  tokens.push({ type: 'eof', text: '', line, column: i - lineStart + 1, start: i, end: i });
  return tokens;
}
