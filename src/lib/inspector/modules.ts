/**
 * From a module call as written to a `LayerSpec`: PyTorch's constructor signatures
 * (positional order, keyword names, defaults) and the argument types they accept.
 *
 * Only argument checks happen here (what PyTorch checks when the module is built,
 * or what this inspector cannot model). Shapes, parameter counts and MACs are the
 * layer library's (src/lib/layers.ts).
 */
import type { ActivationName, LayerSpec, Pair } from '../types';
import { SourceError, describeValue, type ArgNode, type ModuleNode, type Value } from './source';
import type { SourceFormat } from './parser';

/** The arguments bound to a signature's parameter names. */
type BoundArgs = ReadonlyMap<string, ArgNode>;

export interface NormalisedLayer {
  spec: LayerSpec;
  /** Parameter name → the argument that gave it (absent when defaulted). */
  bound: BoundArgs;
  /** Remarks on ignored or unusual arguments. */
  notes: string[];
}

interface Signature {
  /** Parameter names in positional order. */
  params: readonly string[];
  /** How many leading parameters are required. */
  required: number;
  /** Keyword-only parameters (after `*`). */
  keywordOnly?: readonly string[];
  /** Accepts any arguments (`nn.Identity(*args, **kwargs)`). */
  anything?: boolean;
  build: (a: Args) => LayerSpec;
}

const CONV_TAIL = ['stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode', 'device', 'dtype'] as const;
const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];
const GELU_APPROXIMATE = ['none', 'tanh'];

function activation(name: ActivationName, params: string[], check?: (a: Args) => void): Signature {
  return {
    params,
    required: 0,
    build: (a) => {
      check?.(a);
      a.ignore('inplace', 'bool');
      return { kind: 'Activation', name };
    },
  };
}

function conv(lazy: boolean): Signature {
  return {
    params: lazy ? ['out_channels', 'kernel_size', ...CONV_TAIL] : ['in_channels', 'out_channels', 'kernel_size', ...CONV_TAIL],
    required: lazy ? 2 : 3,
    build: (a) => {
      const inChannels = lazy ? null : a.int('in_channels', undefined, 1);
      const outChannels = a.int('out_channels', undefined, 1);
      const kernelSize = a.pair('kernel_size', undefined, 1);
      const stride = a.pair('stride', 1, 1);
      const padding = a.convPadding();
      const dilation = a.pair('dilation', 1, 1);
      const groups = a.int('groups', 1, 1);
      const bias = a.bool('bias', true);
      const mode = a.choice('padding_mode', PADDING_MODES, 'zeros');
      if (mode !== 'zeros') a.note(`padding_mode='${mode}' changes the values used for padding, not the output shape.`);
      a.ignore('device');
      a.ignore('dtype');
      return { kind: 'Conv2d', inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias };
    },
  };
}

function linear(lazy: boolean): Signature {
  return {
    params: lazy ? ['out_features', 'bias', 'device', 'dtype'] : ['in_features', 'out_features', 'bias', 'device', 'dtype'],
    required: lazy ? 1 : 2,
    build: (a) => {
      const inFeatures = lazy ? null : a.int('in_features', undefined, 1);
      const outFeatures = a.int('out_features', undefined, 1);
      const bias = a.bool('bias', true);
      a.ignore('device');
      a.ignore('dtype');
      return { kind: 'Linear', inFeatures, outFeatures, bias };
    },
  };
}

function batchNorm(kind: 'BatchNorm1d' | 'BatchNorm2d'): Signature {
  return {
    params: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats', 'device', 'dtype'],
    required: 1,
    build: (a) => {
      const numFeatures = a.int('num_features', undefined, 1);
      a.ignore('eps', 'number');
      a.ignore('momentum', 'number-or-none');
      const affine = a.bool('affine', true);
      const trackRunningStats = a.bool('track_running_stats', true);
      a.ignore('device');
      a.ignore('dtype');
      return { kind, numFeatures, affine, trackRunningStats };
    },
  };
}

function dropout(kind: 'Dropout' | 'Dropout2d'): Signature {
  return {
    params: ['p', 'inplace'],
    required: 0,
    build: (a) => {
      const p = a.number('p', 0.5);
      if (!(p >= 0 && p <= 1)) {
        a.invalid('p', `dropout probability has to be between 0 and 1, but got ${p}`);
      }
      a.ignore('inplace', 'bool');
      return { kind, p };
    },
  };
}

