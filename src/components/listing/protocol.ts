/**
 * Messages between a listing (`listing.client.ts`) and its worker
 * (`listing.worker.ts`), and the status texts the listing shows. No DOM here.
 */
import type { ListingError, ListingLang, ListingPlot, OutputLine } from '../../listings/run';

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
export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Number(s.toFixed(2))} s`;
}

/** The status after a run that finished (with or without an error). */
export function finishedStatus(ms: number, failed: boolean): string {
  return failed ? `The code stopped with an error after ${seconds(ms)}.` : `Ran in ${seconds(ms)}.`;
}

/** The status after the time limit ended a run. */
export function timeoutStatus(limitSeconds: number): string {
  return `Stopped after ${limitSeconds} s: the code was still running (an endless loop?). Its worker was closed; press Run to start a fresh one.`;
}

/** The status after the reader pressed Stop. */
export function stoppedStatus(ms: number): string {
  return `Stopped by you after ${seconds(ms)}. Press Run to start again.`;
}
