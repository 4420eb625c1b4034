/**
 * The layer library: output shapes, parameter counts and multiply–accumulate
 * counts of the layers described by a `LayerSpec` (see ./types.ts).
 *
 *   outputShape(spec, input)       → the shape PyTorch would produce, or a LayerError
 *   paramCount(spec, input)        → weights, biases, trainable total and buffers
 *   macs(spec, input, output)      → multiply–accumulates for one sample
 *
 * All shapes are batch-first NCHW, as in PyTorch. The formulas are in ./shapes.ts.
 * The only error thrown is `LayerError`, whose message says what is wrong and how
 * to fix it, and whose `code` and `details` let callers react programmatically.
 */

import type {
  AdaptivePool2dSpec,
  AvgPool2dSpec,
  BatchNormSpec,
  Conv2dSpec,
  FlattenSpec,
  LayerErrorCode,
  LayerSpec,
  LinearSpec,
  MaxPool2dSpec,
  Pair,
  ParamCount,
  Shape,
  UnflattenSpec,
} from './types';
import { LayerError } from './types';
import {
  checkedAdd,
  checkedMul,
  convOutputSize,
  effectiveKernelSize,
  formatShape,
  poolPaddingLimit,
  numel,
  poolOutputSize,
  resolveConv2dPadding,
} from './shapes';

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/**
 * The output shape of `spec` applied to an input of shape `input` (batch first,
 * NCHW), following PyTorch's documented formulas:
 *
 * - Conv2d:      [N, C_in, H, W] → [N, C_out, H_out, W_out], Eq. conv per axis
 * - MaxPool2d:   [N, C, H, W] → [N, C, H_out, W_out], Eq. pool / Eq. pool-ceil
 * - AvgPool2d:   as MaxPool2d with dilation 1
 * - Adaptive*Pool2d: [N, C, H, W] → [N, C, H_o, W_o] (null keeps H or W)
 * - GlobalAvgPool: [N, C, H, W] → [N, C]
 * - Flatten:     dims start..end merged into their product
 * - Unflatten:   dim `dim` split into `sizes` (one −1 inferred)
 * - Linear:      [N, …, in_features] → [N, …, out_features]
 * - BatchNorm1d: [N, C] or [N, C, L], unchanged; BatchNorm2d: [N, C, H, W], unchanged
 * - Dropout, Dropout2d, activations, Softmax, LogSoftmax, Identity: unchanged
 *
 * Throws `LayerError` (and nothing else) when PyTorch would raise, or when a
 * size leaves the safe-integer range ('unsafe-integer').
 */
export function outputShape(spec: LayerSpec, input: Shape): Shape {
  return onlyLayerErrors(spec, () => outputShapeUnchecked(spec, input));
}

function outputShapeUnchecked(spec: LayerSpec, input: Shape): Shape {
  const name = layerName(spec);
  validateInputShape(input, name);
  switch (spec.kind) {
    case 'Conv2d':
      return conv2dOutputShape(spec, input);
    case 'MaxPool2d':
      return maxPool2dOutputShape(spec, input);
    case 'AvgPool2d':
      return avgPool2dOutputShape(spec, input);
    case 'AdaptiveAvgPool2d':
    case 'AdaptiveMaxPool2d':
      return adaptivePool2dOutputShape(spec, input);
    case 'GlobalAvgPool': {
      const [n, c] = requireRank(input, [4], name, '[N, C, H, W]');
      return [n, c];
    }
    case 'Flatten':
      return flattenOutputShape(spec, input);
    case 'Unflatten':
      return unflattenOutputShape(spec, input);
    case 'Linear':
      return linearOutputShape(spec, input);
    case 'BatchNorm1d':
    case 'BatchNorm2d':
      return batchNormOutputShape(spec, input);
    case 'Dropout':
    case 'Dropout2d':
      validateDropoutP(spec.p, name);
      return [...input];
    case 'Activation':
    case 'Identity':
      return [...input];
    case 'Softmax':
    case 'LogSoftmax':
      if (spec.dim !== null) normaliseDim(spec.dim, input, name, 'dim');
      return [...input];
    default:
      return unreachable(spec);
  }
}

