/**
 * Class activation maps (Zhou et al. 2016) for the book's small CNN with a global
 * average pooling head, and a pure forward pass of that network from plain weight
 * arrays — built only from the reference layers in ./reference/ (no TensorFlow.js,
 * no DOM), so a page can run the trained model without loading a framework.
 *
 * The network (PyTorch layout, NCHW; one block per trunk entry):
 *
 *   x [1, 1, S, S] → for each block: Conv2d(k×k, padding (k−1)/2) → ReLU → [MaxPool2d(pool)]
 *     → f [1, C, h, w] (the last feature maps) → GAP → g [1, C] → Linear → z [1, classes]
 *
 * Because GAP and Linear are both linear, z_k = b_k + Σ_c w_kc · mean_{x,y} f_c(x, y)
 * = b_k + mean_{x,y} M_k(x, y) with the class activation map of class k
 *
 *   M_k(x, y) = Σ_c w_kc · f_c(x, y)                                          (Eq. cam)
 *
 * which is a 1×1 convolution of f with the Linear weights (no bias). So the class
 * score is the mean of its map plus the bias                                (Eq. cam-mean)
 */

import {
  conv2dForward,
  denseForward,
  globalAvgPoolForward,
  maxPool2dForward,
  reluForward,
  softmax,
  tensor,
  type Tensor,
} from './reference/index';

/** One trunk block: Conv2d(inChannels → filters, kernel×kernel, 'same') → ReLU → [MaxPool(pool)]. */
interface CamConvBlock {
  filters: number;
  kernel: number;
  /** Max-pooling window and stride; 1 = no pooling. */
  pool: number;
  inChannels: number;
  /** PyTorch layout [filters, inChannels, kernel, kernel], row-major. */
  weight: number[];
  bias: number[];
}

/** The weights of a CNN with a GAP → Linear head, in PyTorch's layouts. */
export interface GapNet {
  /** Side of the square input image. */
  inputSize: number;
  trunk: CamConvBlock[];
  head: {
    classes: number;
    /** PyTorch layout [classes, channels] (nn.Linear's weight), row-major. */
    weight: number[];
    bias: number[];
  };
}

/** Everything the forward pass computes for one image. */
export interface GapForward {
  /** The last feature maps f, [1, C, h, w]. */
  features: Tensor;
  /** The GAP output g, [1, C]: g_c = mean_{x,y} f_c(x, y)   (Eq. gap). */
  pooled: Tensor;
  /** The class scores z = W g + b. */
  logits: number[];
  /** softmax(z). */
  probabilities: number[];
}

/** The class activation maps of every class at once, [1, classes, h, w], and one class's map. */
export interface CamResult {
  maps: Tensor;
  height: number;
  width: number;
}

/**
 * Converts a Keras/TF.js Conv2D kernel [k, k, in, out] to PyTorch's [out, in, k, k]:
 * torch[o, c, u, v] = keras[u, v, c, o].
 */
export function torchConvFromKeras(kernel: ArrayLike<number>, k: number, inChannels: number, outChannels: number): number[] {
  const out = new Array<number>(outChannels * inChannels * k * k);
  for (let o = 0; o < outChannels; o++)
    for (let c = 0; c < inChannels; c++)
      for (let u = 0; u < k; u++)
        for (let v = 0; v < k; v++)
          out[((o * inChannels + c) * k + u) * k + v] = kernel[((u * k + v) * inChannels + c) * outChannels + o] ?? 0;
  return out;
}

/** The inverse of torchConvFromKeras: PyTorch [out, in, k, k] → Keras [k, k, in, out]. */
export function kerasConvFromTorch(weight: ArrayLike<number>, k: number, inChannels: number, outChannels: number): number[] {
  const out = new Array<number>(outChannels * inChannels * k * k);
  for (let o = 0; o < outChannels; o++)
    for (let c = 0; c < inChannels; c++)
      for (let u = 0; u < k; u++)
        for (let v = 0; v < k; v++)
          out[((u * k + v) * inChannels + c) * outChannels + o] = weight[((o * inChannels + c) * k + u) * k + v] ?? 0;
  return out;
}

/** A Keras Dense kernel [in, out] as PyTorch's Linear weight [out, in] (a transpose; its own inverse with the sizes swapped). */
export function transposeMatrix(m: ArrayLike<number>, rows: number, cols: number): number[] {
  const out = new Array<number>(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c] ?? 0;
  return out;
}

/**
 * Checks that `net` is a well-formed GapNet (sizes agree from block to block, every
 * array has the length its shape needs, every number is finite). Returns the first
 * problem as a sentence naming the field and what it should be, or null.
 */
