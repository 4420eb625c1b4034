// @ts-check
/**
 * `npm test`: every check, in order, stopping at the first failure.
 *   1. type check (astro check: .astro, .ts, .mjs)   2. lint (eslint)
 *   3. unit tests (vitest; some compare with real PyTorch)  4. production build (astro build)
 *   5. links (every internal link and #anchor of the build resolves)
 *   6. HTML validation (html-validate, rules in .htmlvalidate.json)
 *   7. reproducible build: the book built a second time into a temporary folder must be
 *      byte-for-byte the same as dist/ (scripts/compare-builds.mjs)
 *   8. browser tests (Playwright + system Chromium against the built site)
 *   9. sub-path: the book built again with BASE_PATH=/fully-connected/ into a temporary
 *      folder, its links checked, and tests/e2e/subpath.spec.ts run against it
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, INSTALL_HINT } from './find-chromium.mjs';
import { findPytorch, PYTORCH_INSTALL_HINT } from './find-pytorch.mjs';

// Fail before the slow steps if the browser tests or the PyTorch checks (unit tests
// that compare the library with real PyTorch) could not run at all.
const chromium = findChromium();
if (!chromium) {
  console.error(`\n✖ ${INSTALL_HINT}\n`);
  process.exit(1);
}
const pytorch = findPytorch();
if (!pytorch) {
  console.error(`\n✖ ${PYTORCH_INSTALL_HINT}\n`);
  process.exit(1);
}
console.log(`PyTorch ${pytorch.torch}, torchvision ${pytorch.torchvision} (${pytorch.python}); Chromium ${chromium}`);

// The second build, compared with the first (dist/).
const rebuild = { ASTRO_OUT_DIR: join(tmpdir(), 'fully-connected-rebuild') };
// The sub-path build (a site served at https://host/fully-connected/).
const subPath = { BASE_PATH: '/fully-connected/', ASTRO_OUT_DIR: join(tmpdir(), 'fully-connected-subpath') };

/** @type {Array<[name: string, command: string, args: string[], extraEnv?: Record<string, string>]>} */
const steps = [
  ['type check', 'astro', ['check', '--minimumSeverity', 'warning']],
  ['lint', 'eslint', ['.', '--max-warnings', '0']],
  ['formatting', 'prettier', ['--check', '.']],
  ['dead code', 'knip', ['--no-progress']],
  ['unit tests', 'vitest', ['run']],
  ['build', 'npm', ['run', 'build']],
  ['links', 'node', ['scripts/check-links.mjs']],
  ['HTML validation', 'node', ['scripts/validate-html.mjs']],
  ['second build', 'npm', ['run', 'build'], rebuild],
  ['reproducible build', 'node', ['scripts/compare-builds.mjs', 'dist', rebuild.ASTRO_OUT_DIR]],
  ['browser tests', 'node', ['scripts/run-e2e.mjs']],
  ['sub-path build', 'npm', ['run', 'build'], subPath],
  ['sub-path links', 'node', ['scripts/check-links.mjs'], subPath],
  ['sub-path browser tests', 'node', ['scripts/run-e2e.mjs', 'tests/e2e/subpath.spec.ts'], subPath],
];

const baseEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CHROMIUM_PATH: chromium, PYTORCH_PYTHON: pytorch.python };
for (const [name, command, args, extraEnv = {}] of steps) {
  const started = Date.now();
  const shownEnv = Object.entries(extraEnv)
    .map(([k, v]) => `${k}=${v} `)
    .join('');
  console.log(`\n▶ ${name}: ${shownEnv}${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...baseEnv, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log('\n✔ all checks passed');