/**
 * The parameters of `spec` as PyTorch counts them (`p.numel()` summed over
 * `parameters()` and over `buffers()`):
 *
 * - Conv2d:  weight = C_out · (C_in / groups) · k_h · k_w,  bias = C_out if bias  (Eq. conv-params)
 * - Linear:  weight = in · out,  bias = out if bias                                (Eq. linear-params)
 * - BatchNorm: weight = bias = C if affine; buffers = 2C + 1 if track_running_stats
 *   (running_mean, running_var and the scalar num_batches_tracked)                 (Eq. bn-params)
 * - every other layer: 0
 *
 * `trainable = weight + bias`. `input` is used only to resolve LazyConv2d
 * (C_in = input[1]) and LazyLinear (in = input's last dimension); this function
 * does not re-check that the input fits the layer (`outputShape` does).
 */
export function paramCount(spec: LayerSpec, input: Shape): ParamCount {
  return onlyLayerErrors(spec, () => paramCountUnchecked(spec, input));
}

function paramCountUnchecked(spec: LayerSpec, input: Shape): ParamCount {
  switch (spec.kind) {
    case 'Conv2d': {
      validateConv2dArguments(spec);
      const inC = resolveConvInChannels(spec, input);
      const perGroup = inC / spec.groups;
      const weight = checkedMul(
        checkedMul(checkedMul(spec.outChannels, perGroup, 'The weight count'), spec.kernelSize[0], 'The weight count'),
        spec.kernelSize[1],
        'The weight count',
      );
      return counts(weight, spec.bias ? spec.outChannels : 0, 0);
    }
    case 'Linear': {
      validateLinearArguments(spec);
      const inF = resolveLinearInFeatures(spec, input);
      const weight = checkedMul(inF, spec.outFeatures, 'The weight count');
      return counts(weight, spec.bias ? spec.outFeatures : 0, 0);
    }
    case 'BatchNorm1d':
    case 'BatchNorm2d': {
      const c = requireInteger(spec.numFeatures, 'num_features', spec.kind, 1);
      const buffers = spec.trackRunningStats ? checkedAdd(checkedMul(2, c, 'The buffer count'), 1, 'The buffer count') : 0;
      return counts(spec.affine ? c : 0, spec.affine ? c : 0, buffers);
    }
    case 'MaxPool2d':
    case 'AvgPool2d':
    case 'AdaptiveAvgPool2d':
    case 'AdaptiveMaxPool2d':
    case 'GlobalAvgPool':
    case 'Flatten':
    case 'Unflatten':
    case 'Dropout':
    case 'Dropout2d':
    case 'Activation':
    case 'Softmax':
    case 'LogSoftmax':
    case 'Identity':
      return counts(0, 0, 0);
    default:
      return unreachable(spec);
  }
}

/**
 * Multiply–accumulate operations (MACs) of `spec` for ONE sample, given the
 * layer's input and output shapes (as returned by `outputShape`).
 *
 * Convention: only products with learned weights are counted, one MAC per
 * weight–input product; bias additions are not counted.
 *
 * - Conv2d:  MACs = (C_out · H_out · W_out) · (k_h · k_w · C_in / groups)   (Eq. conv-macs)
 * - Linear:  MACs = in · out for an [N, in] input; for [N, …, in] the product is
 *            repeated for every position, MACs = (elements of one output sample) · in
 *                                                                          (Eq. linear-macs)
 * - every other layer (pooling, normalisation, activations, dropout, softmax,
 *   reshapes): 0, even though some of them do arithmetic.
 *
 * One MAC is often counted as two FLOPs (a multiply and an add).
 */
export function macs(spec: LayerSpec, input: Shape, output: Shape): number {
  return onlyLayerErrors(spec, () => macsUnchecked(spec, input, output));
}

