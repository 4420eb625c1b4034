/**
 * `inspect(source, input)`: reads a model (nn.Sequential code or print(model) text),
 * walks an input shape through it with the layer library, and reports every layer's
 * output shape, parameters and MACs, and every error a student can act on.
 *
 * It never throws: every failure, including a bug, becomes an entry in `errors`.
 */
import { macs as layerMacs, outputShape, paramCount } from '../layers';
import { LayerError, type LayerErrorCode, type LayerSpec, type LinearSpec, type ParamCount, type Shape } from '../types';
import { MAX_NESTING, detectFormat, parseCode, parsePrint, type SourceFormat } from './parser';
import { isKnownClassName, isKnownLayer, normalise, type NormalisedLayer } from './modules';
import { SourceError, type ModuleNode, type SourceErrorCode, type Span } from './source';

export type { SourceFormat } from './parser';

/** Longest source accepted (characters). */
const MAX_SOURCE_LENGTH = 200_000;
/** Most layers accepted. */
const MAX_LAYERS = 5_000;

type InspectErrorCode = LayerErrorCode | SourceErrorCode | 'bad-input-shape' | 'missing-flatten' | 'internal-error';

/** A replacement of `source.slice(start, end)` by `text`. */
interface SourceEdit {
  start: number;
  end: number;
  text: string;
}

export interface InspectError {
  code: InspectErrorCode;
  /** What is wrong, in one sentence (for a Linear mismatch: PyTorch's own message). */
  message: string;
  /** 1-based place in the source; `null` when the error is not in the source (the input shape). */
  line: number | null;
  column: number | null;
  /** Offsets (0-based, end exclusive) of the offending text, for underlining; `null` with `line`. */
  start: number | null;
  end: number | null;
  /** The row in `layers` the error belongs to. */
  layerIndex?: number;
  /** That row's qualified name (`features.0`). */
  layerName?: string;
  /** Where the numbers come from, when the message alone does not say. */
  detail?: string;
  /** What to write instead, e.g. `nn.Linear(1600, 128)`. */
  fix?: string;
  /** The edit that applies `fix` to the source (also applied in `correctedSource`). */
  edit?: SourceEdit;
}

type LayerStatus =
  /** Computed from the model as written. */
  | 'ok'
  /** The layer does not fit its input (an error); it was computed with the fix applied so later layers are still checked. */
  | 'corrected'
  /** The layer could not be read or computed; nothing after it is computed. */
  | 'error'
  /** After a layer that could not be computed. */
  | 'not-computed';

export interface LayerRow {
  /** 0-based position in the flattened list of layers. */
  index: number;
  /** Qualified name: `features.0` (print format), `0` or `1.2` (code), OrderedDict keys as given. */
  name: string;
  /** The class name: `Conv2d`. */
  type: string;
  /** The callee as written: `nn.Conv2d`. */
  callee: string;
  line: number;
  column: number;
  /** The arguments as written, whitespace collapsed. */
  args: string;
  /** The normalised layer, `null` if it could not be read. */
  spec: LayerSpec | null;
  /** The shape the layer receives (after an assumed flatten, if any); `null` if not computed. */
  inputShape: Shape | null;
  outputShape: Shape | null;
  params: ParamCount | null;
  /** Multiply–accumulates for one sample. */
  macs: number | null;
  /** Linear rows: the in_features the layer's input requires; `null` otherwise or if not computed. */
  requiredInFeatures: number | null;
  status: LayerStatus;
  notes: string[];
}

/** One check per Linear layer: the in_features written against the one required. */
interface LinearCheck {
  layerIndex: number;
  name: string;
  line: number;
  column: number;
  /** `null` for LazyLinear. */
  inFeatures: number | null;
  outFeatures: number;
  /** `null` if the shapes before it could not be computed. */
  requiredInFeatures: number | null;
  ok: boolean | null;
}

interface Totals {
  /** Σ (weight + bias) over the computed layers: `sum(p.numel() for p in model.parameters())`. */
  parameters: number;
  /** Σ trainable (all parameters are trainable unless frozen in code, which text cannot show). */
  trainable: number;
  /** Σ buffers (BatchNorm running statistics). */
  buffers: number;
  /** Σ MACs per sample. */
  macs: number;
  /** (parameters + buffers) × 4 bytes, as float32. */
  sizeBytes: number;
  /** `sizeBytes` / 10^6. */
  sizeMB: number;
  /** `false` when some layer could not be computed: the totals then cover only the computed rows. */
  complete: boolean;
}

