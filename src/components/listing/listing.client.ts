/**
 * The live listing's runner: runs the code in a sandboxed worker (`listing.worker.ts`)
 * with a time limit, and shows the output, the error (with the reader's line) and
 * plots. Loaded on the first interaction with a listing (see Listing.astro), beside
 * the editor (`listing-editor.ts`, CodeMirror), which it attaches when that arrives.
 * The runner is small and mounts first, so a Run clicked while the editor loads runs
 * the code as shown at once (measured: `scripts/bench-listings.ts`;
 * docs/authoring.md#runnable-listings). CodeMirror, the worker, sucrase and TensorFlow.js are all
 * fetched only from here and from sandbox.ts, on demand.
 */
import { describeError, type ListingError, type ListingLang, type ListingPlot, type OutputLine } from '../../listings/run';
import { finishedStatus, stoppedStatus, timeoutStatus, type RunRequest, type WarmRequest, type WorkerMessage } from './protocol';
import { createSandbox, takeEarly } from './sandbox';
import type { ListingEditor } from './listing-editor';

type Plotter = (container: HTMLElement, plot: ListingPlot, index: number) => Promise<void>;
let plotter: Promise<Plotter> | undefined;

/** Mounts the runner on `root`, then the editor when `editorModule` (whose download Listing.astro started) has loaded. */
export function mount(root: HTMLElement, editorModule: Promise<typeof import('./listing-editor')>): void {
  const q = <T extends HTMLElement>(selector: string): T => {
    const el = root.querySelector<T>(selector);
    if (!el) throw new Error(`listing markup is missing ${selector}`);
    return el;
  };
  const original = root.dataset['code'] ?? '';
  const lang = (root.dataset['lang'] === 'js' ? 'js' : 'ts') satisfies ListingLang;
  const limit = Number(root.dataset['timeout'] ?? '10') || 10;
  const name = root.dataset['name'] ?? 'Listing';
  const staticCode = q('[data-static-code]');
  const editorBox = q('[data-editor]');
  const runButton = q<HTMLButtonElement>('[data-action="run"]');
  const stopButton = q<HTMLButtonElement>('[data-action="stop"]');
  const resetButton = q<HTMLButtonElement>('[data-action="reset"]');
  const status = q('[data-status]');
  const outputLabel = q('[data-output-label]');
  const output = q('[data-output]');
  const errorBox = q('[data-error]');
  const plots = q('[data-plots]');
  const widgetStatus = q('[data-widget-status]');
  const expectedOutput = output.textContent ?? '';

  // ---- the editor ----------------------------------------------------------------
  // Until it has loaded, the code is the original, as the page shows it.
  let editor: ListingEditor | null = null;
  let errorLine: number | null = null;
  const markErrorLine = (n: number | null): void => {
    errorLine = n;
    editor?.markErrorLine(n);
  };
  editorModule.then(
    ({ attachEditor }) => {
      editor = attachEditor(staticCode, editorBox, { code: original, lang, name, run: () => run(), leave: () => runButton.focus() });
      if (errorLine !== null) editor.markErrorLine(errorLine);
      root.dataset['editor'] = 'ready';
    },
    (error: unknown) => {
      widgetStatus.hidden = false;
      widgetStatus.textContent = `The editor could not load (${error instanceof Error ? error.message : String(error)}); Run still runs the code as shown. Reload the page to edit it.`;
    },
  );

  // ---- running ----------------------------------------------------------------------
  let worker: Worker | null = null;
  let runNumber = 0;
  let running: { run: number; started: number; timer: number | undefined } | null = null;

  const setRunning = (on: boolean): void => {
    runButton.disabled = on;
    stopButton.disabled = !on;
    root.dataset['running'] = on ? 'true' : 'false';
  };
  const appendLine = (line: OutputLine): void => {
    const span = document.createElement('span');
    if (line.kind === 'warn') span.className = 'listing-warn';
    if (line.kind === 'error') span.className = 'listing-err';
    span.textContent = `${output.childNodes.length ? '\n' : ''}${line.text}`;
    output.append(span);
  };
  const showError = (error: ListingError): void => {
    errorBox.textContent = `${describeError(error)}${error.line ? ` (line ${error.line} of ${name})` : ''}`;
    errorBox.hidden = false;
    markErrorLine(error.line ?? null);
  };
  const addPlot = (plot: ListingPlot): void => {
    const box = document.createElement('div');
    plots.append(box);
    plotter ??= import('./listing-plot').then((m) => m.renderPlot);
    void plotter.then((render) => render(box, plot, plots.childElementCount)).catch((error: unknown) => {
      box.textContent = `The plot could not be drawn (${error instanceof Error ? error.message : String(error)}); its points are listed in the output.`;
    });
  };
  const finish = (text: string): void => {
    if (running?.timer !== undefined) window.clearTimeout(running.timer);
    running = null;
    setRunning(false);
    status.textContent = text;
  };
  const killWorker = (): void => {
    worker?.terminate();
    worker = null;
  };
  const startWorker = (w: Worker = createSandbox()): Worker => {
    w.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (!running || message.run !== running.run) return;
      if (message.type === 'started') startClock();
      else if (message.type === 'line') appendLine(message.line);
      else if (message.type === 'plot') addPlot(message.plot);
      else {
        if (message.error) showError(message.error);
        finish(finishedStatus(message.ms, Boolean(message.error)));
      }
    });
    w.addEventListener('error', (event) => {
      event.preventDefault();
      killWorker();
      showError({ name: 'Error', message: `the listing's worker could not run (${event.message || 'it failed to load'}); reload the page to try again` });
      finish('The run failed.');
    });
    return w;
  };

  /** The time limit counts from the moment the reader's code starts (imports loaded). */
  const startClock = (): void => {
    if (!running) return;
    running.timer = window.setTimeout(() => {
      killWorker();
      finish(timeoutStatus(limit));
      showError({ name: 'TimeoutError', message: `the code ran longer than the ${limit} s limit and was stopped` });
    }, limit * 1000);
  };

  function run(): void {
    if (running) return;
    const code = editor?.code() ?? original;
    worker ??= startWorker();
    runNumber += 1;
    output.textContent = '';
    plots.textContent = '';
    errorBox.hidden = true;
    errorBox.textContent = '';
    markErrorLine(null);
    outputLabel.textContent = 'Output';
    status.textContent = 'Running…';
    setRunning(true);
    running = { run: runNumber, started: performance.now(), timer: undefined };
    const request: RunRequest = { type: 'run', run: runNumber, code, lang };
    worker.postMessage(request);
  }

  runButton.addEventListener('click', () => run());
  stopButton.addEventListener('click', () => {
    if (!running) return;
    const ms = performance.now() - running.started;
    killWorker();
    finish(stoppedStatus(ms));
    runButton.focus();
  });
  resetButton.addEventListener('click', () => {
    if (running) stopButton.click();
    editor?.setCode(original);
    markErrorLine(null);
    output.textContent = expectedOutput;
    outputLabel.textContent = 'Output (expected)';
    plots.textContent = '';
    errorBox.hidden = true;
    status.textContent = `The code of ${name} is back to the original.`;
  });

  // The reader has started using this listing: its worker was started then, and is
  // loading the transpiler and the modules the code imports (sandbox.ts), while the
  // reader reads or edits (the first Run would otherwise wait for them; 
  // docs/authoring.md#runnable-listings). Without one (it failed to load), a fresh worker does the same.
  const early = takeEarly(root);
  worker = startWorker(early ?? undefined);
  if (!early) {
    const warm: WarmRequest = { type: 'warm', code: original, lang };
    worker.postMessage(warm);
  }
}
