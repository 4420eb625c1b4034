// @ts-check
/**
 * `npm test`: every check, in order, stopping at the first failure.
 *   1. type check (astro check: .astro, .ts, .mjs)   2. lint (eslint)
 *   3. unit tests (vitest)                            4. production build (astro build)
 *   5. browser tests (Playwright + system Chromium against the built site)
 */
import { spawnSync } from 'node:child_process';
import { findChromium, INSTALL_HINT } from './find-chromium.mjs';

// Fail before the slow steps if the browser tests could not run at all.
const chromium = findChromium();
if (!chromium) {
  console.error(`\n✖ ${INSTALL_HINT}\n`);
  process.exit(1);
}

/** @type {Array<[name: string, command: string, args: string[]]>} */
const steps = [
  ['type check', 'astro', ['check', '--minimumSeverity', 'warning']],
  ['lint', 'eslint', ['.', '--max-warnings', '0']],
  ['unit tests', 'vitest', ['run']],
  ['build', 'npm', ['run', 'build']],
  ['browser tests', 'node', ['scripts/run-e2e.mjs']],
];

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CHROMIUM_PATH: chromium };
for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log('\n✔ all checks passed');
