/**
 * The sandbox of the runnable listings: a dedicated module Web Worker (no DOM).
 * Before any reader code runs, the network and storage APIs of the worker's global
 * scope are replaced by stand-ins that refuse (fetch, XMLHttpRequest, WebSocket,
 * EventSource, importScripts, WebTransport, indexedDB, caches, nested workers,
 * BroadcastChannel), and the reader's code may import only the allow-listed modules
 * (`src/listings/modules.ts`, bundled by Vite). The page enforces the time limit by
 * terminating this worker (the clock starts when the
 * reader's code starts, after its imports have loaded). The code itself is evaluated by `runListing`
 * (`src/listings/run.ts`) with the AsyncFunction constructor: this worker is the
 * only place in the site that evaluates code (its CSP needs 'unsafe-eval'; docs/deploying.md#security-headers).
 */
import { blockedGlobals, runListing, warmUp } from '../../listings/run';
import type { RunRequest, WarmRequest, WorkerMessage } from './protocol';

/** The parts of the worker's global scope used here (the project's TypeScript lib is the DOM's). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RunRequest | WarmRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;
const send = scope.postMessage.bind(scope) as (message: WorkerMessage) => void;

/** Replaces the global network and storage APIs for good (not writable, not configurable). */
function lockDown(): void {
  const refuse = (what: string) =>
    function blocked(): never {
      throw new Error(`${what} is blocked: listings run without network access`);
    };
  const stand_ins: Record<string, unknown> = {
    ...blockedGlobals(),
    WebTransport: refuse('WebTransport'),
    Worker: refuse('Worker'),
    SharedWorker: refuse('SharedWorker'),
    BroadcastChannel: refuse('BroadcastChannel'),
  };
  for (const [name, value] of Object.entries(stand_ins)) {
    try {
      Object.defineProperty(scope, name, { value, writable: false, configurable: false, enumerable: false });
    } catch {
      // A property the engine will not let us redefine: the page's CSP (connect-src) still applies.
    }
  }
}
lockDown();

scope.addEventListener('message', (event: MessageEvent<RunRequest | WarmRequest>) => {
  if (event.data.type === 'warm') {
    void warmUp(event.data.code, event.data.lang);
    return;
  }
  const { run, code, lang } = event.data;
  void runListing(code, lang, {
    onLine: (line) => send({ type: 'line', run, line }),
    onPlot: (plot) => send({ type: 'plot', run, plot }),
    onStart: () => send({ type: 'started', run }),
  }).then((result) => {
    send({ type: 'done', run, ms: result.ms, tensorsLeft: result.tensorsLeft, ...(result.error ? { error: result.error } : {}) });
  });
});
