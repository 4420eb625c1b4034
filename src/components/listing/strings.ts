/**
 * Every word a runnable listing shows, keyed, one table per edition: the build-time
 * markup (Listing.astro), the runner (listing.client.ts, protocol.ts), the editor and
 * the plots read this table. The messages of the code's own errors come from
 * `src/listings/run.ts` (as the reader's code throws them) and are not here.
 */
import type { StringTable } from '../islands/i18n';
import type { ListingLang } from '../../listings/run';

export const listingStrings: StringTable<{
  /** "Listing 1.1", or "Listing" outside a chapter. */
  name: (number: string | undefined) => string;
  language: Record<ListingLang, string>;
  /** After the caption. */
  runnable: (language: string) => string;
  run: string;
  stop: string;
  reset: string;
  keys: string;
  outputExpected: string;
  output: string;
  /** Shown in an empty output box. */
  noOutput: string;
  /** The editor's accessible label. */
  editorLabel: (name: string) => string;
  editorFailed: (reason: string) => string;
  /** After an error's description: where it is in the listing. */
  errorLine: (line: number, name: string) => string;
  /** The status line. */
  running: string;
  seconds: (s: number) => string;
  finished: (time: string) => string;
  finishedWithError: (time: string) => string;
  timedOut: (limitSeconds: number) => string;
  stopped: (time: string) => string;
  runFailed: string;
  resetDone: (name: string) => string;
  /** Errors the runner reports as the code's (after "Error: …", "TimeoutError: …"). */
  timeoutError: (limitSeconds: number) => string;
  workerFailed: (reason: string) => string;
  workerDidNotLoad: string;
  /** A plot. */
  plotLabel: (index: number, summary: string) => string;
  plotPoints: (index: number) => string;
  plotSeries: (index: number) => string;
  plotX: string;
  plotY: string;
  plotFailed: (reason: string) => string;
}> = {
  en: {
    name: (number) => (number ? `Listing ${number}` : 'Listing'),
    language: { ts: 'TypeScript', js: 'JavaScript' },
    runnable: (language) => ` (${language}, runnable)`,
    run: 'Run',
    stop: 'Stop',
    reset: 'Reset',
    keys: 'Edit the code, then Ctrl+Enter (⌘+Enter) runs it; Esc leaves the editor.',
    outputExpected: 'Output (expected)',
    output: 'Output',
    noOutput: '(no output)',
    editorLabel: (name) => `Code of ${name}, editable. Ctrl+Enter runs it; Esc leaves the editor.`,
    editorFailed: (reason) => `The editor could not load (${reason}); Run still runs the code as shown. Reload the page to edit it.`,
    errorLine: (line, name) => ` (line ${line} of ${name})`,
    running: 'Running…',
    seconds: (s) => `${s} s`,
    finished: (time) => `Ran in ${time}.`,
    finishedWithError: (time) => `The code stopped with an error after ${time}.`,
    timedOut: (limitSeconds) =>
      `Stopped after ${limitSeconds} s: the code was still running (an endless loop?). Its worker was closed; press Run to start a fresh one.`,
    stopped: (time) => `Stopped by you after ${time}. Press Run to start again.`,
    runFailed: 'The run failed.',
    resetDone: (name) => `The code of ${name} is back to the original.`,
    timeoutError: (limitSeconds) => `the code ran longer than the ${limitSeconds} s limit and was stopped`,
    workerFailed: (reason) => `the listing's worker could not run (${reason}); reload the page to try again`,
    workerDidNotLoad: 'it failed to load',
    plotLabel: (index, summary) => `Plot ${index}: ${summary}. The points are in the table below.`,
    plotPoints: (index) => `Points of plot ${index}`,
    plotSeries: (index) => `plot ${index}`,
    plotX: 'x',
    plotY: 'y',
    plotFailed: (reason) => `The plot could not be drawn (${reason}); its points are listed in the output.`,
  },
};

export type ListingStrings = (typeof listingStrings)['en'];