export interface InspectReport {
  /** No errors. */
  ok: boolean;
  /** The format read; `null` if the source was empty or too large to read. */
  format: SourceFormat | null;
  /** The input shape with its batch dimension, `null` if it was not valid. */
  input: Shape | null;
  /** The final output shape, `null` unless every layer was computed. */
  output: Shape | null;
  layers: LayerRow[];
  linears: LinearCheck[];
  totals: Totals;
  errors: InspectError[];
  /** Assumptions the report rests on (print format: forward() order and flattening). */
  notes: string[];
  /** The source with every fix that has an edit applied, `null` if there are none. */
  correctedSource: string | null;
}

export interface InspectOptions {
  /** Default: detected (`print(model)` text has lines like `(name): Module(`). */
  format?: SourceFormat | 'auto';
}

// ---- input shape ----------------------------------------------------------------------

const INPUT_HELP = 'give C,H,W (e.g. 3,224,224), N,C,H,W (e.g. 8,3,224,224), or one feature count (e.g. 784)';

/**
 * Parses an input shape: "C,H,W", "N,C,H,W", or "F" (a feature vector), also with
 * spaces, '×' or 'x' between the numbers, or brackets around them; or an array.
 * Returns the shape with its batch dimension (default 1), or an error message.
 */
export function parseInputShape(input: string | readonly number[]): { shape: Shape } | { error: string } {
  let dims: number[];
  if (typeof input === 'string') {
    const text = input.trim().replace(/^[[(]\s*|\s*[\])]$/g, '');
    if (text === '') return { error: `the input shape is empty; ${INPUT_HELP}` };
    const parts = text.split(/\s*[,×xX*]\s*|\s+/);
    dims = [];
    for (const part of parts) {
      if (!/^\d+$/.test(part))
        return { error: `the input shape '${input.trim()}' is not a list of positive integers ('${part}'); ${INPUT_HELP}` };
      dims.push(Number(part));
    }
  } else if (Array.isArray(input)) {
    dims = [...input];
  } else {
    return { error: `the input shape must be a string or an array of numbers; ${INPUT_HELP}` };
  }
  for (const d of dims) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
      return { error: `every size of the input shape must be a positive integer, but got ${String(d)}; ${INPUT_HELP}` };
    }
    if (!Number.isSafeInteger(d)) return { error: `the input size ${d} is larger than 2^53 − 1` };
  }
  if (dims.length === 1) return { shape: [1, dims[0] as number] };
  if (dims.length === 3) return { shape: [1, ...dims] };
  if (dims.length === 4) return { shape: dims };
  return { error: `the input shape has ${dims.length} number${dims.length === 1 ? '' : 's'}; ${INPUT_HELP}` };
}

// ---- helpers ---------------------------------------------------------------------------

function fromSpan(span: Span): Pick<InspectError, 'line' | 'column' | 'start' | 'end'> {
  return { line: span.line, column: span.column, start: span.start, end: span.end };
}

function shapeText(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

function product(dims: readonly number[]): string {
  return dims.join(' × ');
}

function prefixOf(node: ModuleNode): string {
  return node.callee.slice(0, node.callee.length - node.className.length);
}

/** A leaf of the module tree, with where it sits. */
interface Leaf {
  name: string;
  node: ModuleNode;
  /** The custom (non-Sequential) container it sits in, print format only. */
  customParent: { name: string; className: string } | null;
  /** Whether it is a positional argument of an nn.Sequential (code format), where a module can be inserted before it. */
  insertable: boolean;
}

function collectLeaves(root: ModuleNode, format: SourceFormat): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (node: ModuleNode, name: string, depth: number, customParent: Leaf['customParent'], insertable: boolean): void => {
    if (depth > MAX_NESTING) {
      throw new SourceError('nesting-too-deep', `modules nested deeper than ${MAX_NESTING} levels are not supported`, node.span);
    }
    if (leaves.length > MAX_LAYERS) {
      throw new SourceError('source-too-large', `the model has more than ${MAX_LAYERS} layers`, node.span);
    }
    if (node.children === null) {
      if (node.className === 'Sequential' && node.torchNn && node.args.length === 0) return; // an empty Sequential()
      leaves.push({ name: name === '' ? '0' : name, node, customParent, insertable });
      return;
    }
    const isSequential = node.className === 'Sequential' && node.torchNn;
    const custom = !isSequential && depth > 0 ? { name, className: node.className } : customParent;
    const plainArgs = format === 'code' && node.args.every((a) => a.value.t === 'module');
    for (const child of node.children) {
      walk(child.node, name === '' ? child.name : `${name}.${child.name}`, depth + 1, custom, plainArgs);
    }
  };
  walk(root, '', 0, null, false);
  return leaves;
}