function adaptive(kind: 'AdaptiveAvgPool2d' | 'AdaptiveMaxPool2d'): Signature {
  return {
    params: kind === 'AdaptiveMaxPool2d' ? ['output_size', 'return_indices'] : ['output_size'],
    required: 1,
    build: (a) => {
      if (kind === 'AdaptiveMaxPool2d') a.noIndices();
      return { kind, outputSize: a.outputSize() };
    },
  };
}

function softmax(kind: 'Softmax' | 'LogSoftmax'): Signature {
  return {
    params: ['dim'],
    required: 0,
    build: (a) => {
      const dim = a.intOrNone('dim');
      if (dim === null) a.note(`${kind} without dim: PyTorch picks a dimension itself and warns; write dim=1.`);
      return { kind, dim };
    },
  };
}

const SIGNATURES: Readonly<Record<string, Signature>> = {
  Conv2d: conv(false),
  LazyConv2d: conv(true),
  Linear: linear(false),
  LazyLinear: linear(true),
  MaxPool2d: {
    params: ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'],
    required: 1,
    build: (a) => {
      const kernelSize = a.pair('kernel_size', undefined, 1);
      const stride = a.pairOrNone('stride', 1) ?? kernelSize;
      const padding = a.pair('padding', 0, 0);
      const dilation = a.pair('dilation', 1, 1);
      a.noIndices();
      const ceilMode = a.bool('ceil_mode', false);
      return { kind: 'MaxPool2d', kernelSize, stride, padding, dilation, ceilMode };
    },
  },
  AvgPool2d: {
    params: ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'],
    required: 1,
    build: (a) => {
      const kernelSize = a.pair('kernel_size', undefined, 1);
      const stride = a.pairOrNone('stride', 1) ?? kernelSize;
      const padding = a.pair('padding', 0, 0);
      const ceilMode = a.bool('ceil_mode', false);
      const countIncludePad = a.bool('count_include_pad', true);
      const divisor = a.intOrNone('divisor_override', 1);
      if (divisor !== null) a.note(`divisor_override=${divisor} changes the averages, not the output shape.`);
      return { kind: 'AvgPool2d', kernelSize, stride, padding, ceilMode, countIncludePad };
    },
  },
  AdaptiveAvgPool2d: adaptive('AdaptiveAvgPool2d'),
  AdaptiveMaxPool2d: adaptive('AdaptiveMaxPool2d'),
  Flatten: {
    params: ['start_dim', 'end_dim'],
    required: 0,
    build: (a) => ({ kind: 'Flatten', startDim: a.int('start_dim', 1), endDim: a.int('end_dim', -1) }),
  },
  Unflatten: {
    params: ['dim', 'unflattened_size'],
    required: 2,
    build: (a) => ({ kind: 'Unflatten', dim: a.int('dim'), sizes: a.intList('unflattened_size') }),
  },
  BatchNorm1d: batchNorm('BatchNorm1d'),
  BatchNorm2d: batchNorm('BatchNorm2d'),
  Dropout: dropout('Dropout'),
  Dropout2d: dropout('Dropout2d'),
  ReLU: activation('ReLU', ['inplace']),
  ReLU6: activation('ReLU6', ['inplace']),
  LeakyReLU: activation('LeakyReLU', ['negative_slope', 'inplace'], (a) => void a.number('negative_slope', 0.01)),
  ELU: activation('ELU', ['alpha', 'inplace'], (a) => void a.number('alpha', 1)),
  GELU: activation('GELU', ['approximate'], (a) => void a.choice('approximate', GELU_APPROXIMATE, 'none')),
  SiLU: activation('SiLU', ['inplace']),
  Sigmoid: activation('Sigmoid', []),
  Tanh: activation('Tanh', []),
  Softmax: softmax('Softmax'),
  LogSoftmax: softmax('LogSoftmax'),
  Identity: { params: [], required: 0, anything: true, build: () => ({ kind: 'Identity' }) },
};

/** The book's own global average pooling (not in torch.nn), accepted by its bare name. */
const BOOK_MODULES: Readonly<Record<string, Signature>> = {
  GlobalAvgPool: { params: [], required: 0, build: () => ({ kind: 'GlobalAvgPool' }) },
};

function signatureOf(node: ModuleNode): Signature | undefined {
  if (!node.torchNn) return undefined;
  if (Object.hasOwn(SIGNATURES, node.className)) return SIGNATURES[node.className];
  if (node.callee === node.className && Object.hasOwn(BOOK_MODULES, node.className)) return BOOK_MODULES[node.className];
  return undefined;
}