function macsUnchecked(spec: LayerSpec, input: Shape, output: Shape): number {
  switch (spec.kind) {
    case 'Conv2d': {
      validateConv2dArguments(spec);
      validateInputShape(output, layerName(spec));
      const inC = resolveConvInChannels(spec, input);
      const perOutput = checkedMul(checkedMul(spec.kernelSize[0], spec.kernelSize[1], 'The MAC count'), inC / spec.groups, 'The MAC count');
      return checkedMul(perSample(output), perOutput, 'The MAC count');
    }
    case 'Linear': {
      validateLinearArguments(spec);
      validateInputShape(output, layerName(spec));
      const inF = resolveLinearInFeatures(spec, input);
      return checkedMul(perSample(output), inF, 'The MAC count');
    }
    case 'MaxPool2d':
    case 'AvgPool2d':
    case 'AdaptiveAvgPool2d':
    case 'AdaptiveMaxPool2d':
    case 'GlobalAvgPool':
    case 'Flatten':
    case 'Unflatten':
    case 'BatchNorm1d':
    case 'BatchNorm2d':
    case 'Dropout':
    case 'Dropout2d':
    case 'Activation':
    case 'Softmax':
    case 'LogSoftmax':
    case 'Identity':
      return 0;
    default:
      return unreachable(spec);
  }
}

// ---------------------------------------------------------------------------
// Layer by layer
// ---------------------------------------------------------------------------

function conv2dOutputShape(spec: Conv2dSpec, input: Shape): Shape {
  const name = layerName(spec);
  validateConv2dArguments(spec);
  const [n, c, h, w] = requireRank(input, [4], name, '[N, C, H, W]');
  resolveConvInChannels(spec, input); // LazyConv2d: checks the inferred in_channels against groups
  if (spec.inChannels !== null && c !== spec.inChannels) {
    fail(
      'channel-mismatch',
      `${name} expects ${spec.inChannels} input channels but receives ${c} (from the previous layer; input ${formatShape(input)}). ` +
        `Set in_channels=${c}, or make the previous layer output ${spec.inChannels} channels.`,
      { expected: spec.inChannels, actual: c },
    );
  }
  const [kh, kw] = spec.kernelSize;
  const [sh, sw] = spec.stride;
  const [dh, dw] = spec.dilation;
  const [top, bottom, left, right] = resolveConv2dPadding(spec.padding, spec.kernelSize, spec.dilation);
  const paddedH = checkedAdd(checkedAdd(h, top), bottom, 'A padded size');
  const paddedW = checkedAdd(checkedAdd(w, left), right, 'A padded size');
  const effH = effectiveKernelSize(kh, dh);
  const effW = effectiveKernelSize(kw, dw);
  if (effH > paddedH || effW > paddedW) {
    const dilated = dh !== 1 || dw !== 1 ? ` (dilation ${dh}×${dw} makes it cover ${effH}×${effW})` : '';
    fail(
      'kernel-too-large',
      `${name}'s ${kh}×${kw} kernel${dilated} is larger than its ${describeInput(h, w, top + bottom, left + right)}. ` +
        `Use a smaller kernel_size or dilation, add padding, or downsample less before this layer.`,
      { kernelH: effH, kernelW: effW, paddedH, paddedW, inputH: h, inputW: w },
    );
  }
  const hOut = convOutputSize(h, kh, sh, top, bottom, dh);
  const wOut = convOutputSize(w, kw, sw, left, right, dw);
  // With the kernel inside the padded input both are ≥ 1; keep the guard anyway.
  requirePositiveOutput(name, hOut, wOut, input);
  return finalShape([n, spec.outChannels, hOut, wOut], name);
}

