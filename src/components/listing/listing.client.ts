/**
 * The live listing's runner: runs the code in a sandboxed worker (`listing.worker.ts`)
 * with a time limit, and shows the output, the error (with the reader's line) and
 * plots. Loaded on the first interaction with a listing (registry.ts), beside the
 * editor (`listing-editor.ts`, CodeMirror), which it attaches when that arrives.
 * The runner is small and mounts first, so a Run clicked while the editor loads runs
 * the code as shown at once (measured: `scripts/bench-listings.ts`;
 * docs/authoring.md#runnable-listings). CodeMirror, the worker, sucrase and TensorFlow.js are all
 * fetched only from here and from sandbox.ts, on demand.
 */
import { describeError, type ListingError, type ListingLang, type ListingPlot, type OutputLine } from '../../listings/run';
import { errorMessage, required, Scope, widgetMessages, type Dispose } from '../islands/kit';
import { finishedStatus, stoppedStatus, timeoutStatus, type RunRequest, type WarmRequest, type WorkerMessage } from './protocol';
import { createSandbox, takeEarly } from './sandbox';
import type { ListingEditor } from './listing-editor';
import { listingStrings } from './strings';

type Plotter = typeof import('./listing-plot').renderPlot;
let plotter: Promise<Plotter> | undefined;

/** The build-time output of each listing, as its first mount found it (a later mount finds a run's). */
const expectedOutputs = new WeakMap<HTMLElement, string>();

/** Mounts the runner on `root`, then the editor when `editorModule` (whose download the loader started) has loaded. */
export function mount(root: HTMLElement, editorModule: Promise<typeof import('./listing-editor')>): Dispose {
  const t = listingStrings.en;
  const scope = new Scope();
  const messages = widgetMessages(root);
  const original = root.dataset['code'] ?? '';
  const lang = (root.dataset['lang'] === 'js' ? 'js' : 'ts') satisfies ListingLang;
  const limit = Number(root.dataset['timeout'] ?? '10') || 10;
  const name = root.dataset['name'] ?? t.name(undefined);
  const staticCode = required<HTMLElement>(root, '[data-static-code]');
  const editorBox = required<HTMLElement>(root, '[data-editor]');
  const runButton = required<HTMLButtonElement>(root, '[data-action="run"]');
  const stopButton = required<HTMLButtonElement>(root, '[data-action="stop"]');
  const resetButton = required<HTMLButtonElement>(root, '[data-action="reset"]');
  const status = required<HTMLElement>(root, '[data-status]');
  const outputLabel = required<HTMLElement>(root, '[data-output-label]');
  const output = required<HTMLElement>(root, '[data-output]');
  const plots = required<HTMLElement>(root, '[data-plots]');
  if (!expectedOutputs.has(root)) expectedOutputs.set(root, output.textContent ?? '');
  const expectedOutput = expectedOutputs.get(root) ?? '';

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
      if (scope.isDisposed) return;
      editor = attachEditor(staticCode, editorBox, {
        code: original,
        lang,
        name,
        run: () => run(),
        leave: () => runButton.focus(),
        strings: t,
      });
      if (errorLine !== null) editor.markErrorLine(errorLine);
      root.dataset['editor'] = 'ready';
      scope.add(() => {
        editor?.destroy();
        editor = null;
        delete root.dataset['editor'];
      });
    },
    (error: unknown) => {
      if (!scope.isDisposed) messages.status(t.editorFailed(errorMessage(error)));
    },
  );

  // ---- plots --------------------------------------------------------------------------
  const charts: (() => void)[] = [];
  const clearPlots = (): void => {
    for (const destroy of charts.splice(0)) destroy();
    plots.textContent = '';
  };
  scope.add(() => {
    for (const destroy of charts.splice(0)) destroy();
  });
  const addPlot = (plot: ListingPlot): void => {
    const box = document.createElement('div');
    plots.append(box);
    // Numbered now: counted when drawn, two plots of one run would both be the last.
    const index = plots.childElementCount;
    plotter ??= import('./listing-plot').then((m) => m.renderPlot);
    void plotter
      .then((render) => render(box, plot, index, t))
      .then(
        (destroy) => {
          // A plot drawn after the next run (or the dispose) cleared its box goes at once.
          if (box.isConnected && !scope.isDisposed) charts.push(destroy);
          else destroy();
        },
        (error: unknown) => {
          box.textContent = t.plotFailed(errorMessage(error));
        },
      );
  };

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
    messages.error(`${describeError(error)}${error.line ? t.errorLine(error.line, name) : ''}`);
    markErrorLine(error.line ?? null);
  };
  const stopClock = (): void => {
    if (running?.timer !== undefined) window.clearTimeout(running.timer);
  };
  const finish = (text: string): void => {
    stopClock();
    running = null;
    setRunning(false);
    status.textContent = text;
  };
  const killWorker = (): void => {
    worker?.terminate();
    worker = null;
  };
  scope.add(() => {
    stopClock();
    running = null;
    killWorker();
    setRunning(false);
  });
  const startWorker = (w: Worker = createSandbox()): Worker => {
    w.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (!running || message.run !== running.run) return;
      if (message.type === 'started') startClock();
      else if (message.type === 'line') appendLine(message.line);
      else if (message.type === 'plot') addPlot(message.plot);
      else {
        if (message.error) showError(message.error);
        finish(finishedStatus(message.ms, Boolean(message.error), t));
      }
    });
    w.addEventListener('error', (event) => {
      event.preventDefault();
      killWorker();
      showError({ name: 'Error', message: t.workerFailed(event.message || t.workerDidNotLoad) });
      finish(t.runFailed);
    });
    return w;
  };

  /** The time limit counts from the moment the reader's code starts (imports loaded). */
  const startClock = (): void => {
    if (!running) return;
    running.timer = window.setTimeout(() => {
      killWorker();
      finish(timeoutStatus(limit, t));
      showError({ name: 'TimeoutError', message: t.timeoutError(limit) });
    }, limit * 1000);
  };

  function run(): void {
    if (running || scope.isDisposed) return;
    const code = editor?.code() ?? original;
    worker ??= startWorker();
    runNumber += 1;
    output.textContent = '';
    clearPlots();
    messages.clear();
    markErrorLine(null);
    outputLabel.textContent = t.output;
    status.textContent = t.running;
    setRunning(true);
    running = { run: runNumber, started: performance.now(), timer: undefined };
    const request: RunRequest = { type: 'run', run: runNumber, code, lang };
    worker.postMessage(request);
  }

  scope.on(runButton, 'click', () => run());
  scope.on(stopButton, 'click', () => {
    if (!running) return;
    const ms = performance.now() - running.started;
    killWorker();
    finish(stoppedStatus(ms, t));
    runButton.focus();
  });
  scope.on(resetButton, 'click', () => {
    if (running) stopButton.click();
    editor?.setCode(original);
    markErrorLine(null);
    output.textContent = expectedOutput;
    outputLabel.textContent = t.outputExpected;
    clearPlots();
    messages.clear();
    status.textContent = t.resetDone(name);
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
  return scope.dispose;
}