function emptyTotals(): Totals {
  return { parameters: 0, trainable: 0, buffers: 0, macs: 0, sizeBytes: 0, sizeMB: 0, complete: false };
}

/** Where the features a Linear receives come from, for the mismatch explanation. */
type FeatureOrigin =
  | { kind: 'input' }
  | { kind: 'flatten'; dims: readonly number[]; after: { name: string; type: string } | null }
  | { kind: 'layer'; name: string; type: string };

function describeOrigin(count: number, origin: FeatureOrigin): string {
  switch (origin.kind) {
    case 'input':
      return `${count} is the input's feature count`;
    case 'flatten': {
      const dims = origin.dims.length > 1 ? `${count} = ${product(origin.dims)}, ` : `${count} is `;
      const names = origin.dims.length === 3 ? 'C × H × W' : 'the size';
      return origin.after === null
        ? `${dims}the ${names} of the input, flattened`
        : `${dims}the ${names} after layer \`${origin.after.name}\` (${origin.after.type}), flattened`;
    }
    case 'layer':
      return `${count} is the output size of layer \`${origin.name}\` (${origin.type})`;
  }
}

// ---- the inspection --------------------------------------------------------------------

class Inspection {
  readonly errors: InspectError[] = [];
  readonly notes: string[] = [];
  readonly edits: SourceEdit[] = [];
  rows: LayerRow[] = [];
  format: SourceFormat | null = null;
  input: Shape | null = null;

  constructor(private readonly source: string) {}

  addError(e: InspectError): void {
    this.errors.push(e);
    if (e.edit !== undefined) this.edits.push(e.edit);
  }

  addSourceError(e: SourceError, row?: LayerRow): void {
    const err: InspectError = { code: e.code, message: e.message, ...fromSpan(e.span) };
    if (row !== undefined) {
      err.layerIndex = row.index;
      err.layerName = row.name;
    }
    if (e.fix !== undefined) err.fix = e.fix;
    if (e.edit !== undefined) err.edit = { ...e.edit };
    this.addError(err);
  }

