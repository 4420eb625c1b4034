/**
 * Security: the Content-Security-Policy and the deploy headers.
 *
 * Every browser test runs against the build served the way a static host that reads
 * `_headers` (Netlify, Cloudflare Pages) serves it (scripts/serve.ts), so every page
 * runs under both its <meta> policy and its header policy, the training worker under
 * its own header policy, and cross-origin isolation (COOP/COEP) is on. pages.spec.ts
 * visits and scrolls through every page and fails on any policy violation; this spec
 * checks the policies themselves, and the three places that stretch them: the Lab's
 * threaded wasm backend, a runnable listing's sandbox worker, and the search.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { builtPages, watchCsp, watchPage } from './helpers';
import { headersFor, parseHeaders } from '../../scripts/static-host';

const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
const rules = parseHeaders(readFileSync(join(outDir, '_headers'), 'utf8'));

/** The `'sha256-…'` source for an inline script or style text. */
const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test.describe('Content-Security-Policy in the built files', () => {
  test('every page has a strict policy that hashes each of its inline scripts and styles', () => {
    const pages = builtPages(outDir);
    expect(pages.length).toBeGreaterThan(10);
    for (const path of pages) {
      const html = readFileSync(join(outDir, path, 'index.html'), 'utf8');
      const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)"/gi)];
      expect(metas, `/${path}: exactly one CSP <meta>`).toHaveLength(1);
      const policy = (metas[0]?.[1] ?? '').replaceAll('&#39;', "'");
      const directive = (name: string): string =>
        policy
          .split(';')
          .map((d) => d.trim())
          .find((d) => d.split(' ')[0] === name) ?? '';
      const scriptSrc = directive('script-src');
      expect(scriptSrc, `/${path}: script-src`).toContain("'self'");
      expect(scriptSrc, `/${path}: no inline script without a hash`).not.toContain("'unsafe-inline'");
      expect(policy, `/${path}: no eval`).not.toContain("'unsafe-eval'");
      expect(directive('default-src'), `/${path}: default-src`).toBe("default-src 'self'");
      expect(directive('object-src')).toBe("object-src 'none'");
      // Every executable inline script (not JSON data) is allowed by its hash, none by a blanket rule.
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
        ([, attrs]) => !/type="application\/(ld\+)?json"/.test(attrs ?? ''),
      );
      for (const [, , body] of inline) expect(scriptSrc, `/${path}: hash of an inline script`).toContain(sha256(body ?? ''));
      for (const [, body] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
        expect(directive('style-src-elem'), `/${path}: hash of an inline <style>`).toContain(sha256(body ?? ''));
      }
    }
  });

  test('the headers file gives each page the policy of its <meta> tag, once, plus frame-ancestors', () => {
    for (const path of builtPages(outDir)) {
      const html = readFileSync(join(outDir, path, 'index.html'), 'utf8');
      const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1]?.replaceAll('&#39;', "'") ?? '';
      const headers = headersFor(rules, `/${path}`);
      const header = headers['content-security-policy'] ?? '';
      const normalise = (p: string): string[] =>
        p
          .split(';')
          .map((d) => d.trim())
          .filter(Boolean);
      expect(normalise(header), `/${path}: header = meta + frame-ancestors`).toEqual([...normalise(meta), "frame-ancestors 'none'"]);
      expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
      expect(headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['cache-control'], `/${path}: pages are not cached as immutable`).toBeUndefined();
    }
    // Hashed assets are immutable; wasm has its type; the training worker has its own policy.
    const home = readFileSync(join(outDir, 'index.html'), 'utf8');
    const asset = /\/_astro\/[\w.-]+\.js/.exec(home)?.[0] ?? '/_astro/missing.js';
    expect(headersFor(rules, asset)['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headersFor(rules, '/_astro/tfjs-backend-wasm-simd-X.wasm')['content-type']).toBe('application/wasm');
    const worker = headersFor(rules, '/_astro/worker-X.js')['content-security-policy'] ?? '';
    expect(worker).toContain("'wasm-unsafe-eval'");
    expect(worker).not.toContain("'unsafe-eval'");
    // The listings' sandbox worker is the only response allowed to evaluate code, with
    // exactly one policy (a second one would intersect with it) and no network.
    const sandbox = headersFor(rules, '/_astro/listing.worker-X.js')['content-security-policy'] ?? '';
    expect(sandbox).toContain("'unsafe-eval'");
    expect(sandbox).toContain("connect-src 'none'");
    expect(sandbox.match(/default-src/g)).toHaveLength(1);
    expect(headersFor(rules, '/data/mnist-10k.bin.gz')['cache-control']).toContain('no-transform');
  });
});

test.describe('pages under the policy, served with the headers file', () => {
  test('the Lab trains on the wasm backend under the policy, cross-origin isolated', async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    const violations = await watchCsp(page);
    const problems = watchPage(page, new URL(baseURL!).origin);
    const response = await page.goto('lab/?head=fc&n=200&epochs=1&batch=20&backend=wasm');
    // The test server sends the deploy headers (scripts/serve.ts), as the host would.
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const lab = page.locator('[data-widget="lab"]');
    await lab.scrollIntoViewIfNeeded();
    await expect(lab).toHaveAttribute('data-hydrated', 'true');
    await lab.getByRole('button', { name: 'Train' }).click();
    await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
    await expect(lab).toHaveAttribute('data-backend', 'wasm');
    expect(violations, 'CSP violations').toEqual([]);
    expect(problems.foreignRequests, 'requests to another origin').toEqual([]);
    expect(problems.consoleErrors, 'console errors').toEqual([]);
  });

  test('a runnable listing evaluates code in its sandbox worker, and only there', async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const violations = await watchCsp(page);
    const problems = watchPage(page, new URL(baseURL!).origin);
    await page.goto('chapters/convolution/');
    // (That pages themselves may not evaluate code is checked on the policies above:
    // Playwright's own evaluation is not subject to the page's CSP, so it cannot test it.)
    // A listing of the book's library (no TensorFlow.js: quick even on a busy machine).
    const listing = page.locator('[id="lst:conv-shapes"]');
    const expected = await listing.locator('[data-output]').textContent();
    await listing.getByRole('button', { name: 'Run' }).click();
    await expect(listing.locator('[data-status]')).toContainText(/Ran in/, { timeout: 60_000 });
    await expect(listing.locator('[data-output]')).toHaveText(expected ?? 'missing');
    expect(violations, 'CSP violations').toEqual([]);
    expect(problems.foreignRequests, 'requests to another origin').toEqual([]);
  });

  test('search opens and finds a page under the policy', async ({ page, baseURL }) => {
    const violations = await watchCsp(page);
    const problems = watchPage(page, new URL(baseURL!).origin);
    await page.goto('');
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Search' }).fill('overfitting');
    // Generous: the search compiles its wasm and fetches its index (slow on a busy machine).
    await expect(dialog.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 60_000 });
    expect(violations, 'CSP violations').toEqual([]);
    expect(problems.foreignRequests, 'requests to another origin').toEqual([]);
    expect(problems.consoleErrors, 'console errors').toEqual([]);
  });
});
