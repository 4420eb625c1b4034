/**
 * DOM glue for TrainingLab.astro. The page never trains: a Web Worker
 * (src/train/worker.ts) does, and this module only wires the Lab together: the
 * settings form (and the URL and the citation it keeps up to date), the buttons and
 * the run's phases, the downloads and the clipboard. The worker is driven by
 * ./lab-worker-client.ts, the run's progress shown by ./lab-progress.ts, the test
 * digits by ./lab-predictions.ts. Chart.js and the worker (with TensorFlow.js
 * inside) load when the reader first presses Train.
 */
import { stringsFor } from '../islands/i18n';
import { copyText, errorMessage, localeOf, required, requiredField, Scope, widgetMessages, type Dispose } from '../islands/kit';
import { libraryParamCount } from '../../train/model-config';
import type { LabHeadKind, SettingsIssue } from '../../train/settings';
import type { EpochEvent, StepEvent, WorkerToMain } from '../../train/messages';
import { runToCsv, type RunRecord } from './lab-export';
import { fillCitation, settingsPhrase, type CiteFormat } from './lab-cite';
import { fields, fromQuery, parseForm, toQuery, type FieldName, type FormValues } from './lab-settings';
import type { LabCharts } from './lab-charts';
import { labPredictions } from './lab-predictions';
import { labProgress } from './lab-progress';
import { forcedBackendOf, workerClient } from './lab-worker-client';
import { labStrings } from './strings';

type Phase = 'idle' | 'loading' | 'training' | 'paused' | 'finished';

/** How many test digits are shown after a run. */
const PREDICTION_COUNT = 24;