  run(input: string | readonly number[], options: InspectOptions): void {
    const parsedInput = parseInputShape(input);
    if ('error' in parsedInput) {
      this.addError({ code: 'bad-input-shape', message: parsedInput.error, line: null, column: null, start: null, end: null });
    } else {
      this.input = parsedInput.shape;
    }

    if (this.source.length > MAX_SOURCE_LENGTH) {
      this.addError({
        code: 'source-too-large',
        message: `the model text has ${this.source.length.toLocaleString('en-US')} characters; at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} are read`,
        line: 1,
        column: 1,
        start: 0,
        end: 0,
      });
      return;
    }
    if (this.source.trim() === '') {
      this.addError({
        code: 'empty-model',
        message: 'the model text is empty; paste nn.Sequential(...) code or the output of print(model)',
        line: 1,
        column: 1,
        start: 0,
        end: 0,
      });
      return;
    }

    const format = options.format === undefined || options.format === 'auto' ? detectFormat(this.source) : options.format;
    this.format = format;
    let root: ModuleNode | null;
    try {
      root = format === 'print' ? parsePrint(this.source, isKnownClassName) : parseCode(this.source, isKnownLayer).model;
    } catch (e) {
      if (e instanceof SourceError) {
        this.addSourceError(e);
        return;
      }
      throw e;
    }
    if (root === null) {
      this.addError({
        code: 'empty-model',
        message: 'found no nn.Sequential(...) (and no layer) to inspect; paste nn.Sequential(...) code or the output of print(model)',
        line: 1,
        column: 1,
        start: 0,
        end: 0,
      });
      return;
    }

    let leaves: Leaf[];
    try {
      leaves = collectLeaves(root, format);
    } catch (e) {
      if (e instanceof SourceError) {
        this.addSourceError(e);
        return;
      }
      throw e;
    }
    if (leaves.length === 0) {
      this.addError({ code: 'empty-model', message: `${root.callee}(...) has no layers`, ...fromSpan(root.span) });
      return;
    }

    // print(model) of a custom class: its forward() is not shown.
    const customRoot = format === 'print' && !(root.className === 'Sequential' && root.torchNn) && root.children !== null;
    if (customRoot) {
      this.notes.push(`${root.className}'s forward() is not part of print(model): its layers are taken in printed order.`);
    }
    const layers = leaves.map((leaf, index) => this.readLayer(leaf, index, format));

    const customParents = new Set<string>();
    leaves.forEach((leaf, i) => {
      if (leaf.customParent === null || customParents.has(leaf.customParent.name)) return;
      const { name, className } = leaf.customParent;
      customParents.add(name);
      this.notes.push(
        `\`${name}\` (${className}) is a custom module: its layers are taken in printed order, which is right only if its forward() applies them one after another (not for residual blocks).`,
      );
      (this.rows[i] as LayerRow).notes.push(`First layer inside the custom module \`${name}\` (${className}): printed order assumed.`);
    });
    this.propagate(leaves, layers, customRoot);
  }

  private readLayer(leaf: Leaf, index: number, format: SourceFormat): NormalisedLayer | SourceError {
    const node = leaf.node;
    const row: LayerRow = {
      index,
      name: leaf.name,
      type: node.className,
      callee: node.callee,
      line: node.span.line,
      column: node.span.column,
      args: node.argsText.replace(/\s+/g, ' ').trim(),
      spec: null,
      inputShape: null,
      outputShape: null,
      params: null,
      macs: null,
      requiredInFeatures: null,
      status: 'not-computed',
      notes: [],
    };
    this.rows.push(row);
    try {
      const layer = normalise(node, format);
      row.spec = layer.spec;
      row.notes.push(...layer.notes);
      return layer;
    } catch (e) {
      if (e instanceof SourceError) {
        this.addSourceError(e, row);
        row.status = 'error';
        return e;
      }
      throw e;
    }
  }

  private layerError(row: LayerRow, code: InspectErrorCode, message: string, span: Span, extra: Partial<InspectError> = {}): void {
    this.addError({ code, message, ...fromSpan(span), layerIndex: row.index, layerName: row.name, ...extra });
  }

