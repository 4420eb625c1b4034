/**
 * The training Web Worker (module worker): picks a tfjs backend, then hands every
 * message to the engine (./engine.ts). Start it with
 *   new Worker(new URL('../../train/worker.ts', import.meta.url), { type: 'module' })
 * and speak ./protocol.ts to it.
 *
 * Backend ('auto', the default of {type:'init'}; `backend` in the init message
 * forces one for tests): the first of these that initialises, reported in 'ready':
 *   1. wasm  — XNNPACK SIMD kernels. Stock tfjs-backend-wasm cannot train CNNs (no
 *      Conv2DBackpropFilter kernel, tfjs #8474); ./conv-grad.ts computes that
 *      gradient with the forward Conv2D kernel, which wasm has. Measured in Node
 *      on the book's CNN: ~800–1,200 samples/s, about 8–10× the cpu backend, with
 *      per-epoch losses equal to cpu's to ~1e-7. In Chromium here wasm beat
 *      (software) WebGL by ~10×, and it does not stutter the page's GPU.
 *   2. webgl — needs OffscreenCanvas with WebGL2 inside the worker.
 *   3. cpu   — plain JavaScript, always available.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { loadDigitsBrowser } from './data';
import { createEngine } from './engine';
import type { BackendName, MainToWorker, WorkerToMain } from './protocol';

const scope = self as unknown as {
  postMessage(message: WorkerToMain, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<MainToWorker>) => void) | null;
};

let requested: BackendName | 'auto' = 'auto';

function webglUsable(): boolean {
  if (typeof OffscreenCanvas === 'undefined') return false;
  try {
    return new OffscreenCanvas(1, 1).getContext('webgl2') !== null;
  } catch {
    return false;
  }
}

async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === 'webgl' && !webglUsable()) return false;
    if (name === 'wasm') {
      setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
      });
    }
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    tf.tidy(() => tf.scalar(1).add(1)); // the backend really works
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

async function setupBackend(): Promise<BackendName> {
  const order: BackendName[] = requested === 'auto' ? ['wasm', 'webgl', 'cpu'] : [requested, 'cpu'];
  for (const name of order) if (await trySetBackend(name)) return name;
  throw new Error('No TensorFlow.js backend could be initialised in this browser.');
}

const engine = createEngine({
  post: (message, transfer) => scope.postMessage(message, transfer ?? []),
  loadDigits: (url) => loadDigitsBrowser(url),
  setupBackend,
});

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'init' && message.backend) requested = message.backend;
  void engine.handle(message);
};
