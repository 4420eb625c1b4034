/**
 * The one place the scripts start a browser: the system's Chromium, found by
 * scripts/find-chromium.mjs (never a downloaded one; the browser tests use the same),
 * headless, with the flags that work on these machines.
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from '../find-chromium.mjs';

/** The Chromium binary ($CHROMIUM_PATH or a usual place); throws the install command when there is none. */
function chromiumPath(): string {
  const path = findChromium();
  if (!path) throw new Error(INSTALL_HINT);
  return path;
}

/** Headless Chromium driven by Playwright, and the binary it runs. */
export async function launchChromium(): Promise<{ browser: Browser; executablePath: string }> {
  const executablePath = chromiumPath();
  return { browser: await chromium.launch({ executablePath, args: CHROMIUM_ARGS }), executablePath };
}

/**
 * Headless Chromium for one Lighthouse run, started by chrome-launcher as Lighthouse
 * expects (it connects to `port`); `kill()` stops it. Its own flags: a fresh profile
 * per run, nothing of Playwright's.
 */
export async function launchForLighthouse(): Promise<{ port: number; kill: () => void }> {
  const chromeLauncher = await import('chrome-launcher');
  return chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}