  private propagate(leaves: Leaf[], layers: (NormalisedLayer | SourceError)[], customRoot: boolean): void {
    let shape: Shape | null = this.input;
    let stopped = shape === null;
    let lastSpatial: { shape: Shape; after: { name: string; type: string } | null } | null =
      shape !== null && shape.length === 4 ? { shape, after: null } : null;
    let origin: FeatureOrigin = { kind: 'input' };

    leaves.forEach((leaf, i) => {
      const row = this.rows[i] as LayerRow;
      const layer = layers[i] as NormalisedLayer | SourceError;
      if (stopped || shape === null) return;
      if (layer instanceof SourceError) {
        row.notes.push('Shapes after this layer are not computed.');
        stopped = true;
        return;
      }
      const node = leaf.node;
      let spec = layer.spec;
      let input: Shape = shape;

      try {
        if (spec.kind === 'Linear' && input.length > 2) {
          const flat = outputShape({ kind: 'Flatten', startDim: 1, endDim: -1 }, input);
          const flatOrigin: FeatureOrigin = {
            kind: 'flatten',
            dims: input.slice(1),
            after:
              lastSpatial?.shape === input
                ? lastSpatial.after
                : i > 0
                  ? { name: (this.rows[i - 1] as LayerRow).name, type: (this.rows[i - 1] as LayerRow).type }
                  : null,
          };
          if (customRoot) {
            row.notes.push(
              `Assumed torch.flatten(x, 1) before this layer: ${shapeText(input)} → ${shapeText(flat)} (print(model) does not show forward()).`,
            );
            this.notes.push(
              `The 4-D tensor reaching \`${row.name}\` (Linear) is assumed flattened with torch.flatten(x, 1) in forward(), as torchvision's AlexNet and VGG do.`,
            );
            input = flat;
            origin = flatOrigin;
          } else if (spec.inFeatures !== null && spec.inFeatures !== input[input.length - 1]) {
            const rows = input.slice(0, -1).reduce((a, b) => a * b, 1);
            const fix = `${prefixOf(node)}Flatten()`;
            const err: Partial<InspectError> = {
              detail: `${row.callee} acts on the last dimension of its ${input.length}-D input ${shapeText(input)}; an image tensor must be flattened first. Flattening gives ${shapeText(flat)}.`,
              fix: `add ${fix} before this layer`,
            };
            if (leaf.insertable) err.edit = { start: node.span.start, end: node.span.start, text: `${fix}, ` };
            this.layerError(
              row,
              'missing-flatten',
              `mat1 and mat2 shapes cannot be multiplied (${rows}x${input[input.length - 1]} and ${spec.inFeatures}x${spec.outFeatures})`,
              node.span,
              err,
            );
            row.notes.push(`Checked as if ${fix} came before it: ${shapeText(input)} → ${shapeText(flat)}.`);
            row.status = 'corrected';
            input = flat;
            origin = flatOrigin;
          } else if (spec.inFeatures !== null) {
            row.notes.push(
              `Linear acts on the last dimension of this ${input.length}-D input; add nn.Flatten() before it if you meant to flatten.`,
            );
          }
        }
        row.inputShape = input;

        let out: Shape;
        try {
          out = outputShape(spec, input);
        } catch (e) {
          if (!(e instanceof LayerError)) throw e;
          const corrected = this.mismatch(e, row, leaf, layer, input, origin);
          if (corrected === null) throw e;
          spec = corrected;
          out = outputShape(spec, input);
          row.status = 'corrected';
        }
        // Parameters as written (PyTorch builds the module before any forward pass).
        const params = paramCount(layer.spec, input);
        const m = layerMacs(spec, input, out);
        row.outputShape = out;
        row.params = params;
        row.macs = m;
        if (row.status === 'not-computed') row.status = 'ok';
        if (spec.kind === 'Linear') {
          row.requiredInFeatures = input[input.length - 1] ?? null;
          if ((layer.spec as LinearSpec).inFeatures === null)
            row.notes.push(`in_features inferred from the input: ${row.requiredInFeatures}.`);
        }
        if (spec.kind === 'Conv2d' && layer.spec.kind === 'Conv2d' && layer.spec.inChannels === null) {
          row.notes.push(`in_channels inferred from the input: ${input[1]}.`);
        }
        // Track where features come from.
        if (out.length === 4) {
          lastSpatial = { shape: out, after: { name: row.name, type: row.type } };
        } else if (input.length === 4 && out.length === 2) {
          origin =
            spec.kind === 'Flatten'
              ? { kind: 'flatten', dims: input.slice(1), after: lastSpatial?.after ?? null }
              : { kind: 'layer', name: row.name, type: row.type };
        } else if (spec.kind === 'Linear' || spec.kind === 'Flatten' || spec.kind === 'Unflatten') {
          origin =
            spec.kind === 'Flatten' && input.length > 2
              ? { kind: 'flatten', dims: input.slice(1), after: lastSpatial?.after ?? null }
              : { kind: 'layer', name: row.name, type: row.type };
        }
        shape = out;
      } catch (e) {
        if (e instanceof LayerError) {
          row.status = 'error';
          this.layerError(row, e.code, `Layer \`${row.name}\`: ${e.message}`, this.spanFor(e.code, layer, node));
          row.notes.push('Shapes after this layer are not computed.');
          stopped = true;
          return;
        }
        throw e;
      }
    });
  }

  private spanFor(code: LayerErrorCode, layer: NormalisedLayer, node: ModuleNode): Span {
    const arg = (name: string): Span | undefined => layer.bound.get(name)?.valueSpan;
    switch (code) {
      case 'channel-mismatch':
        return arg('in_channels') ?? node.span;
      case 'batchnorm-mismatch':
        return arg('num_features') ?? node.span;
      case 'in-features-mismatch':
        return arg('in_features') ?? node.span;
      case 'kernel-too-large':
        return arg('kernel_size') ?? node.span;
      default:
        return node.span;
    }
  }

