/**
 * DOM glue for TrainingLab.astro. The page never trains: a Web Worker
 * (src/train/worker.ts) does, and this module only sends it messages, draws what
 * comes back, and keeps the settings in the URL. Chart.js and the worker (with
 * TensorFlow.js inside) are loaded when the reader first presses Train.
 */
import { required } from '../islands/kit';
import { libraryParamCount } from '../../train/model-config';
import type { TrainSettings } from '../../train/settings';
import type { EpochEvent, StepEvent, WorkerToMain } from '../../train/messages';
import { runToCsv, type RunRecord } from './lab-export';
import { fillCitation, settingsPhrase, type CiteFormat } from './lab-cite';
import { fields, fromQuery, HEAD_TEXT, parseForm, toQuery, type FieldName, type FormValues } from './lab-settings';
import type { LabCharts } from './lab-charts';

type Phase = 'idle' | 'loading' | 'training' | 'paused' | 'finished';


export function mount(root: HTMLElement): void {
  const form = required<HTMLFormElement>(root, '[data-form]');
  const trainButton = required<HTMLButtonElement>(root, '[data-train]');
  const pauseButton = required<HTMLButtonElement>(root, '[data-pause]');
  const resetButton = required<HTMLButtonElement>(root, '[data-reset]');
  const csvButton = required<HTMLButtonElement>(root, '[data-csv]');
  const pngButton = required<HTMLButtonElement>(root, '[data-png]');
  const linkButton = required<HTMLButtonElement>(root, '[data-link]');
  const errorBox = required<HTMLElement>(root, '[data-error]');
  const status = required<HTMLElement>(root, '[data-status]');
  const progress = required<HTMLProgressElement>(root, '[data-progress]');
  const progressText = required<HTMLElement>(root, '[data-progress-text]');
  const paramsText = required<HTMLElement>(root, '[data-params]');
  const headText = required<HTMLElement>(root, '[data-head-text]');
  const tableBody = required<HTMLElement>(root, '[data-table-body]');
  const predictions = required<HTMLElement>(root, '[data-predictions]');
  const digits = required<HTMLElement>(root, '[data-digits]');
  const ownsUrl = root.dataset['ownsUrl'] === 'true';
  // `?backend=cpu|wasm|webgl` forces a backend (for comparisons and the benchmark);
  // otherwise the worker picks the fastest one that starts.
  const forced = ownsUrl ? new URLSearchParams(location.search).get('backend') : null;
  const forcedBackend = forced === 'cpu' || forced === 'wasm' || forced === 'webgl' ? forced : null;

  let phase: Phase = 'idle';
  let worker: Worker | null = null;
  let backend = '';
  let charts: LabCharts | null = null;
  let run: RunRecord | null = null;
  let totalSteps = 0;
  let lastAnnounced = 0;

  // ---- settings form -------------------------------------------------------
  const control = (name: FieldName): HTMLInputElement | HTMLSelectElement =>
    form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  const readForm = (): FormValues => Object.fromEntries(fields.map((f) => [f.name, control(f.name).value])) as FormValues;
  const writeForm = (values: FormValues): void => {
    for (const f of fields) control(f.name).value = values[f.name];
  };

  const showIssues = (issues: { field: string; message: string }[]): void => {
    for (const f of fields) control(f.name).setAttribute('aria-invalid', String(issues.some((i) => i.field === f.name)));
    errorBox.hidden = issues.length === 0;
    errorBox.textContent = issues.map((i) => i.message).join(' ');
  };

  /** Re-reads the form: shows or hides head-specific fields, the parameter count and any problem. */
  const onSettingsChanged = (): ReturnType<typeof parseForm> => {
    const values = readForm();
    for (const label of form.querySelectorAll<HTMLElement>('[data-only-for]')) label.hidden = label.dataset['onlyFor'] !== values.head;
    headText.textContent = HEAD_TEXT[values.head] ?? values.head;
    const parsed = parseForm(values);
    if (parsed.ok) {
      paramsText.textContent = libraryParamCount(parsed.settings.model).toLocaleString('en-US');
      showIssues([]);
    } else {
      showIssues(parsed.issues);
    }
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
    pauseButton.textContent = next === 'paused' ? 'Resume' : 'Pause';
    resetButton.disabled = next === 'idle';
    for (const f of fields) control(f.name).disabled = busy;
    csvButton.disabled = run === null || run.steps.length === 0;
    pngButton.disabled = run === null || run.steps.length === 0;
  };

  const say = (text: string): void => {
    status.textContent = text;
  };

  // ---- the worker ------------------------------------------------------------
  // The worker probes the backends once per session (< 1 s) and the page keeps
  // the winner in sessionStorage, so later workers (a reload, a crash) skip the probe.
  const BACKEND_KEY = 'fully-connected:lab-backend';
  const recallBackend = (): 'cpu' | 'wasm' | 'webgl' | undefined => {
    try {
      const v = sessionStorage.getItem(BACKEND_KEY);
      return v === 'cpu' || v === 'wasm' || v === 'webgl' ? v : undefined;
    } catch {
      return undefined; // storage blocked: probe every time
    }
  };
  const rememberBackend = (name: string): void => {
    try {
      sessionStorage.setItem(BACKEND_KEY, name);
    } catch {
      // storage blocked: nothing to remember
    }
  };

  const startWorker = (): Worker => {
    const w = new Worker(new URL('../../train/worker.ts', import.meta.url), { type: 'module', name: 'fully-connected-trainer' });
    w.addEventListener('message', (event: MessageEvent<WorkerToMain>) => onMessage(event.data));
    w.addEventListener('error', (event) => {
      event.preventDefault();
      crashed(event.message || 'unknown error');
    });
    w.addEventListener('messageerror', () => crashed('a message could not be read'));
    w.postMessage({
      type: 'init',
      dataUrl: `${import.meta.env.BASE_URL}data/mnist-10k.bin.gz`,
      backend: forcedBackend ?? 'auto',
      remembered: recallBackend(),
    });
    return w;
  };

  const crashed = (why: string): void => {
    worker?.terminate();
    worker = null;
    showIssues([{ field: '', message: `The training worker stopped unexpectedly (${why}). Press Train to start a fresh one.` }]);
    say('The training worker crashed; a new one starts with the next run.');
    setPhase(run && run.steps.length > 0 ? 'finished' : 'idle');
  };

  const onMessage = (msg: WorkerToMain): void => {
    switch (msg.type) {
      case 'ready':
        backend = msg.detail ? `${msg.backend} (${msg.detail})` : msg.backend;
        root.dataset['backend'] = msg.backend;
        if (msg.probe) {
          root.dataset['probe'] = msg.probe.map((p) => `${p.backend} ${p.samplesPerSecond}`).join(', ');
          root.dataset['probeMs'] = String(msg.probeMs ?? '');
          if (!forcedBackend) rememberBackend(msg.backend);
        }
        break;
      case 'state':
        if (msg.state === 'loading') {
          setPhase('loading');
          progressText.textContent = 'Loading the digits…';
        }
        break;
      case 'start':
        if (!run) break;
        if (!backend.startsWith(msg.backend)) backend = msg.backend;
        root.dataset['backend'] = msg.backend;
        totalSteps = msg.stepsPerEpoch * msg.epochs;
        run.backend = msg.backend;
        run.paramCount = msg.paramCount;
        setPhase('training');
        say(
          `Training ${msg.paramCount.toLocaleString('en-US')} parameters on ${msg.trainSize.toLocaleString('en-US')} digits with the ${backend} backend.`,
        );
        break;
      case 'step':
        onStep(msg);
        break;
      case 'epoch':
        onEpoch(msg);
        break;
      case 'done':
        if (!run) break;
        finish('Finished.');
        worker?.postMessage({ type: 'predict', count: 24 });
        break;
      case 'stopped':
        finish('Stopped.');
        break;
      case 'diverged':
        finish(`Training stopped: ${msg.reason ?? 'the loss is no longer a finite number.'}`);
        showIssues([{ field: 'learningRate', message: msg.reason ?? 'The loss diverged: lower the learning rate.' }]);
        break;
      case 'predictions':
        drawPredictions(msg.images, msg.size, msg.labels, msg.predicted);
        break;
      case 'error':
        if (msg.issues) showIssues(msg.issues);
        else showIssues([{ field: '', message: msg.message }]);
        if (phase === 'loading' || phase === 'training') setPhase(run && run.steps.length > 0 ? 'finished' : 'idle');
        break;
    }
  };

  const onStep = (s: StepEvent): void => {
    if (!run) return;
    // Measured by `npm run bench`: from the click on Train to the first plotted point.
    if (run.steps.length === 0) performance.measure('lab-first-point', 'lab-train-click');
    run.steps.push(s);
    root.dataset['samplesPerSecond'] = String(Math.round(s.samplesPerSecond));
    charts?.addStep(s);
    const done = (s.epoch - 1) * s.stepsPerEpoch + s.step;
    progress.value = totalSteps > 0 ? done / totalSteps : 0;
    const remaining = s.samplesPerSecond > 0 ? ((totalSteps - done) * run.settings.batchSize) / s.samplesPerSecond : Number.NaN;
    progressText.textContent =
      `Epoch ${s.epoch} of ${run.settings.epochs}, step ${s.step} of ${s.stepsPerEpoch} · ${Math.round(s.samplesPerSecond)} samples/s · ` +
      `${Number.isFinite(remaining) ? `about ${Math.ceil(remaining)} s left` : 'estimating time left'} · backend: ${backend}`;
    // Screen readers hear progress sparingly: every 25 %.
    const quarter = Math.floor((done / Math.max(1, totalSteps)) * 4);
    if (quarter > lastAnnounced && quarter < 4) {
      lastAnnounced = quarter;
      say(`${quarter * 25} % trained; last mini-batch loss ${s.loss.toFixed(3)}.`);
    }
  };

  const onEpoch = (e: EpochEvent): void => {
    if (!run) return;
    run.epochs.push(e);
    charts?.addEpoch(e);
    const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
    if (run.epochs.length === 1) tableBody.textContent = '';
    const row = document.createElement('tr');
    for (const cell of [
      String(e.epoch),
      e.trainLoss.toFixed(4),
      pct(e.trainAccuracy),
      e.valLoss.toFixed(4),
      pct(e.valAccuracy),
      e.seconds.toFixed(1),
    ]) {
      const td = document.createElement('td');
      td.textContent = cell;
      row.append(td);
    }
    tableBody.append(row);
    say(`Epoch ${e.epoch}: validation accuracy ${pct(e.valAccuracy)}, validation loss ${e.valLoss.toFixed(3)}.`);
  };

  const finish = (text: string): void => {
    if (!run) return; // the end of a run that was reset
    run.outcome = text;
    setPhase('finished');
    if (text === 'Finished.') progress.value = 1;
    const last = run.epochs.at(-1);
    say(last ? `${text} Validation accuracy ${(100 * last.valAccuracy).toFixed(1)} %.` : text);
  };

  const drawPredictions = (images: Uint8Array, size: number, labels: number[], predicted: number[]): void => {
    digits.textContent = '';
    let wrong = 0;
    labels.forEach((label, i) => {
      const item = document.createElement('li');
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const ctx = canvas.getContext('2d');
      if (ctx) {
        const img = ctx.createImageData(size, size);
        for (let p = 0; p < size * size; p++) {
          const v = images[i * size * size + p] ?? 0;
          img.data.set([v, v, v, 255], p * 4);
        }
        ctx.putImageData(img, 0, 0);
      }
      canvas.setAttribute('aria-hidden', 'true');
      const ok = predicted[i] === label;
      if (!ok) wrong += 1;
      item.className = ok ? 'right' : 'wrong';
      const text = document.createElement('span');
      text.textContent = ok ? `${label} ✓` : `${predicted[i]} ✗ (is ${label})`;
      item.append(canvas, document.createElement('br'), text);
      item.setAttribute('aria-label', ok ? `A ${label}, predicted correctly` : `A ${label}, predicted as ${predicted[i]}`);
      digits.append(item);
    });
    predictions.hidden = false;
    say(`${labels.length - wrong} of ${labels.length} test digits predicted correctly.`);
  };

  // ---- actions ---------------------------------------------------------------
  const train = async (): Promise<void> => {
    performance.mark('lab-train-click');
    const parsed = onSettingsChanged();
    if (!parsed.ok) {
      say('Not started: fix the settings marked above.');
      return;
    }
    const settings: TrainSettings = parsed.settings;
    setPhase('loading');
    progress.value = 0;
    progressText.textContent = 'Loading TensorFlow.js and the chart…';
    try {
      // The worker first: TensorFlow.js loads in it while the charts load here.
      worker ??= startWorker();
      if (!charts) {
        const { createCharts } = await import('./lab-charts');
        charts = await createCharts(root);
      }
    } catch (error) {
      setPhase('idle');
      showIssues([{ field: '', message: `The Lab could not start: ${error instanceof Error ? error.message : String(error)}` }]);
      return;
    }
    charts.clear();
    tableBody.innerHTML = '<tr><td colspan="6">Training…</td></tr>';
    predictions.hidden = true;
    lastAnnounced = 0;
    run = { settings, url: location.href, backend, paramCount: 0, steps: [], epochs: [], outcome: 'running' };
    worker.postMessage({ type: 'train', settings });
  };

  const reset = (): void => {
    worker?.postMessage({ type: 'reset' });
    charts?.clear();
    run = null;
    totalSteps = 0;
    progress.value = 0;
    progressText.textContent = 'Not started.';
    tableBody.innerHTML = '<tr><td colspan="6">No run yet.</td></tr>';
    predictions.hidden = true;
    digits.textContent = '';
    showIssues([]);
    say('Reset: the model is discarded.');
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

  trainButton.addEventListener('click', () => void train());
  pauseButton.addEventListener('click', () => {
    if (phase === 'training') {
      worker?.postMessage({ type: 'pause' });
      setPhase('paused');
      say('Paused.');
    } else if (phase === 'paused') {
      worker?.postMessage({ type: 'resume' });
      setPhase('training');
      say('Resumed.');
    }
  });
  resetButton.addEventListener('click', reset);
  csvButton.addEventListener('click', () => {
    if (!run) return;
    const url = URL.createObjectURL(new Blob([runToCsv(run)], { type: 'text/csv' }));
    download('fully-connected-lab-run.csv', url);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  pngButton.addEventListener('click', () => {
    if (charts && run) download('fully-connected-lab-run.png', charts.toPng(`Fully Connected — Lab · ${toQuery(readForm()).slice(1)}`));
  });
  linkButton.addEventListener('click', () => {
    navigator.clipboard.writeText(location.href).then(
      () => say('The link to this experiment was copied.'),
      () => say(`Copy this link by hand: ${location.href}`),
    );
  });
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy-cite]')) {
    button.addEventListener('click', () => {
      const text = root.querySelector(`pre[data-cite="${button.dataset['copyCite']}"]`)?.textContent ?? '';
      navigator.clipboard.writeText(text).then(
        () => say(`${button.textContent?.replace(/^Copy /, '') ?? 'The citation'} copied.`),
        () => say('Your browser did not allow copying: select the citation and copy it by hand.'),
      );
    });
  }
  form.addEventListener('input', () => void onSettingsChanged());
  form.addEventListener('change', () => void onSettingsChanged());
  form.addEventListener('submit', (event) => event.preventDefault());

  // A shared link restores its settings.
  if (ownsUrl && location.search.length > 1) writeForm(fromQuery(location.search, readForm()));
  onSettingsChanged();
  setPhase('idle');
}