/** Whether the call names a layer the inspector models. */
export function isKnownLayer(node: ModuleNode): boolean {
  return signatureOf(node) !== undefined;
}

/** Whether a class name (as printed by `print(model)`) is a layer the inspector models. */
export function isKnownClassName(className: string): boolean {
  return Object.hasOwn(SIGNATURES, className) || Object.hasOwn(BOOK_MODULES, className);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= Math.max(1, Math.floor(word.length / 4)) ? best : undefined;
}

/**
 * Explains why a call is not a layer the inspector models, with a fix when it
 * looks like a typo (`nn.Conv2D` → `nn.Conv2d`).
 */
function unknownLayerError(node: ModuleNode): SourceError {
  const written = node.callee;
  const guess = closest(node.className, Object.keys(SIGNATURES));
  const prefix = node.callee.slice(0, node.callee.length - node.className.length);
  if (guess !== undefined && guess !== node.className && node.torchNn) {
    return new SourceError(
      'unknown-layer',
      `${written} is not a torch.nn layer; did you mean ${prefix}${guess}? Shapes after it are not computed.`,
      node.span,
      `${prefix}${guess}`,
      { start: node.span.start, end: node.span.end, text: `${prefix}${guess}` },
    );
  }
  if (!node.torchNn) {
    return new SourceError(
      'unknown-layer',
      `${written} is not a torch.nn module the inspector knows (it reads nn.Conv2d, pooling, nn.Flatten, nn.Linear, batch norm, dropout and activations); shapes after it are not computed.`,
      node.span,
    );
  }
  return new SourceError(
    'unknown-layer',
    `${written} is not a layer the inspector models (it reads Conv2d, pooling, Flatten, Unflatten, Linear, BatchNorm, Dropout, activations, Softmax and Identity); shapes after it are not computed.`,
    node.span,
  );
}

/** Binds a call's arguments to a signature's parameters as Python would. */
function bind(node: ModuleNode, sig: Signature, format: SourceFormat): Map<string, ArgNode> {
  const bound = new Map<string, ArgNode>();
  if (sig.anything === true) return bound;
  const name = node.className;
  const all = [...sig.params, ...(sig.keywordOnly ?? [])];
  let args = node.args;
  if (format === 'print' && node.className.startsWith('Lazy')) {
    // print() of an uninitialised lazy module shows in_channels/in_features as 0.
    args = args.filter((arg, i) => {
      const zero = arg.value.t === 'int' && arg.value.v === 0;
      if (node.className === 'LazyLinear') return !(arg.keyword === 'in_features' && zero);
      return !(i === 0 && arg.keyword === null && zero && args.filter((x) => x.keyword === null).length === 2);
    });
  }
  let positional = 0;
  for (const arg of args) {
    if (arg.keyword === null) {
      if (positional >= sig.params.length) {
        const most = sig.params.length;
        throw new SourceError(
          'unsupported-argument',
          `${name} takes at most ${most} positional argument${most === 1 ? '' : 's'} (${sig.params.join(', ') || 'none'}), but this is number ${positional + 1}`,
          arg.span,
        );
      }
      bound.set(sig.params[positional] as string, arg);
      positional += 1;
      continue;
    }
    if (!all.includes(arg.keyword)) {
      const guess = closest(arg.keyword, all);
      const known = all.length > 0 ? ` (it takes ${all.join(', ')})` : ' (it takes no arguments)';
      throw new SourceError(
        'unsupported-argument',
        `unsupported argument: ${name} has no argument '${arg.keyword}'${guess !== undefined ? `; did you mean '${guess}'?` : known}`,
        arg.span,
        guess === undefined ? undefined : `${guess}=`,
        guess === undefined ? undefined : { start: arg.span.start, end: arg.span.start + arg.keyword.length, text: guess },
      );
    }
    if (bound.has(arg.keyword)) {
      throw new SourceError('unsupported-argument', `${name} got multiple values for argument '${arg.keyword}'`, arg.span);
    }
    bound.set(arg.keyword, arg);
  }
  const missing = sig.params.slice(0, sig.required).filter((p) => !bound.has(p));
  if (missing.length > 0) {
    const list = missing.map((m) => `'${m}'`).join(missing.length === 2 ? ' and ' : ', ');
    throw new SourceError(
      'missing-argument',
      `${name} is missing ${missing.length} required argument${missing.length === 1 ? '' : 's'}: ${list}`,
      { ...node.argsSpan, end: Math.max(node.argsSpan.start, node.argsSpan.end) },
    );
  }
  return bound;
}

