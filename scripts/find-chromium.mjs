// @ts-check
/**
 * Finds a Chromium (or Chrome) binary for the browser tests: $CHROMIUM_PATH first,
 * then the usual install locations. Never downloads one.
 */
import { existsSync } from 'node:fs';

export const INSTALL_HINT =
  'No Chromium found for the browser tests. Install one with\n' +
  '    sudo apt-get update && sudo apt-get install -y chromium\n' +
  'or point CHROMIUM_PATH at an existing Chromium or Chrome binary, e.g.\n' +
  '    CHROMIUM_PATH=/path/to/chrome npm test';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** @returns {string | null} */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.\n${INSTALL_HINT}`);
  }
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** Launch flags that work headless, as root, on a machine without outside network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
