/**
 * The messages between the page (main thread) and the training worker
 * (src/train/worker.ts), and the trainer's events they carry. Types only: no
 * TensorFlow.js, so a widget can import them without pulling tfjs into its chunk.
 * The settings a 'train' message carries, and their validation, are ./settings.ts.
 *
 * Conversation (every message is structured-cloneable plain data):
 *
 *   main → worker  {type:'init', dataUrl}          once, first (dataUrl: the URL of
 *                                                  public/data/mnist-10k.bin.gz, with
 *                                                  the site's base, e.g.
 *                                                  `${import.meta.env.BASE_URL}data/mnist-10k.bin.gz`)
 *   worker → main  {type:'ready', backend, …}      the tfjs backend the worker picked
 *                                                  ('auto': the fastest in a < 1 s probe,
 *                                                  see ./probe.ts; init's optional
 *                                                  `backend` forces one)
 *   main → worker  {type:'train', settings}        validated first: invalid settings give
 *                                                  {type:'error', message, issues} and
 *                                                  nothing trains
 *   worker → main  {type:'state', state:'loading'} while the digits are fetched (first time)
 *                  {type:'start', …}               model built: parameter count, step counts
 *                  {type:'step', …}                after every mini-batch
 *                  {type:'epoch', …}               after every epoch (validation included)
 *                  {type:'done'|'stopped'|'diverged', reason?}   exactly one, at the end
 *   main → worker  'pause' / 'resume' / 'stop'     honoured between mini-batches
 *                  'reset'                         stops any run and frees the model
 *                  {type:'predict', count}         after (or during a pause of) a run:
 *   worker → main  {type:'predictions', …}         the first `count` test digits, their
 *                                                  labels and the model's predictions
 *
 * Every state change is also reported as {type:'state', state}. Messages that
 * make no sense in the current state (e.g. 'resume' when not paused) are ignored;
 * a 'train' while a run is active, or a 'predict' with no trained model, answers
 * {type:'error', message}.
 */

import type { SettingsIssue, TrainSettings } from './settings';

/** The TensorFlow.js backends the worker can train on. */
export type BackendName = 'webgl' | 'wasm' | 'cpu';

// ---------------------------------------------------------------------------
// Events (trainer → listener; also worker → main)
// ---------------------------------------------------------------------------

export interface StartEvent {
  type: 'start';
  /** Trainable parameters (from the layer library; equals tfjs's countParams()). */
  paramCount: number;
  stepsPerEpoch: number;
  epochs: number;
  trainSize: number;
  valSize: number;
  backend: string;
}

export interface StepEvent {
  type: 'step';
  /** 1-based. */
  epoch: number;
  /** 1-based within the epoch. */
  step: number;
  stepsPerEpoch: number;
  /** Mean cross-entropy of this mini-batch. */
  loss: number;
  /** Training throughput of the current epoch so far. */
  samplesPerSecond: number;
}

export interface EpochEvent {
  type: 'epoch';
  /** 1-based. */
  epoch: number;
  /** Mean of the epoch's mini-batch losses (dropout active). */
  trainLoss: number;
  /** Accuracy on the epoch's mini-batches, measured during training (dropout active). */
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** Seconds the epoch took, validation included. */
  seconds: number;
}

export interface EndEvent {
  type: 'done' | 'stopped' | 'diverged';
  /** For 'diverged': e.g. "The loss became NaN at epoch 1, step 12 — lower the learning rate." */
  reason?: string;
}

export type TrainerEvent = StartEvent | StepEvent | EpochEvent | EndEvent;

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/** One backend's score in the start-up probe (./probe.ts); 0 = it did not start. */
export interface ProbeResult {
  backend: BackendName;
  samplesPerSecond: number;
}

export type MainToWorker =
  /**
   * `backend` (default 'auto': the fastest in a short probe) forces a backend, e.g.
   * in tests and the benchmark; `remembered` is the backend an earlier probe in this
   * session chose (the page keeps it in sessionStorage): 'auto' uses it without
   * probing again when it still starts.
   */
  | { type: 'init'; dataUrl: string; backend?: BackendName | 'auto'; remembered?: BackendName }
  | { type: 'train'; settings: TrainSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'reset' }
  | { type: 'predict'; count: number };

export type EngineState = 'idle' | 'loading' | 'training' | 'paused';

export interface PredictionsMessage {
  type: 'predictions';
  /** `count` images of size×size pixels, row-major, 0…255, as the model saw them. */
  images: Uint8Array;
  size: number;
  labels: number[];
  predicted: number[];
  /** Softmax probability of the predicted class, 0…1. */
  confidence: number[];
}

export type WorkerToMain =
  /**
   * `detail`: e.g. 'SIMD, 2 threads' for wasm; `probe`: the probe's scores when
   * this worker measured them (absent when the backend was forced or remembered),
   * and `probeMs` how long the probe took, backend start-ups included.
   */
  | { type: 'ready'; backend: BackendName; detail?: string; probe?: ProbeResult[]; probeMs?: number }
  | { type: 'state'; state: EngineState }
  | TrainerEvent
  | PredictionsMessage
  | { type: 'error'; message: string; issues?: SettingsIssue[] };