/** Typed access to bound arguments, with specific messages at the argument's place. */
class Args {
  readonly notes: string[] = [];

  constructor(
    private readonly layer: string,
    private readonly bound: Map<string, ArgNode>,
  ) {}

  note(text: string): void {
    this.notes.push(text);
  }

  private get(name: string): ArgNode | undefined {
    return this.bound.get(name);
  }

  private wrongType(name: string, arg: ArgNode, expected: string, v: Value = arg.value): never {
    let got = describeValue(v);
    if (v.t === 'int' || v.t === 'float') got = `${v.t === 'int' ? 'the int' : 'the float'} ${formatNumber(v)}`;
    else if (v.t === 'str') got = `the string '${v.v}'`;
    else if (v.t === 'bool') got = v.v ? 'True' : 'False';
    else if (v.t === 'ref') {
      throw new SourceError(
        'unsupported-argument',
        `unsupported argument: ${this.layer}'s ${name} must be ${expected}, but '${v.path}' is a name the inspector cannot evaluate (assign it a number first, e.g. ${v.path.split('.').pop()} = ...)`,
        v.span,
      );
    }
    const hint = v.t === 'float' && Number.isInteger(v.v) && expected.includes('int') ? " ('/' gives a float in Python; use '//')" : '';
    throw new SourceError(
      'unsupported-argument',
      `unsupported argument: ${this.layer}'s ${name} must be ${expected}, but got ${got}${hint}`,
      v.span,
    );
  }

  invalid(name: string, message: string): never {
    const arg = this.get(name);
    throw new SourceError('invalid-argument', `${this.layer}: ${message}`, arg?.valueSpan ?? { line: 1, column: 1, start: 0, end: 0 });
  }

  private checkInt(name: string, arg: ArgNode, v: Value, min: number | undefined, expected: string): number {
    if (v.t !== 'int') this.wrongType(name, arg, expected, v);
    if (min !== undefined && v.v < min) {
      throw new SourceError('invalid-argument', `${this.layer}'s ${name} must be at least ${min}, but got ${v.v}`, v.span);
    }
    return v.v;
  }

  int(name: string, def?: number, min?: number): number {
    const arg = this.get(name);
    if (arg === undefined) return def as number;
    return this.checkInt(name, arg, arg.value, min, min === 1 ? 'a positive int' : min === 0 ? 'an int ≥ 0' : 'an int');
  }

  intOrNone(name: string, min?: number): number | null {
    const arg = this.get(name);
    if (arg === undefined || arg.value.t === 'none') return null;
    return this.checkInt(name, arg, arg.value, min, 'an int or None');
  }

  number(name: string, def: number): number {
    const arg = this.get(name);
    if (arg === undefined) return def;
    const v = arg.value;
    if (v.t !== 'int' && v.t !== 'float') this.wrongType(name, arg, 'a number');
    return v.v;
  }

  bool(name: string, def: boolean): boolean {
    const arg = this.get(name);
    if (arg === undefined) return def;
    if (arg.value.t !== 'bool') this.wrongType(name, arg, 'True or False');
    return arg.value.v;
  }

  /** A string among `choices`. */
  choice(name: string, choices: readonly string[], def: string): string {
    const arg = this.get(name);
    if (arg === undefined) return def;
    const v = arg.value;
    if (v.t !== 'str') this.wrongType(name, arg, `one of ${choices.map((c) => `'${c}'`).join(', ')}`);
    if (!choices.includes(v.v)) {
      throw new SourceError(
        'unsupported-argument',
        `unsupported argument: ${this.layer}'s ${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, but got '${v.v}'`,
        v.span,
      );
    }
    return v.v;
  }

  /** Arguments that do not affect shapes; their type is still checked when it matters. */
  ignore(name: string, type?: 'bool' | 'number' | 'number-or-none'): void {
    const arg = this.get(name);
    if (arg === undefined || type === undefined) return;
    const v = arg.value;
    if (type === 'bool' && v.t !== 'bool') this.wrongType(name, arg, 'True or False');
    if (type === 'number' && v.t !== 'int' && v.t !== 'float') this.wrongType(name, arg, 'a number');
    if (type === 'number-or-none' && v.t !== 'int' && v.t !== 'float' && v.t !== 'none') this.wrongType(name, arg, 'a number or None');
  }

