/**
 * Messages between a listing (`listing.client.ts`) and its worker
 * (`listing.worker.ts`), and the status texts the listing shows (worded in
 * `strings.ts`). No DOM here.
 */
import type { ListingError, ListingLang, ListingPlot, OutputLine } from '../../listings/run';
import { listingStrings, type ListingStrings } from './strings';

/** Page → worker: run this code. `run` numbers the runs, so late messages of an old run are ignored. */
export interface RunRequest {
  type: 'run';
  run: number;
  code: string;
  lang: ListingLang;
}

/** Page → worker, when a reader starts using a listing: load what its code needs, run nothing. */
export interface WarmRequest {
  type: 'warm';
  code: string;
  lang: ListingLang;
}

/** Worker → page. */
export type WorkerMessage =
  | { type: 'started'; run: number }
  | { type: 'line'; run: number; line: OutputLine }
  | { type: 'plot'; run: number; plot: ListingPlot }
  | { type: 'done'; run: number; error?: ListingError; ms: number; tensorsLeft: number };

/** Seconds, as the status line writes them: `0.42 s`, `10 s`. */
export function seconds(ms: number, t: ListingStrings = listingStrings.en): string {
  const s = ms / 1000;
  return t.seconds(s >= 10 ? Math.round(s) : Number(s.toFixed(2)));
}

/** The status after a run that finished (with or without an error). */
export function finishedStatus(ms: number, failed: boolean, t: ListingStrings = listingStrings.en): string {
  return failed ? t.finishedWithError(seconds(ms, t)) : t.finished(seconds(ms, t));
}

/** The status after the time limit ended a run. */
export function timeoutStatus(limitSeconds: number, t: ListingStrings = listingStrings.en): string {
  return t.timedOut(limitSeconds);
}

/** The status after the reader pressed Stop. */
export function stoppedStatus(ms: number, t: ListingStrings = listingStrings.en): string {
  return t.stopped(seconds(ms, t));
}