export function mount(root: HTMLElement): Dispose {
  const t = stringsFor(labStrings, localeOf(root));
  const scope = new Scope();
  const messages = widgetMessages(root);
  const form = required<HTMLFormElement>(root, '[data-form]');
  const trainButton = required<HTMLButtonElement>(root, '[data-train]');
  const pauseButton = required<HTMLButtonElement>(root, '[data-pause]');
  const resetButton = required<HTMLButtonElement>(root, '[data-reset]');
  const csvButton = required<HTMLButtonElement>(root, '[data-csv]');
  const pngButton = required<HTMLButtonElement>(root, '[data-png]');
  const linkButton = required<HTMLButtonElement>(root, '[data-link]');
  const paramsText = required<HTMLElement>(root, '[data-params]');
  const headText = required<HTMLElement>(root, '[data-head-text]');
  const controls = Object.fromEntries(
    fields.map((f) => [f.name, requiredField<HTMLInputElement | HTMLSelectElement>(form, f.name)]),
  ) as Record<FieldName, HTMLInputElement | HTMLSelectElement>;
  const progress = labProgress(root, t);
  const predictions = labPredictions(root, t);
  const ownsUrl = root.dataset['ownsUrl'] === 'true';
  // `?backend=cpu|wasm|webgl` forces a backend (for comparisons and the benchmark);
  // otherwise the worker picks the fastest one that starts.
  const forcedBackend = ownsUrl ? forcedBackendOf(location.search) : null;

  let phase: Phase = 'idle';
  let backend = '';
  let charts: LabCharts | null = null;
  let run: RunRecord | null = null;

  // ---- settings form -------------------------------------------------------
  const readForm = (): FormValues => Object.fromEntries(fields.map((f) => [f.name, controls[f.name].value])) as FormValues;
  const writeForm = (values: FormValues): void => {
    for (const f of fields) controls[f.name].value = values[f.name];
  };

  /** Shows every problem in the error region and marks the fields they concern. */
  const showIssues = (issues: readonly SettingsIssue[]): void => {
    messages.clear();
    if (issues.length === 0) return;
    messages.error(issues.map((i) => i.message).join(' '));
    for (const f of fields) if (issues.some((i) => i.field === f.name)) controls[f.name].setAttribute('aria-invalid', 'true');
  };

  /** Re-reads the form: shows or hides head-specific fields, the parameter count and any problem. */
  const onSettingsChanged = (): ReturnType<typeof parseForm> => {
    const values = readForm();
    for (const label of form.querySelectorAll<HTMLElement>('[data-only-for]')) label.hidden = label.dataset['onlyFor'] !== values.head;
    headText.textContent = t.model.heads[values.head as LabHeadKind] ?? values.head;
    const parsed = parseForm(values, t);
    if (parsed.ok) paramsText.textContent = t.count(libraryParamCount(parsed.settings.model));
    showIssues(parsed.ok ? [] : parsed.issues);
    const query = `${toQuery(values)}${forcedBackend ? `&backend=${forcedBackend}` : ''}`;
    if (ownsUrl) history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
    const url = ownsUrl ? location.href : `${location.origin}${location.pathname}${query}`;
    for (const pre of root.querySelectorAll<HTMLElement>('pre[data-cite]')) {
      pre.textContent = fillCitation(pre.dataset['template'] ?? '', pre.dataset['cite'] as CiteFormat, url, settingsPhrase(query));
    }
    return parsed;
  };

  // ---- buttons and phases --------------------------------------------------
  const setPhase = (next: Phase): void => {
    phase = next;
    root.dataset['phase'] = next;
    const busy = next === 'loading' || next === 'training' || next === 'paused';
    trainButton.disabled = busy;
    pauseButton.disabled = !(next === 'training' || next === 'paused');
    pauseButton.textContent = next === 'paused' ? t.buttons.resume : t.buttons.pause;
    resetButton.disabled = next === 'idle';
    for (const f of fields) controls[f.name].disabled = busy;
    const nothingToSave = run === null || run.steps.length === 0;
    csvButton.disabled = nothingToSave;
    pngButton.disabled = nothingToSave;
  };
  /** After a run ends or fails: 'finished' when it has something to show, else 'idle'. */
  const settle = (): void => setPhase(run && run.steps.length > 0 ? 'finished' : 'idle');

  // ---- the worker ------------------------------------------------------------
  const onMessage = (msg: WorkerToMain): void => {
    switch (msg.type) {
      case 'ready':
        backend = msg.detail ? `${msg.backend} (${msg.detail})` : msg.backend;
        root.dataset['backend'] = msg.backend;
        if (msg.probe) {
          root.dataset['probe'] = msg.probe.map((p) => `${p.backend} ${p.samplesPerSecond}`).join(', ');
          root.dataset['probeMs'] = String(msg.probeMs ?? '');
        }
        break;
      case 'state':
        if (msg.state === 'loading') {
          setPhase('loading');
          progress.loading('digits');
        }
        break;
      case 'start':
        if (!run) break;
        if (!backend.startsWith(msg.backend)) backend = msg.backend;
        root.dataset['backend'] = msg.backend;
        run.backend = msg.backend;
        run.paramCount = msg.paramCount;
        setPhase('training');
        progress.start(msg, backend);
        break;
      case 'step':
        onStep(msg);
        break;
      case 'epoch':
        onEpoch(msg);
        break;
      case 'done':
        if (!run) break;
        finish(t.status.finished, true);
        worker.tell({ type: 'predict', count: PREDICTION_COUNT });
        break;
      case 'stopped':
        finish(t.status.stopped, false);
        break;
      case 'diverged':
        finish(t.status.diverged(msg.reason ?? t.status.divergedReason), false);
        showIssues([{ field: 'learningRate', message: msg.reason ?? t.errors.diverged }]);
        break;
      case 'predictions':
        progress.say(predictions.show(msg));
        break;
      case 'error':
        showIssues(msg.issues ?? [{ field: '', message: msg.message }]);
        if (phase === 'loading' || phase === 'training') settle();
        break;
    }
  };

  const worker = workerClient({
    forcedBackend,
    onMessage,
    onCrash: (why) => {
      showIssues([{ field: '', message: t.errors.crashed(why) }]);
      progress.say(t.status.crashed);
      settle();
    },
  });

  const onStep = (s: StepEvent): void => {
    if (!run) return;
    // Measured by `npm run bench`: from the click on Train to the first plotted point.
    if (run.steps.length === 0) performance.measure('lab-first-point', 'lab-train-click');
    run.steps.push(s);
    root.dataset['samplesPerSecond'] = String(Math.round(s.samplesPerSecond));
    charts?.addStep(s);
    progress.step(s, run.settings, backend);
  };

  const onEpoch = (e: EpochEvent): void => {
    if (!run) return;
    run.epochs.push(e);
    charts?.addEpoch(e);
    progress.epoch(e, run.epochs.length === 1);
  };

  const finish = (outcome: string, complete: boolean): void => {
    if (!run) return; // the end of a run that was reset
    run.outcome = outcome;
    setPhase('finished');
    progress.end(outcome, complete, run.epochs.at(-1));
  };

  // ---- actions ---------------------------------------------------------------
  const train = async (): Promise<void> => {
    performance.mark('lab-train-click');
    const parsed = onSettingsChanged();
    if (!parsed.ok) {
      progress.say(t.status.notStarted);
      return;
    }
    const settings = parsed.settings;
    setPhase('loading');
    progress.loading('code');
    try {
      // The worker first: TensorFlow.js loads in it while the charts load here.
      worker.start();
      if (!charts) {
        const { createCharts } = await import('./lab-charts');
        const made = await createCharts(root, t);
        if (scope.isDisposed) return made.destroy();
        charts = made;
      }
    } catch (error) {
      setPhase('idle');
      showIssues([{ field: '', message: t.errors.couldNotStart(errorMessage(error)) }]);
      return;
    }
    charts.clear();
    progress.begin();
    predictions.hide();
    run = { settings, url: location.href, backend, paramCount: 0, steps: [], epochs: [], outcome: 'running' };
    worker.send({ type: 'train', settings });
  };

  const reset = (): void => {
    worker.tell({ type: 'reset' });
    charts?.clear();
    run = null;
    progress.reset();
    predictions.hide(true);
    showIssues([]);
    progress.say(t.status.reset);
    setPhase('idle');
  };

  const download = (name: string, href: string): void => {
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  };

  /** Copies `text`, then says `copied` or, when the browser refuses, `failed`. */
  const copy = async (text: string, copied: string, failed: string): Promise<void> => {
    const ok = await copyText(text);
    if (!scope.isDisposed) progress.say(ok ? copied : failed);
  };

  scope.on(trainButton, 'click', () => void train());
  scope.on(pauseButton, 'click', () => {
    if (phase === 'training') {
      worker.tell({ type: 'pause' });
      setPhase('paused');
      progress.say(t.status.paused);
    } else if (phase === 'paused') {
      worker.tell({ type: 'resume' });
      setPhase('training');
      progress.say(t.status.resumed);
    }
  });
  scope.on(resetButton, 'click', reset);
  scope.on(csvButton, 'click', () => {
    if (!run) return;
    const url = URL.createObjectURL(new Blob([runToCsv(run)], { type: 'text/csv' }));
    download('fully-connected-lab-run.csv', url);
    const revoke = (): void => URL.revokeObjectURL(url);
    scope.timeout(revoke, 1000);
    scope.add(revoke);
  });
  scope.on(pngButton, 'click', () => {
    if (charts && run) download('fully-connected-lab-run.png', charts.toPng(t.charts.png(toQuery(readForm()).slice(1))));
  });
  scope.on(linkButton, 'click', () => void copy(location.href, t.link.copied, t.link.copyFailed(location.href)));
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy-cite]')) {
    const format = button.dataset['copyCite'] as CiteFormat;
    scope.on(button, 'click', () => {
      const text = required<HTMLElement>(root, `pre[data-cite="${format}"]`).textContent ?? '';
      void copy(text, t.cite.copied(t.cite.formats[format]), t.cite.copyFailed);
    });
  }
  scope.on(form, 'input', () => void onSettingsChanged());
  scope.on(form, 'change', () => void onSettingsChanged());
  scope.on(form, 'submit', (event) => event.preventDefault());
  scope.add(() => {
    worker.terminate();
    charts?.destroy();
    charts = null;
    run = null;
  });

  // A shared link restores its settings.
  if (ownsUrl && location.search.length > 1) writeForm(fromQuery(location.search, readForm()));
  onSettingsChanged();
  setPhase('idle');
  return scope.dispose;
}
