/**
 * Browser tests: Playwright drives the system's Chromium (never a downloaded one)
 * against the production build in dist/ (or $ASTRO_OUT_DIR), served the way a static
 * host that reads the build's `_headers` serves it (scripts/serve.ts): every test runs
 * under the deployed Content-Security-Policy and cross-origin isolation.
 * scripts/run-e2e.mjs sets CHROMIUM_PATH; see scripts/find-chromium.mjs.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 4399);
const basePath = process.env.BASE_PATH ?? '/';

export default defineConfig({
  testDir: 'tests/e2e',
  // subpath.spec.ts is for the second build under BASE_PATH (scripts/test-all.mjs).
  testIgnore: basePath === '/' ? ['**/subpath.spec.ts'] : [],
  outputDir: 'test-results/artifacts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // axe on a long chapter (thousands of KaTeX nodes) takes ~6 s on a quiet 2-core
  // machine, and on the whole-book print page about 50 s; twice that with 2 workers.
  timeout: 240_000,
  forbidOnly: true,
  reporter: [['list'], ['./tests/e2e/summary-reporter.ts']],
  use: {
    baseURL: `http://localhost:${port}${basePath}`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    // The book's service worker (scripts/build-sw.mjs) would precache the whole site in
    // every test's fresh browser context; only tests/e2e/offline.spec.ts allows it.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `tsx scripts/serve.ts --port ${port}`,
    url: `http://localhost:${port}${basePath}`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