function maxPool2dOutputShape(spec: MaxPool2dSpec, input: Shape): Shape {
  const name = 'MaxPool2d';
  requirePair(spec.kernelSize, 'kernel_size', name, 1);
  requirePair(spec.stride, 'stride', name, 1);
  requirePair(spec.padding, 'padding', name, 0);
  requirePair(spec.dilation, 'dilation', name, 1);
  checkPoolPadding(name, spec.kernelSize, spec.padding);
  const [n, c, h, w] = requireRank(input, [4], name, '[N, C, H, W]');
  const hOut = poolOutputSize(h, spec.kernelSize[0], spec.stride[0], spec.padding[0], spec.dilation[0], spec.ceilMode);
  const wOut = poolOutputSize(w, spec.kernelSize[1], spec.stride[1], spec.padding[1], spec.dilation[1], spec.ceilMode);
  checkPoolFits(name, spec.kernelSize, spec.dilation, spec.padding, h, w, hOut, wOut);
  return finalShape([n, c, hOut, wOut], name);
}

function avgPool2dOutputShape(spec: AvgPool2dSpec, input: Shape): Shape {
  const name = 'AvgPool2d';
  requirePair(spec.kernelSize, 'kernel_size', name, 1);
  requirePair(spec.stride, 'stride', name, 1);
  requirePair(spec.padding, 'padding', name, 0);
  checkPoolPadding(name, spec.kernelSize, spec.padding);
  const [n, c, h, w] = requireRank(input, [4], name, '[N, C, H, W]');
  const hOut = poolOutputSize(h, spec.kernelSize[0], spec.stride[0], spec.padding[0], 1, spec.ceilMode);
  const wOut = poolOutputSize(w, spec.kernelSize[1], spec.stride[1], spec.padding[1], 1, spec.ceilMode);
  checkPoolFits(name, spec.kernelSize, [1, 1], spec.padding, h, w, hOut, wOut);
  return finalShape([n, c, hOut, wOut], name);
}

function adaptivePool2dOutputShape(spec: AdaptivePool2dSpec, input: Shape): Shape {
  const name = spec.kind;
  const [oh, ow] = spec.outputSize;
  if (oh !== null) requireInteger(oh, 'output_size[0]', name, 1);
  if (ow !== null) requireInteger(ow, 'output_size[1]', name, 1);
  const [n, c, h, w] = requireRank(input, [4], name, '[N, C, H, W]');
  return finalShape([n, c, oh ?? h, ow ?? w], name);
}

function flattenOutputShape(spec: FlattenSpec, input: Shape): Shape {
  const name = 'Flatten';
  const start = normaliseDim(spec.startDim, input, name, 'start_dim');
  const end = normaliseDim(spec.endDim, input, name, 'end_dim');
  if (start > end) {
    fail(
      'invalid-argument',
      `Flatten: start_dim=${spec.startDim} comes after end_dim=${spec.endDim} for the ${input.length}-D input ${formatShape(input)} ` +
        `(dims ${start} and ${end}); PyTorch raises "start_dim cannot come after end_dim". Swap them or use the defaults (1, −1).`,
      { startDim: start, endDim: end },
    );
  }
  const merged = numel(input.slice(start, end + 1), 'The flattened size');
  return finalShape([...input.slice(0, start), merged, ...input.slice(end + 1)], name);
}

function unflattenOutputShape(spec: UnflattenSpec, input: Shape): Shape {
  const name = 'Unflatten';
  const dim = normaliseDim(spec.dim, input, name, 'dim');
  const size = input[dim] ?? 0;
  if (spec.sizes.length === 0) {
    fail('invalid-argument', `Unflatten: sizes must not be empty; give the shape that dimension ${dim} (of size ${size}) should become.`);
  }
  let inferred = -1;
  let known = 1;
  spec.sizes.forEach((s, i) => {
    if (s === -1) {
      if (inferred !== -1) {
        fail(
          'invalid-argument',
          `Unflatten: only one size may be −1, but sizes=${formatShape(spec.sizes)} has more. Replace all but one with numbers.`,
        );
      }
      inferred = i;
    } else {
      known = checkedMul(known, requireInteger(s, `sizes[${i}]`, name, 1), 'The unflattened size');
    }
  });
  const sizes = [...spec.sizes];
  if (inferred !== -1) {
    if (size % known !== 0) {
      fail(
        'invalid-argument',
        `Unflatten: dimension ${dim} has size ${size}, which is not divisible by ${known} (the product of the other sizes in ${formatShape(spec.sizes)}), ` +
          `so −1 cannot be inferred. Choose sizes whose product divides ${size}.`,
        { size, known },
      );
    }
    sizes[inferred] = size / known;
  } else if (known !== size) {
    fail(
      'invalid-argument',
      `Unflatten: sizes=${formatShape(spec.sizes)} multiply to ${known}, but dimension ${dim} of the input ${formatShape(input)} has size ${size}. ` +
        `Choose sizes whose product is ${size} (one of them may be −1).`,
      { expected: size, actual: known },
    );
  }
  return finalShape([...input.slice(0, dim), ...sizes, ...input.slice(dim + 1)], name);
}

