/**
 * The Lab's side of the training worker (src/train/worker.ts, which speaks
 * src/train/messages.ts): starts it on the first message, passes every answer on,
 * reports a crash once and forgets the crashed worker (the next run starts a fresh
 * one), and keeps the backend the worker's probe chose in sessionStorage, so that a
 * later worker in the session (a reload, a crash) skips the probe.
 */
import type { BackendName, MainToWorker, WorkerToMain } from '../../train/messages';

/** Where the winner of the backend probe is kept for the session. */
const BACKEND_KEY = 'fully-connected:lab-backend';

const isBackend = (v: string | null | undefined): v is BackendName => v === 'cpu' || v === 'wasm' || v === 'webgl';

/** The backend `?backend=cpu|wasm|webgl` forces (for comparisons and the benchmark), or null. */
export function forcedBackendOf(search: string): BackendName | null {
  const v = new URLSearchParams(search).get('backend');
  return isBackend(v) ? v : null;
}

function recallBackend(): BackendName | undefined {
  try {
    const v = sessionStorage.getItem(BACKEND_KEY);
    return isBackend(v) ? v : undefined;
  } catch {
    return undefined; // storage blocked: probe every time
  }
}

function rememberBackend(name: BackendName): void {
  try {
    sessionStorage.setItem(BACKEND_KEY, name);
  } catch {
    // storage blocked: nothing to remember
  }
}

export interface WorkerClientOptions {
  /** A backend to train on instead of the probe's choice. */
  forcedBackend: BackendName | null;
  onMessage(msg: WorkerToMain): void;
  /** The worker died (`why`: the browser's reason); it has been terminated already. */
  onCrash(why: string): void;
}

export interface WorkerClient {
  /** Starts a worker when none runs, so TensorFlow.js loads in it meanwhile (throws if the browser refuses). */
  start(): void;
  /** Sends `msg`, starting a worker first when none runs. */
  send(msg: MainToWorker): void;
  /** Sends `msg` to the running worker; nothing when none runs. */
  tell(msg: MainToWorker): void;
  /** Terminates the worker (a later `send` starts a new one). */
  terminate(): void;
}

export function workerClient(options: WorkerClientOptions): WorkerClient {
  let worker: Worker | null = null;

  const onMessage = (event: MessageEvent<WorkerToMain>): void => {
    const msg = event.data;
    if (msg.type === 'ready' && msg.probe && !options.forcedBackend) rememberBackend(msg.backend);
    options.onMessage(msg);
  };
  const crashed = (why: string): void => {
    terminate();
    options.onCrash(why);
  };
  const onError = (event: ErrorEvent): void => {
    event.preventDefault();
    crashed(event.message || 'unknown error');
  };
  const onMessageError = (): void => crashed('a message could not be read');

  const create = (): Worker => {
    const w = new Worker(new URL('../../train/worker.ts', import.meta.url), { type: 'module', name: 'fully-connected-trainer' });
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.addEventListener('messageerror', onMessageError);
    w.postMessage({
      type: 'init',
      dataUrl: `${import.meta.env.BASE_URL}data/mnist-10k.bin.gz`,
      backend: options.forcedBackend ?? 'auto',
      remembered: recallBackend(),
    } satisfies MainToWorker);
    return w;
  };

  const terminate = (): void => {
    if (!worker) return;
    worker.removeEventListener('message', onMessage);
    worker.removeEventListener('error', onError);
    worker.removeEventListener('messageerror', onMessageError);
    worker.terminate();
    worker = null;
  };

  return {
    start() {
      worker ??= create();
    },
    send(msg) {
      worker ??= create();
      worker.postMessage(msg);
    },
    tell(msg) {
      worker?.postMessage(msg);
    },
    terminate,
  };
}