  /**
   * For the mismatches with one obvious fix (Linear in_features, Conv2d in_channels,
   * BatchNorm num_features): reports the error with its fix and returns the corrected
   * spec so that the layers after it are still checked. `null` for other errors.
   */
  private mismatch(
    e: LayerError,
    row: LayerRow,
    leaf: Leaf,
    layer: NormalisedLayer,
    input: Shape,
    origin: FeatureOrigin,
  ): LayerSpec | null {
    const spec = layer.spec;
    const node = leaf.node;
    const codeName = this.format === 'print' ? `nn.${node.className}` : node.callee;
    const actual = e.details['actual'];
    const expected = e.details['expected'];
    if (typeof actual !== 'number' || typeof expected !== 'number') return null;
    const editOf = (name: string): SourceEdit | undefined => {
      const span = layer.bound.get(name)?.valueSpan;
      if (span === undefined) return undefined;
      return { start: span.start, end: span.end, text: String(actual) };
    };
    const continued = `Checked with ${actual} instead of ${expected} so that the layers after it are still checked.`;
    /** The call as written with `edit` applied, e.g. `nn.Conv2d(16, 32, 3)`. */
    const fixedCall = (edit: SourceEdit | undefined): string | undefined => {
      if (edit === undefined) return undefined;
      const start = node.span.start;
      const end = node.argsSpan.end + 1;
      const text = this.source.slice(start, edit.start) + edit.text + this.source.slice(edit.end, end);
      return (
        (this.format === 'print' ? 'nn.' : '') +
        text
          .replace(/\s+/g, ' ')
          .replace(/\(\s/g, '(')
          .replace(/,?\s\)$/, ')')
      );
    };

    if (e.code === 'in-features-mismatch' && spec.kind === 'Linear' && input.length === 2) {
      const batch = input.slice(0, -1).reduce((a, b) => a * b, 1);
      const fix = `${codeName}(${actual}, ${spec.outFeatures}${spec.bias ? '' : ', bias=False'})`;
      const extra: Partial<InspectError> = {
        detail: `${codeName}(${expected}, ${spec.outFeatures}) expects ${expected} input features, but receives ${actual}: ${describeOrigin(actual, origin)}.`,
        fix,
      };
      const edit = editOf('in_features');
      if (edit !== undefined) extra.edit = edit;
      this.layerError(
        row,
        'in-features-mismatch',
        `mat1 and mat2 shapes cannot be multiplied (${batch}x${actual} and ${expected}x${spec.outFeatures})`,
        this.spanFor(e.code, layer, node),
        extra,
      );
      row.notes.push(
        `in_features should be ${actual}. ${continued} Parameters are as written (${expected} × ${spec.outFeatures}${spec.bias ? ` + ${spec.outFeatures}` : ''}); output and MACs use ${actual}.`,
      );
      return { ...spec, inFeatures: actual };
    }
    if (e.code === 'channel-mismatch' && spec.kind === 'Conv2d' && spec.inChannels !== null) {
      const edit = editOf('in_channels');
      const extra: Partial<InspectError> = { fix: fixedCall(edit) ?? `in_channels=${actual}` };
      if (edit !== undefined) extra.edit = edit;
      this.layerError(row, e.code, `Layer \`${row.name}\`: ${e.message}`, this.spanFor(e.code, layer, node), extra);
      row.notes.push(`in_channels should be ${actual}. ${continued}`);
      return { ...spec, inChannels: actual };
    }
    if (e.code === 'batchnorm-mismatch' && (spec.kind === 'BatchNorm1d' || spec.kind === 'BatchNorm2d')) {
      const edit = editOf('num_features');
      const extra: Partial<InspectError> = { fix: fixedCall(edit) ?? `${codeName}(${actual})` };
      if (edit !== undefined) extra.edit = edit;
      this.layerError(row, e.code, `Layer \`${row.name}\`: ${e.message}`, this.spanFor(e.code, layer, node), extra);
      row.notes.push(`num_features should be ${actual}. ${continued}`);
      return { ...spec, numFeatures: actual };
    }
    return null;
  }