  private pairFrom(name: string, arg: ArgNode, min: number): Pair {
    const v = arg.value;
    const expected = `an int or a pair (h, w) of ints${min === 1 ? ' ≥ 1' : min === 0 ? ' ≥ 0' : ''}`;
    if (v.t === 'int') {
      const x = this.checkInt(name, arg, v, min, expected);
      return [x, x];
    }
    if ((v.t === 'tuple' || v.t === 'list') && v.items.length === 2) {
      return [this.checkInt(name, arg, v.items[0] as Value, min, expected), this.checkInt(name, arg, v.items[1] as Value, min, expected)];
    }
    if (v.t === 'tuple' || v.t === 'list') {
      throw new SourceError(
        'unsupported-argument',
        `unsupported argument: ${this.layer}'s ${name} must be an int or a pair (h, w), but this ${v.t} has ${v.items.length} element${v.items.length === 1 ? '' : 's'}`,
        v.span,
      );
    }
    return this.wrongType(name, arg, expected);
  }

  pair(name: string, def: number | undefined, min: number): Pair {
    const arg = this.get(name);
    if (arg === undefined) return [def as number, def as number];
    return this.pairFrom(name, arg, min);
  }

  pairOrNone(name: string, min: number): Pair | null {
    const arg = this.get(name);
    if (arg === undefined || arg.value.t === 'none') return null;
    return this.pairFrom(name, arg, min);
  }

  convPadding(): Pair | 'same' | 'valid' {
    const arg = this.get('padding');
    if (arg === undefined) return [0, 0];
    if (arg.value.t === 'str') {
      const v = arg.value;
      if (v.v === 'same' || v.v === 'valid') return v.v;
      throw new SourceError(
        'unsupported-argument',
        `unsupported argument: Invalid padding string '${v.v}' for ${this.layer}, should be one of 'valid', 'same' (or an int or a pair)`,
        v.span,
      );
    }
    return this.pairFrom('padding', arg, 0);
  }

  outputSize(): readonly [number | null, number | null] {
    const arg = this.get('output_size') as ArgNode;
    const v = arg.value;
    const expected = 'an int, None or a pair of ints or None';
    const one = (x: Value): number | null => (x.t === 'none' ? null : this.checkInt('output_size', arg, x, 1, expected));
    if (v.t === 'int' || v.t === 'none') {
      const x = one(v);
      return [x, x];
    }
    if ((v.t === 'tuple' || v.t === 'list') && v.items.length === 2) return [one(v.items[0] as Value), one(v.items[1] as Value)];
    return this.wrongType('output_size', arg, expected);
  }

  intList(name: string): number[] {
    const arg = this.get(name) as ArgNode;
    const v = arg.value;
    if (v.t !== 'tuple' && v.t !== 'list') this.wrongType(name, arg, 'a tuple of ints');
    return v.items.map((x) => {
      if (x.t !== 'int') this.wrongType(name, arg, 'a tuple of ints', x);
      if (x.v !== -1 && x.v < 1) {
        throw new SourceError(
          'invalid-argument',
          `${this.layer}'s ${name} may only hold positive sizes and one -1, but has ${x.v}`,
          x.span,
        );
      }
      return x.v;
    });
  }

  noIndices(): void {
    if (this.bool('return_indices', false)) {
      const arg = this.get('return_indices') as ArgNode;
      throw new SourceError(
        'unsupported-argument',
        `unsupported argument: with return_indices=True ${this.layer} returns a tuple (output, indices), which the next layer in a Sequential cannot take`,
        arg.span,
      );
    }
  }
}

function formatNumber(v: { t: 'int' | 'float'; v: number }): string {
  if (v.t === 'float' && Number.isInteger(v.v) && Math.abs(v.v) < 1e16) return `${v.v}.0`;
  return String(v.v);
}

/**
 * Turns a module call into a `LayerSpec`, or throws a `SourceError`
 * ('unknown-layer', 'unsupported-argument', 'missing-argument', 'invalid-argument').
 */
export function normalise(node: ModuleNode, format: SourceFormat): NormalisedLayer {
  const sig = signatureOf(node);
  if (sig === undefined) throw unknownLayerError(node);
  const bound = bind(node, sig, format);
  const args = new Args(node.className, bound);
  const spec = sig.build(args);
  if (node.callee === 'GlobalAvgPool') args.note("GlobalAvgPool is the book's module (mean over H and W), not part of torch.nn.");
  return { spec, bound, notes: args.notes };
}
