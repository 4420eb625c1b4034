/**
 * The runnable listings' sandbox worker (listing.worker.ts), started the moment a reader
 * first touches a listing: the worker, the transpiler and the modules the listing
 * imports then load while the editor (listing-editor.ts, about 400 KB) loads on the
 * page, instead of after it. Measured: a cold first Run of a TensorFlow.js listing
 * waited for the two in turn (`scripts/bench-listings.ts`; docs/authoring.md#runnable-listings).
 *
 * This module is small and is part of the page's widget loader (registry.ts); the runner
 * (listing.client.ts) takes the started worker over when it mounts.
 */
import type { ListingLang } from '../../listings/run';
import type { WarmRequest } from './protocol';

/** A new sandbox worker. */
export function createSandbox(): Worker {
  return new Worker(new URL('./listing.worker.ts', import.meta.url), { type: 'module', name: 'listing-sandbox' });
}

/** Workers started for a listing before its editor mounted, and whether each failed to load. */
const early = new WeakMap<HTMLElement, { worker: Worker; failed: boolean }>();

/** Starts `root`'s worker and lets it load what `code` needs (a {@link WarmRequest}). */
export function startEarly(root: HTMLElement, code: string, lang: ListingLang): void {
  if (early.has(root)) return;
  const entry = { worker: createSandbox(), failed: false };
  entry.worker.addEventListener('error', () => (entry.failed = true), { once: true });
  const warm: WarmRequest = { type: 'warm', code, lang };
  entry.worker.postMessage(warm);
  early.set(root, entry);
}

/** The worker {@link startEarly} started for `root`, if it is still good; the caller owns it from now. */
export function takeEarly(root: HTMLElement): Worker | null {
  const entry = early.get(root);
  early.delete(root);
  if (!entry) return null;
  if (entry.failed) {
    entry.worker.terminate();
    return null;
  }
  return entry.worker;
}