export function checkGapNet(net: unknown): string | null {
  if (typeof net !== 'object' || net === null) return 'The model must be an object with inputSize, trunk and head.';
  const n = net as Partial<GapNet>;
  if (!Number.isInteger(n.inputSize) || (n.inputSize ?? 0) < 1)
    return `inputSize must be a positive whole number, but is ${String(n.inputSize)}.`;
  if (!Array.isArray(n.trunk) || n.trunk.length === 0) return 'trunk must be a non-empty list of convolution blocks.';
  const finite = (a: unknown, len: number, what: string): string | null => {
    if (!Array.isArray(a)) return `${what} must be a list of ${len} numbers.`;
    if (a.length !== len) return `${what} must have ${len} numbers, but has ${a.length}.`;
    const bad = a.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    return bad >= 0 ? `${what}[${bad}] is ${String(a[bad])}, not a finite number.` : null;
  };
  let channels = 1;
  for (const [i, b] of n.trunk.entries()) {
    const where = `trunk[${i}]`;
    if (typeof b !== 'object' || b === null) return `${where} must be an object.`;
    if (b.inChannels !== channels)
      return `${where}.inChannels must be ${channels} (the channels the previous layer outputs), but is ${String(b.inChannels)}.`;
    for (const key of ['filters', 'kernel', 'pool'] as const) {
      if (!Number.isInteger(b[key]) || b[key] < 1) return `${where}.${key} must be a positive whole number, but is ${String(b[key])}.`;
    }
    if (b.kernel % 2 !== 1) return `${where}.kernel must be odd (for 'same' padding), but is ${b.kernel}.`;
    const problem =
      finite(b.weight, b.filters * b.inChannels * b.kernel * b.kernel, `${where}.weight`) ?? finite(b.bias, b.filters, `${where}.bias`);
    if (problem) return problem;
    channels = b.filters;
  }
  const h = n.head;
  if (typeof h !== 'object' || h === null) return 'head must be an object with classes, weight and bias.';
  if (!Number.isInteger(h.classes) || h.classes < 1) return `head.classes must be a positive whole number, but is ${String(h.classes)}.`;
  return finite(h.weight, h.classes * channels, 'head.weight') ?? finite(h.bias, h.classes, 'head.bias');
}

/** The number of feature maps C the trunk ends with. */
export function featureChannels(net: GapNet): number {
  return net.trunk[net.trunk.length - 1]?.filters ?? 1;
}

/**
 * The trunk of the network: the last feature maps f [1, C, h, w] for one image
 * (`pixels`: S·S values, row-major, in the scale the network was trained on).
 */
export function gapNetFeatures(net: GapNet, pixels: ArrayLike<number>): Tensor {
  const s = net.inputSize;
  let x = tensor([1, 1, s, s], pixels);
  for (const b of net.trunk) {
    const pad = (b.kernel - 1) / 2;
    const w = tensor([b.filters, b.inChannels, b.kernel, b.kernel], b.weight);
    x = reluForward(conv2dForward(x, w, tensor([b.filters], b.bias), { padding: [pad, pad] }));
    if (b.pool > 1) x = maxPool2dForward(x, { kernelSize: [b.pool, b.pool] }).y;
  }
  return x;
}

/** The head's Linear weight as a tensor [classes, C]. */
function headWeight(net: GapNet): Tensor {
  return tensor([net.head.classes, featureChannels(net)], net.head.weight);
}

/** The whole forward pass: features → GAP (Eq. gap) → Linear (Eq. dense) → softmax. */
export function gapNetForward(net: GapNet, pixels: ArrayLike<number>): GapForward {
  const features = gapNetFeatures(net, pixels);
  const pooled = globalAvgPoolForward(features);
  const z = denseForward(pooled, headWeight(net), tensor([net.head.classes], net.head.bias));
  return { features, pooled, logits: Array.from(z.data), probabilities: Array.from(softmax(z).data) };
}

/**
 * The class activation maps of all classes, [1, classes, h, w]: Eq. cam,
 * M_k(x, y) = Σ_c w_kc f_c(x, y), computed as a 1×1 convolution of the feature
 * maps with the head's Linear weight reshaped to [classes, C, 1, 1], without bias.
 */
export function classActivationMaps(net: GapNet, features: Tensor): CamResult {
  const channels = featureChannels(net);
  const maps = conv2dForward(features, tensor([net.head.classes, channels, 1, 1], net.head.weight), null);
  return { maps, height: maps.shape[2] ?? 0, width: maps.shape[3] ?? 0 };
}

/** Class k's map M_k as a row-major h·w array (a copy). */
export function camOf(cam: CamResult, k: number): Float32Array {
  const area = cam.height * cam.width;
  return cam.maps.data.slice(k * area, (k + 1) * area);
}

/** The mean of a map: for a class activation map, z_c − b_c (Eq. cam-mean). */
export function mapMean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return values.length === 0 ? 0 : sum / values.length;
}

/** Where a map is largest: its row, column (0-based) and value (the first on ties). */
export function mapPeak(values: ArrayLike<number>, width: number): { row: number; col: number; value: number } {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return { row: Math.floor(best / width), col: best % width, value: values[best] ?? 0 };
}

/**
 * Bilinear upsampling of an h×w map to H×W, with PyTorch's
 * `F.interpolate(mode='bilinear', align_corners=False)` sampling: output pixel i
 * reads the input at u = (i + ½)·h/H − ½, clamped to [0, h − 1].
 */
export function upsampleBilinear(values: ArrayLike<number>, h: number, w: number, outH: number, outW: number): Float32Array {
  const out = new Float32Array(outH * outW);
  const src = (i: number, inSize: number, outSize: number): [number, number, number] => {
    const u = Math.min(Math.max(((i + 0.5) * inSize) / outSize - 0.5, 0), inSize - 1);
    const lo = Math.floor(u);
    return [lo, Math.min(lo + 1, inSize - 1), u - lo];
  };
  for (let i = 0; i < outH; i++) {
    const [r0, r1, fr] = src(i, h, outH);
    for (let j = 0; j < outW; j++) {
      const [c0, c1, fc] = src(j, w, outW);
      const at = (r: number, c: number): number => values[r * w + c] ?? 0;
      const top = at(r0, c0) * (1 - fc) + at(r0, c1) * fc;
      const bottom = at(r1, c0) * (1 - fc) + at(r1, c1) * fc;
      out[i * outW + j] = top * (1 - fr) + bottom * fr;
    }
  }
  return out;
}
