/**
 * The training engine behind the worker: turns MainToWorker messages into
 * training runs and WorkerToMain messages (see ./messages.ts for the
 * conversation). It has no worker globals of its own, so Node tests drive it
 * directly with `engine.handle(message)`.
 *
 * Data: the digits are loaded once (on the first 'train'), split with the book's
 * fixed split (splitDigits), and prepared per run: the first settings.trainSize
 * training digits, the first settings.valSize validation digits, and the test
 * digits, placed on a settings.canvasSize canvas and shifted by up to
 * trainShift / evalShift pixels (seeded, fixed seeds, so the data are the same for
 * every run with the same settings).
 */
import type { Digits, DigitSplit } from './data';
import { shiftDigits, splitDigits, takeDigits } from './data';
import { validateSettings } from './settings';
import type { TrainSettings } from './settings';
import type { BackendName, EngineState, MainToWorker, ProbeResult, WorkerToMain } from './messages';

/** What the worker's backend set-up chose, as reported in {type:'ready'}. */
export interface BackendChoice {
  backend: BackendName;
  detail?: string;
  probe?: ProbeResult[];
  probeMs?: number;
}
import { SettingsError, Trainer } from './trainer';
import type { TrainerOptions } from './trainer';

/** Seeds of the data shifts (fixed: the data do not depend on the training seed). */
const TRAIN_SHIFT_SEED = 101;
const VAL_SHIFT_SEED = 102;
const TEST_SHIFT_SEED = 103;

export interface EngineOptions {
  /** Sends a message to the page (postMessage in the worker); `transfer` lists buffers to move. */
  post: (message: WorkerToMain, transfer?: Transferable[]) => void;
  /** Loads the full digit set (loadDigitsBrowser in the worker, loadDigitsNode in tests). */
  loadDigits: (dataUrl: string) => Promise<Digits>;
  /**
   * Selects and initialises a tfjs backend; called once, on 'init'. It returns the
   * backend's name, or the name with details for the 'ready' message (the worker's
   * probe results, wasm's SIMD/threads).
   */
  setupBackend: () => Promise<BackendName | BackendChoice>;
  /** Passed to every Trainer (tests use it to control time and yielding). */
  trainerOptions?: TrainerOptions;
}

export interface Engine {
  /**
   * Handles one message. The promise settles when the message's work is done —
   * for 'train', when the run has ended — and never rejects: failures are posted
   * as {type:'error', message}. Do not await 'train' inside onmessage.
   */
  handle(message: MainToWorker): Promise<void>;
  readonly state: EngineState;
  /** The digits as split (null until the first 'train' loaded them). */
  readonly split: DigitSplit | null;
}

interface Prepared {
  key: string;
  train: Digits;
  val: Digits;
  test: Digits;
}

/** Prepares the digits one run needs (shifts and canvas from the settings). */
export function prepareRunData(split: DigitSplit, s: TrainSettings): Omit<Prepared, 'key'> {
  const place = (set: Digits, shift: number, seed: number): Digits =>
    shift === 0 && s.canvasSize === set.rows ? set : shiftDigits(set, shift, seed, s.canvasSize);
  return {
    train: place(takeDigits(split.train, s.trainSize), s.trainShift, TRAIN_SHIFT_SEED),
    val: place(takeDigits(split.val, s.valSize), s.evalShift, VAL_SHIFT_SEED),
    test: place(split.test, s.evalShift, TEST_SHIFT_SEED),
  };
}