function linearOutputShape(spec: LinearSpec, input: Shape): Shape {
  const name = layerName(spec);
  validateLinearArguments(spec);
  requireRank(input, 'at-least-2', name, '[N, …, in_features]');
  const actual = input[input.length - 1] ?? 0;
  const expected = spec.inFeatures ?? actual;
  if (expected !== actual) {
    const rows = numel(input.slice(0, -1));
    const perSampleFeatures = numel(input.slice(1));
    const fix =
      input.length > 2 && perSampleFeatures === expected
        ? `Linear acts on the last dimension only: add a Flatten before it (flattening ${formatShape(input)} gives exactly ${expected} features), or set in_features=${actual}.`
        : `Set in_features=${actual}, or change the layers before it.`;
    fail(
      'in-features-mismatch',
      `${name} expects ${expected} input features but receives ${actual} (the last dimension of the input ${formatShape(input)}). ` +
        `${fix} ` +
        `PyTorch reports this as "mat1 and mat2 shapes cannot be multiplied (${rows}x${actual} and ${expected}x${spec.outFeatures})".`,
      { expected, actual },
    );
  }
  return finalShape([...input.slice(0, -1), spec.outFeatures], name);
}

function batchNormOutputShape(spec: BatchNormSpec, input: Shape): Shape {
  const name = spec.kind;
  const c = requireInteger(spec.numFeatures, 'num_features', name, 1);
  if (spec.kind === 'BatchNorm1d') requireRank(input, [2, 3], name, '[N, C] or [N, C, L]');
  else requireRank(input, [4], name, '[N, C, H, W]');
  const actual = input[1] ?? 0;
  if (actual !== c) {
    fail(
      'batchnorm-mismatch',
      `${name} expects ${c} channels (num_features=${c}) but receives ${actual} (dimension 1 of the input ${formatShape(input)}). ` +
        `Set num_features=${actual} to match the previous layer.` +
        (spec.trackRunningStats ? ` PyTorch reports this as "running_mean should contain ${actual} elements not ${c}".` : ''),
      { expected: c, actual },
    );
  }
  return [...input];
}

// ---------------------------------------------------------------------------
// Argument validation
// ---------------------------------------------------------------------------

function validateConv2dArguments(spec: Conv2dSpec): void {
  const name = layerName(spec);
  if (spec.inChannels !== null) requireInteger(spec.inChannels, 'in_channels', name, 1);
  requireInteger(spec.outChannels, 'out_channels', name, 1);
  requirePair(spec.kernelSize, 'kernel_size', name, 1);
  requirePair(spec.stride, 'stride', name, 1);
  requirePair(spec.dilation, 'dilation', name, 1);
  requireInteger(spec.groups, 'groups', name, 1);
  if (spec.padding === 'same') {
    if (spec.stride[0] !== 1 || spec.stride[1] !== 1) {
      const ph = Math.floor((spec.dilation[0] * (spec.kernelSize[0] - 1)) / 2);
      const pw = Math.floor((spec.dilation[1] * (spec.kernelSize[1] - 1)) / 2);
      fail(
        'invalid-argument',
        `${name}: padding='same' is not supported for strided convolutions (stride=(${spec.stride[0]}, ${spec.stride[1]})). ` +
          `Use stride=1, or give the padding explicitly, e.g. padding=(${ph}, ${pw}).`,
        { strideH: spec.stride[0], strideW: spec.stride[1] },
      );
    }
  } else if (spec.padding !== 'valid') {
    requirePair(spec.padding, 'padding', name, 0);
  }
  if (spec.inChannels !== null) checkGroups(name, spec.inChannels, 'in_channels', spec.groups);
  checkGroups(name, spec.outChannels, 'out_channels', spec.groups);
}