  report(): InspectReport {
    const totals = emptyTotals();
    let complete = this.rows.length > 0 && this.errors.every((e) => e.code !== 'bad-input-shape');
    // Rows are summed while every total stays a safe integer; the first row that
    // would push a total past 2^53 − 1 (and every row after it) is left out, the
    // totals are marked incomplete and the error names that layer.
    let overflowAt: string | null = null;
    for (const row of this.rows) {
      if (row.params === null || row.macs === null || overflowAt !== null) {
        complete = false;
        continue;
      }
      const parameters = totals.parameters + row.params.weight + row.params.bias;
      const trainable = totals.trainable + row.params.trainable;
      const buffers = totals.buffers + row.params.buffers;
      const macs = totals.macs + row.macs;
      if (![parameters, trainable, buffers, macs, (parameters + buffers) * 4].every(Number.isSafeInteger)) {
        overflowAt = row.name;
        complete = false;
        continue;
      }
      totals.parameters = parameters;
      totals.trainable = trainable;
      totals.buffers = buffers;
      totals.macs = macs;
    }
    totals.sizeBytes = (totals.parameters + totals.buffers) * 4;
    totals.sizeMB = totals.sizeBytes / 1e6;
    totals.complete = complete;
    if (overflowAt !== null) {
      this.addError({
        code: 'unsafe-integer',
        message: `the totals exceed 2^53 − 1, the largest integer the inspector counts exactly, from layer \`${overflowAt}\` on; the totals cover the layers before it. Use a smaller input shape.`,
        line: null,
        column: null,
        start: null,
        end: null,
      });
    }

    const linears: LinearCheck[] = [];
    for (const row of this.rows) {
      if (row.spec?.kind !== 'Linear') continue;
      linears.push({
        layerIndex: row.index,
        name: row.name,
        line: row.line,
        column: row.column,
        inFeatures: row.spec.inFeatures,
        outFeatures: row.spec.outFeatures,
        requiredInFeatures: row.requiredInFeatures,
        ok: row.requiredInFeatures === null ? null : row.spec.inFeatures === null || row.spec.inFeatures === row.requiredInFeatures,
      });
    }

    let correctedSource: string | null = null;
    if (this.edits.length > 0) {
      const edits = [...this.edits].sort((a, b) => b.start - a.start);
      let text = this.source;
      let limit = Infinity;
      for (const edit of edits) {
        if (edit.end > limit) continue; // overlapping edits: keep the later one
        text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
        limit = edit.start;
      }
      correctedSource = text;
    }

    const last = this.rows[this.rows.length - 1];
    return {
      ok: this.errors.length === 0,
      format: this.format,
      input: this.input,
      output: complete && last !== undefined ? last.outputShape : null,
      layers: this.rows,
      linears,
      totals,
      errors: this.errors,
      notes: this.notes,
      correctedSource,
    };
  }
}

function internalError(e: unknown): InspectError {
  const overflow = e instanceof RangeError && /call stack/i.test(e.message);
  return {
    code: overflow ? 'nesting-too-deep' : 'internal-error',
    message: overflow
      ? 'the model is nested too deeply to read'
      : `the inspector failed unexpectedly (${e instanceof Error ? e.message : String(e)}); please report this model`,
    line: null,
    column: null,
    start: null,
    end: null,
  };
}

/**
 * Inspects a model. `source` is nn.Sequential code or print(model) text; `input` is
 * "C,H,W", "N,C,H,W" or a feature count "F" (or the same as an array). Never throws.
 */
export function inspect(source: string, input: string | readonly number[], options: InspectOptions = {}): InspectReport {
  const text = typeof source === 'string' ? source : String(source);
  const inspection = new Inspection(text);
  try {
    inspection.run(input, options);
  } catch (e) {
    inspection.addError(internalError(e));
  }
  try {
    return inspection.report();
  } catch (e) {
    return {
      ok: false,
      format: inspection.format,
      input: inspection.input,
      output: null,
      layers: [],
      linears: [],
      totals: emptyTotals(),
      errors: [...inspection.errors, internalError(e)],
      notes: [],
      correctedSource: null,
    };
  }
}

/** `line 4, column 12: message` (or just the message when it has no place). */
export function formatError(e: InspectError): string {
  return e.line === null ? e.message : `line ${e.line}, column ${e.column}: ${e.message}`;
}
