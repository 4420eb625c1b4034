/**
 * What the two parsers produce: a tree of module calls with their arguments as
 * written, and the one error type they (and the normaliser) throw internally.
 */
import type { Span } from './lexer';

export type { Span } from './lexer';

/** The error codes the inspector adds to the layer library's `LayerErrorCode`s. */
export type SourceErrorCode =
  | 'syntax-error'
  | 'unsupported-syntax'
  | 'unsupported-argument'
  | 'invalid-argument'
  | 'missing-argument'
  | 'unknown-layer'
  | 'empty-model'
  | 'nesting-too-deep'
  | 'source-too-large'
  | 'unsafe-integer';

/** An error tied to a place in the source. Thrown by the parsers and the normaliser, caught by `inspect`. */
export class SourceError extends Error {
  readonly code: SourceErrorCode;
  readonly span: Span;
  readonly fix: string | undefined;
  /** The source edit that applies `fix`: replace `start..end` by `text`. */
  readonly edit: { start: number; end: number; text: string } | undefined;

  constructor(code: SourceErrorCode, message: string, span: Span, fix?: string, edit?: { start: number; end: number; text: string }) {
    super(message);
    this.name = 'SourceError';
    this.code = code;
    this.span = span;
    this.fix = fix;
    this.edit = edit;
  }
}

/** A value of the Python subset, with the place it was written. */
export type Value =
  | { t: 'int'; v: number; span: Span }
  | { t: 'float'; v: number; span: Span }
  | { t: 'bool'; v: boolean; span: Span }
  | { t: 'none'; span: Span }
  | { t: 'str'; v: string; span: Span }
  | { t: 'tuple' | 'list'; items: Value[]; span: Span }
  /** A call: a layer, a container, or something else called (reported if used as a layer). */
  | { t: 'module'; node: ModuleNode; span: Span }
  /** `OrderedDict([('name', module), ...])`. */
  | { t: 'odict'; entries: { key: string; value: Value; span: Span }[]; span: Span }
  /** A name that was never assigned, such as `torch.float32` (code format only). */
  | { t: 'ref'; path: string; span: Span }
  /** Anything else the inspector does not model. */
  | { t: 'opaque'; what: string; span: Span };

export interface ArgNode {
  /** `null` for a positional argument. */
  keyword: string | null;
  /** The whole argument, keyword included. */
  span: Span;
  /** Just the value. */
  valueSpan: Span;
  value: Value;
}

export interface ModuleChild {
  /** The child's own name: `conv1`, `0`. */
  name: string;
  node: ModuleNode;
}

export interface ModuleNode {
  /** The class name without its module path: `Conv2d`. */
  className: string;
  /** The callee as written: `nn.Conv2d`, `torch.nn.Conv2d`, `Conv2d`, `keras.layers.Dense`. */
  callee: string;
  /** Whether the callee's path names torch.nn (`nn.`, `torch.nn.` or no prefix). */
  torchNn: boolean;
  /** The callee's place: where the row's line and column point. */
  span: Span;
  /** The text between the parentheses, as written. */
  argsText: string;
  /** The region between the parentheses. */
  argsSpan: Span;
  args: ArgNode[];
  /**
   * Submodules, for containers: `nn.Sequential(...)` in code, and in print format
   * every module printed with `(name): ...` children. `null` for leaves.
   */
  children: ModuleChild[] | null;
  /** Print format only: the leaf's arguments could not be parsed (only allowed for unknown classes). */
  unparsedArgs?: boolean;
}

export function describeValue(v: Value): string {
  switch (v.t) {
    case 'int':
      return 'an int';
    case 'float':
      return 'a float';
    case 'bool':
      return 'a bool';
    case 'none':
      return 'None';
    case 'str':
      return 'a string';
    case 'tuple':
      return 'a tuple';
    case 'list':
      return 'a list';
    case 'module':
      return `a module (${v.node.callee})`;
    case 'odict':
      return 'an OrderedDict';
    case 'ref':
      return `the name '${v.path}'`;
    case 'opaque':
      return v.what;
  }
}