function checkGroups(name: string, channels: number, what: string, groups: number): void {
  if (channels % groups !== 0) {
    fail(
      'invalid-argument',
      `${name}: ${what} (${channels}) must be divisible by groups (${groups}). Choose groups that divides both in_channels and out_channels.`,
      { channels, groups },
    );
  }
}

/** C_in of a Conv2d: its in_channels, or for LazyConv2d the input's dimension 1. */
function resolveConvInChannels(spec: Conv2dSpec, input: Shape): number {
  if (spec.inChannels !== null) return spec.inChannels;
  const name = layerName(spec);
  validateInputShape(input, name);
  const [, c] = requireRank(input, [4], name, '[N, C, H, W]');
  if (c % spec.groups !== 0) {
    fail(
      'invalid-argument',
      `${name}: in_channels (${c}, inferred from the input ${formatShape(input)}) must be divisible by groups (${spec.groups}). ` +
        `Choose groups that divides ${c}, or change the previous layer's channel count.`,
      { channels: c, groups: spec.groups },
    );
  }
  return c;
}

function validateLinearArguments(spec: LinearSpec): void {
  const name = layerName(spec);
  if (spec.inFeatures !== null) requireInteger(spec.inFeatures, 'in_features', name, 1);
  requireInteger(spec.outFeatures, 'out_features', name, 1);
}

/** `in` of a Linear: its in_features, or for LazyLinear the input's last dimension. */
function resolveLinearInFeatures(spec: LinearSpec, input: Shape): number {
  if (spec.inFeatures !== null) return spec.inFeatures;
  const name = layerName(spec);
  validateInputShape(input, name);
  requireRank(input, 'at-least-2', name, '[N, …, in_features]');
  return input[input.length - 1] ?? 0;
}

function validateDropoutP(p: number, name: string): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    fail(
      'invalid-argument',
      `${name}: dropout probability has to be between 0 and 1, but got ${p}. p is the probability of dropping a unit.`,
      {
        p: String(p),
      },
    );
  }
}

/** Eq. pool-pad: padding ≤ ⌊kernel_size / 2⌋ on each axis, whatever the dilation (PyTorch's own words quoted). */
function checkPoolPadding(name: string, kernel: Pair, padding: Pair): void {
  const limit: Pair = [poolPaddingLimit(kernel[0]), poolPaddingLimit(kernel[1])];
  if (padding[0] > limit[0] || padding[1] > limit[1]) {
    const axis = padding[0] > limit[0] ? 0 : 1;
    fail(
      'invalid-argument',
      `${name}: padding=(${padding[0]}, ${padding[1]}) is more than half the kernel size (${kernel[0]}, ${kernel[1]}); ` +
        `PyTorch requires padding ≤ ⌊kernel_size / 2⌋, whatever the dilation, here at most (${limit[0]}, ${limit[1]}) ` +
        `(PyTorch: "pad should be at most half of kernel size, but got pad=${padding[axis]} and kernel_size=${kernel[axis]}"). ` +
        `Reduce the padding or enlarge the kernel.`,
      { padH: padding[0], padW: padding[1], maxPadH: limit[0], maxPadW: limit[1] },
    );
  }
}