export function createEngine(options: EngineOptions): Engine {
  const { post } = options;
  let state: EngineState = 'idle';
  let dataUrl: string | null = null;
  let backendReady: Promise<BackendName | BackendChoice> | null = null;
  let digits: Promise<DigitSplit> | null = null;
  let split: DigitSplit | null = null;
  let trainer: Trainer | null = null;
  let running: Promise<unknown> | null = null;
  /** A 'stop' or 'reset' has ended the current run, which finishes its mini-batch. */
  let ending = false;
  let prepared: Prepared | null = null;

  const setState = (next: EngineState): void => {
    if (next === state) return;
    state = next;
    post({ type: 'state', state });
  };
  const error = (message: string, issues?: { field: string; message: string }[]): void => {
    post(issues ? { type: 'error', message, issues } : { type: 'error', message });
  };

  async function init(url: string): Promise<void> {
    dataUrl = url;
    backendReady ??= options.setupBackend();
    const chosen = await backendReady;
    post(typeof chosen === 'string' ? { type: 'ready', backend: chosen } : { type: 'ready', ...chosen });
  }

  async function train(settings: TrainSettings): Promise<void> {
    // Train right after Reset or Stop: the old run is only finishing its mini-batch,
    // so wait for it rather than refuse (the page already shows it as stopped).
    while (running && ending) await running;
    if (running) {
      error('A training run is already in progress: stop or reset it first.');
      return;
    }
    const issues = validateSettings(settings);
    if (issues.length > 0) {
      error(issues.map((i) => i.message).join(' '), issues);
      return;
    }
    if (dataUrl === null) {
      error("The worker has not been initialised: send {type:'init', dataUrl} first.");
      return;
    }
    const url = dataUrl;
    let finished!: () => void;
    running = new Promise<void>((r) => (finished = r));
    try {
      await backendReady;
      if (!split) {
        setState('loading');
        digits ??= options.loadDigits(url).then(splitDigits);
        try {
          split = await digits;
        } catch (err) {
          digits = null; // let the next 'train' try again
          throw err;
        }
      }
      const key = JSON.stringify([settings.trainSize, settings.valSize, settings.canvasSize, settings.trainShift, settings.evalShift]);
      if (prepared?.key !== key) prepared = { key, ...prepareRunData(split, settings) };
      trainer?.dispose();
      trainer = null;
      const t = new Trainer(settings, { train: prepared.train, val: prepared.val }, (event) => post(event), options.trainerOptions);
      trainer = t;
      setState('training');
      await t.run();
    } catch (err) {
      if (err instanceof SettingsError) error(err.message, err.issues);
      else error(err instanceof Error ? err.message : String(err));
    } finally {
      running = null;
      ending = false;
      finished();
      setState('idle');
    }
  }

  async function predict(count: number): Promise<void> {
    const t = trainer;
    if (!t || !t.tfModel || !prepared) {
      error('There is no trained model yet: train one first.');
      return;
    }
    if (!Number.isInteger(count) || count < 1) {
      error(`The number of digits to predict must be a whole number ≥ 1, but got ${count}.`);
      return;
    }
    const test = takeDigits(prepared.test, count);
    const { predicted, confidence } = await t.predict(test);
    const images = test.images;
    post({ type: 'predictions', images, size: test.rows, labels: Array.from(test.labels), predicted, confidence }, [
      images.buffer as ArrayBuffer,
    ]);
  }

  async function handle(message: MainToWorker): Promise<void> {
    try {
      switch (message.type) {
        case 'init':
          await init(message.dataUrl);
          break;
        case 'train':
          await train(message.settings);
          break;
        case 'pause':
          if (state === 'training' && trainer) {
            trainer.pause();
            setState('paused');
          }
          break;
        case 'resume':
          if (state === 'paused' && trainer) {
            trainer.resume();
            setState('training');
          }
          break;
        case 'stop':
          if (running) ending = true;
          trainer?.stop();
          await running;
          break;
        case 'reset':
          if (running) ending = true;
          trainer?.dispose(); // stops a run; the model is freed when it ends
          await running;
          trainer?.dispose();
          trainer = null;
          setState('idle');
          break;
        case 'predict':
          await predict(message.count);
          break;
        default:
          error(`Unknown message type ${JSON.stringify((message as { type?: unknown }).type)}.`);
      }
    } catch (err) {
      error(err instanceof Error ? err.message : String(err));
    }
  }

  return {
    handle,
    get state() {
      return state;
    },
    get split() {
      return split;
    },
  };
}
