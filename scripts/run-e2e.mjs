// @ts-check
/**
 * Runs the browser tests against dist/ (build first: `npm run build`).
 * Finds Chromium itself and fails with the install command if there is none.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findChromium, INSTALL_HINT } from './find-chromium.mjs';

const chromium = findChromium();
if (!chromium) {
  console.error(`\n✖ ${INSTALL_HINT}\n`);
  process.exit(1);
}
const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
if (!existsSync(`${outDir}/index.html`)) {
  console.error(`✖ ${outDir}/ has no built site: run \`npm run build\` first (npm test does this for you).`);
  process.exit(1);
}
console.log(`Browser tests with ${chromium}`);
const result = spawnSync('playwright', ['test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