function checkPoolFits(name: string, kernel: Pair, dilation: Pair, padding: Pair, h: number, w: number, hOut: number, wOut: number): void {
  if (hOut >= 1 && wOut >= 1) return;
  const effH = effectiveKernelSize(kernel[0], dilation[0]);
  const effW = effectiveKernelSize(kernel[1], dilation[1]);
  const paddedH = h + 2 * padding[0];
  const paddedW = w + 2 * padding[1];
  fail(
    'kernel-too-large',
    `${name}'s ${effH}×${effW} window does not fit in its ${describeInput(h, w, 2 * padding[0], 2 * padding[1])}, ` +
      `so the output would be ${hOut}×${wOut}. Use a smaller kernel_size, add padding, or downsample less before this layer.`,
    { kernelH: effH, kernelW: effW, paddedH, paddedW, inputH: h, inputW: w, outputH: hOut, outputW: wOut },
  );
}

/** "4×4 input", or "padded input of 6×6 (the 4×4 input plus 2 padded rows and 2 padded columns)". */
function describeInput(h: number, w: number, padRows: number, padCols: number): string {
  if (padRows === 0 && padCols === 0) return `${h}×${w} input`;
  return `padded input of ${h + padRows}×${w + padCols} (the ${h}×${w} input plus ${padRows} padded rows and ${padCols} padded columns)`;
}

function requirePositiveOutput(name: string, hOut: number, wOut: number, input: Shape): void {
  if (hOut < 1 || wOut < 1) {
    fail(
      'non-positive-size',
      `${name} would produce an output of ${hOut}×${wOut} from the input ${formatShape(input)}; sizes must be at least 1.`,
      {
        outputH: hOut,
        outputW: wOut,
      },
    );
  }
}

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/**
 * Keeps the promise that only LayerError escapes: a structurally malformed spec
 * (e.g. a missing field from untyped JavaScript) becomes 'invalid-argument'.
 */
function onlyLayerErrors<T>(spec: LayerSpec, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof LayerError) throw e;
    const kind = typeof spec === 'object' && spec !== null ? String((spec as { kind?: unknown }).kind) : String(spec);
    throw new LayerError(
      'invalid-argument',
      `The ${kind} layer specification is malformed (${e instanceof Error ? e.message : String(e)}). Check that every argument is present.`,
      { kind },
    );
  }
}

function fail(code: LayerErrorCode, message: string, details: Record<string, number | string> = {}): never {
  throw new LayerError(code, message, details);
}

function unreachable(spec: never): never {
  const kind = (spec as { kind?: unknown }).kind;
  return fail('invalid-argument', `Unknown layer kind ${JSON.stringify(kind)}; the layer library cannot compute with it.`, {
    kind: String(kind),
  });
}

/** The PyTorch class name a student wrote: LazyConv2d/LazyLinear for null inputs. */
function layerName(spec: LayerSpec): string {
  switch (spec.kind) {
    case 'Conv2d':
      return spec.inChannels === null ? 'LazyConv2d' : 'Conv2d';
    case 'Linear':
      return spec.inFeatures === null ? 'LazyLinear' : 'Linear';
    case 'Activation':
      return spec.name;
    default:
      return spec.kind;
  }
}

/** Checks that `value` is an integer ≥ `min` and returns it. */
function requireInteger(value: number, arg: string, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail('invalid-argument', `${name}: ${arg} must be an integer, but got ${String(value)}.`, { argument: arg, value: String(value) });
  }
  if (!Number.isSafeInteger(value)) {
    fail('unsafe-integer', `${name}: ${arg}=${value} is larger than Number.MAX_SAFE_INTEGER (2^53 − 1); use a smaller value.`, {
      argument: arg,
      value: String(value),
    });
  }
  if (value < min) {
    fail('invalid-argument', `${name}: ${arg} must be at least ${min}, but got ${value}.`, { argument: arg, value, min });
  }
  return value;
}

function requirePair(pair: Pair, arg: string, name: string, min: number): void {
  if (!Array.isArray(pair) || pair.length !== 2) {
    fail('invalid-argument', `${name}: ${arg} must be a pair (height, width), but got ${JSON.stringify(pair)}.`, { argument: arg });
  }
  requireInteger(pair[0], `${arg}[0]`, name, min);
  requireInteger(pair[1], `${arg}[1]`, name, min);
}

