/**
 * The live listing: swaps the highlighted code for a CodeMirror 6 editor, runs the
 * code in a sandboxed worker (`listing.worker.ts`) with a time limit, and shows the
 * output, the error (with the reader's line) and plots. Loaded on the first
 * interaction with a listing (see Listing.astro); CodeMirror, the worker, sucrase
 * and TensorFlow.js are all fetched only from here, on demand.
 */
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, Decoration, type DecorationSet } from '@codemirror/view';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { tags } from '@lezer/highlight';
import { describeError, type ListingError, type ListingLang, type ListingPlot, type OutputLine } from '../../listings/run';
import { finishedStatus, stoppedStatus, timeoutStatus, type RunRequest, type WarmRequest, type WorkerMessage } from './protocol';
import { adoptStyles } from './adopted-styles';
import { createSandbox, takeEarly } from './sandbox';

// CodeMirror's styles go into an adopted stylesheet: the page's CSP blocks inline <style>.
adoptStyles();

/** Syntax colours from CSS variables set per theme in Listing.astro (contrast-checked in light and dark). */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.modifier, tags.operatorKeyword, tags.controlKeyword], color: 'var(--listing-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--listing-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--listing-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--listing-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: 'var(--listing-type)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--listing-function)' },
]);

/** Marks the line of the last error in the editor. */
const setErrorLine = StateEffect.define<number | null>();
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = tr.docChanged ? Decoration.none : value;
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const n = effect.value;
      next = n !== null && n >= 1 && n <= tr.state.doc.lines ? Decoration.set([Decoration.line({ class: 'cm-error-line' }).range(tr.state.doc.line(n).from)]) : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

type Plotter = (container: HTMLElement, plot: ListingPlot, index: number) => Promise<void>;
let plotter: Promise<Plotter> | undefined;

export function mount(root: HTMLElement): void {
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
  const expectedOutput = output.textContent ?? '';

  // ---- the editor ----------------------------------------------------------------
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    syntaxHighlighting(highlight),
    javascript({ typescript: lang === 'ts' }),
    errorLine,
    keymap.of([
      { key: 'Mod-Enter', run: () => (run(), true) },
      // Esc leaves the editor: focus moves to the Run button, so nobody is trapped.
      { key: 'Escape', run: () => (runButton.focus(), true) },
      ...defaultKeymap,
      ...historyKeymap,
    ]),
    EditorView.contentAttributes.of({ 'aria-label': `Code of ${name}, editable. Ctrl+Enter runs it; Esc leaves the editor.` }),
    EditorView.lineWrapping,
  ];
  void indentWithTab; // Tab is left to move focus (WCAG 2.1.2): indentation comes from Enter.
  const view = new EditorView({ state: EditorState.create({ doc: original, extensions }), parent: editorBox });
  const focusEditor = staticCode.contains(document.activeElement);
  staticCode.hidden = true;
  editorBox.hidden = false;
  if (focusEditor) view.focus();
  root.dataset['editor'] = 'ready';

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
    view.dispatch({ effects: setErrorLine.of(error.line ?? null) });
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
    const code = view.state.doc.toString();
    worker ??= startWorker();
    runNumber += 1;
    output.textContent = '';
    plots.textContent = '';
    errorBox.hidden = true;
    errorBox.textContent = '';
    view.dispatch({ effects: setErrorLine.of(null) });
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
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: original }, effects: setErrorLine.of(null) });
    output.textContent = expectedOutput;
    outputLabel.textContent = 'Output (expected)';
    plots.textContent = '';
    errorBox.hidden = true;
    status.textContent = `The code of ${name} is back to the original.`;
  });

  // The reader has started using this listing: its worker was started then, and is
  // loading the transpiler and the modules the code imports (sandbox.ts), while the
  // reader reads or edits (the first Run would otherwise wait for them; README,
  // "Runnable listings"). Without one (it failed to load), a fresh worker does the same.
  const early = takeEarly(root);
  worker = startWorker(early ?? undefined);
  if (!early) {
    const warm: WarmRequest = { type: 'warm', code: original, lang };
    worker.postMessage(warm);
  }
}