/** Every input dimension must be a positive safe integer, and so must their product. */
function validateInputShape(input: Shape, name: string): void {
  if (!Array.isArray(input) || input.length === 0) {
    fail('rank-mismatch', `${name} received a shape with no dimensions; shapes list the batch dimension first, e.g. [1, 3, 32, 32].`, {
      actualRank: Array.isArray(input) ? 0 : String(input),
    });
  }
  input.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      fail('invalid-argument', `${name}: dimension ${i} of the input shape ${formatShape(input)} is ${String(d)}, not an integer.`, {
        dim: i,
      });
    }
    if (!Number.isSafeInteger(d)) {
      fail(
        'unsafe-integer',
        `${name}: dimension ${i} of the input shape ${formatShape(input)} exceeds Number.MAX_SAFE_INTEGER (2^53 − 1).`,
        {
          dim: i,
        },
      );
    }
    if (d <= 0) {
      fail(
        'non-positive-size',
        `${name} receives the input shape ${formatShape(input)}, whose dimension ${i} has size ${d}; every size must be at least 1. ` +
          `An earlier layer shrank the tensor away.`,
        { dim: i, size: d },
      );
    }
  });
  numel(input, `The element count of the input ${formatShape(input)}`);
}

/**
 * Checks the input's rank and returns its dimensions as a tuple of four
 * (missing ones as 0; callers only read the ones the rank guarantees).
 */
function requireRank(
  input: Shape,
  ranks: readonly number[] | 'at-least-2',
  name: string,
  layout: string,
): [number, number, number, number] {
  const r = input.length;
  const ok = ranks === 'at-least-2' ? r >= 2 : ranks.includes(r);
  if (!ok) {
    const wanted = ranks === 'at-least-2' ? 'at least 2-D' : ranks.map((k) => `${k}-D`).join(' or ');
    let hint = '';
    if (ranks !== 'at-least-2' && ranks.includes(4) && r < 4) {
      hint = ' A Flatten, GlobalAvgPool or Linear earlier in the network removes the spatial dimensions; image layers must come before it.';
    } else if (ranks === 'at-least-2') {
      hint = ' Shapes include the batch dimension first, e.g. [1, 784].';
    }
    fail('rank-mismatch', `${name} expects a ${wanted} input ${layout} but receives the ${r}-D input ${formatShape(input)}.${hint}`, {
      actualRank: r,
      expectedRank: ranks === 'at-least-2' ? '>=2' : ranks.join('|'),
    });
  }
  return [input[0] ?? 0, input[1] ?? 0, input[2] ?? 0, input[3] ?? 0];
}

/** Resolves a possibly negative dim (PyTorch's wrap-around) against the input's rank. */
function normaliseDim(dim: number, input: Shape, name: string, arg: string): number {
  const r = input.length;
  if (typeof dim !== 'number' || !Number.isInteger(dim)) {
    fail('invalid-argument', `${name}: ${arg} must be an integer, but got ${String(dim)}.`, { argument: arg });
  }
  if (dim < -r || dim >= r) {
    fail(
      'rank-mismatch',
      `${name}: ${arg}=${dim} is out of range for the ${r}-D input ${formatShape(input)}; it must be in [${-r}, ${r - 1}]. ` +
        `PyTorch reports "Dimension out of range".`,
      { argument: arg, dim, rank: r },
    );
  }
  return dim < 0 ? dim + r : dim;
}

/** Checks the element count of a computed output shape. */
function finalShape(shape: number[], name: string): Shape {
  numel(shape, `The element count of ${name}'s output ${formatShape(shape)}`);
  return shape;
}

/** Elements of one sample: numel(shape) / shape[0]. */
function perSample(shape: Shape): number {
  return numel(shape.slice(1), 'The elements per sample');
}

function counts(weight: number, bias: number, buffers: number): ParamCount {
  return { weight, bias, trainable: checkedAdd(weight, bias, 'The parameter count'), buffers };
}
