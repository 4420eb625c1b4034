/**
 * The training Web Worker (module worker): picks a tfjs backend, then hands every
 * message to the engine (./engine.ts). Start it with
 *   new Worker(new URL('../../train/worker.ts', import.meta.url), { type: 'module' })
 * and speak ./messages.ts to it.
 *
 * Backend ({type:'init'}'s `backend`, default 'auto'):
 *   - a named backend ('wasm' | 'webgl' | 'cpu') is used if it starts, else cpu
 *     (tests and the benchmark force one, the Lab's `?backend=`);
 *   - 'auto' with `remembered` (the page's sessionStorage of an earlier probe)
 *     uses that backend without probing when it still starts;
 *   - otherwise 'auto' probes wasm, webgl and cpu for ~0.15 s each with a few
 *     training steps of the Lab's default CNN (./probe.ts) and keeps the fastest;
 *     a software WebGL renderer scores 0 without being run (see webglUsable).
 *     The 'ready' message reports the choice and the scores; the page remembers it.
 *
 * wasm: XNNPACK SIMD kernels; stock tfjs-backend-wasm cannot train CNNs (no
 * Conv2DBackpropFilter kernel, tfjs #8474), ./conv-grad.ts computes that gradient
 * with the forward Conv2D kernel. The three .wasm binaries are bundled as assets
 * of the site (Vite's `?url`, so they come from the site's own origin) and
 * `setWasmPaths` maps each file name to its hashed URL. tfjs loads the
 * multi-threaded SIMD binary when the page is cross-origin isolated (COOP
 * same-origin + COEP require-corp: SharedArrayBuffer exists), using one thread
 * per logical core (navigator.hardwareConcurrency), and the single-threaded SIMD binary
 * otherwise; 'ready' says which (`detail`).
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as threadedFactoryModule from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import threadedFactorySource from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';
import { loadDigitsBrowser } from './data';
import { createEngine } from './engine';
import type { BackendChoice } from './engine';
import { probeBackends } from './probe';
import type { BackendName, MainToWorker, WorkerToMain } from './messages';

const scope = self as unknown as {
  postMessage(message: WorkerToMain, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<MainToWorker>) => void) | null;
  crossOriginIsolated?: boolean;
};

let requested: BackendName | 'auto' = 'auto';
let remembered: BackendName | undefined;

/**
 * Whether WebGL2 works inside this worker. Unless `allowSoftware`, a software
 * renderer (SwiftShader, llvmpipe) counts as unusable: it was ~30× slower than
 * wasm here, and its shader compilation alone can block the probe for seconds.
 */
function webglUsable(allowSoftware: boolean): boolean {
  if (typeof OffscreenCanvas === 'undefined') return false;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (gl === null) return false;
    if (allowSoftware) return true;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    return !/swiftshader|llvmpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}

/**
 * Makes the multi-threaded binary work after bundling. tfjs starts each pthread
 * worker with a script built from the Emscripten factory's source text,
 * `'var WasmBackendModuleThreadedSimd = ' + factory.toString()`. Minified by the
 * bundler, that function refers to variables of its enclosing module, which the
 * pthread worker does not have ("ReferenceError: e is not defined", every thread
 * dies and training never starts). We give the factory a toString that returns
 * the package's original, self-contained file (imported as text) wrapped so that
 * it evaluates to the factory.
 */
function repairThreadedFactory(): void {
  const ns = threadedFactoryModule as unknown as { default?: unknown };
  const factory = typeof ns.default === 'function' ? ns.default : ns;
  if (typeof factory !== 'function') return;
  const source = `(() => {\n${threadedFactorySource}\nreturn WasmBackendModuleThreadedSimd;\n})()`;
  Object.defineProperty(factory, 'toString', { value: () => source, configurable: true });
}
repairThreadedFactory();
// Ask for one thread per logical core (only the multi-threaded binary uses it).
// tfjs caps the count at half the logical cores (backend.cc: num_cores =
// emscripten_num_logical_cores() / 2, for hyper-threading), so a 2-core machine
// trains on 1 thread and a 4-core laptop on 2, whatever is asked here.
setThreadsCount(Math.max(1, navigator.hardwareConcurrency || 1));

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});

async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === 'webgl' && !webglUsable(requested === 'webgl')) return false;
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    tf.tidy(() => tf.scalar(1).add(1)); // the backend really works
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** 'SIMD, 2 threads' / 'SIMD, 1 thread (not cross-origin isolated)' for wasm; undefined otherwise. */
function detailOf(name: BackendName): string | undefined {
  if (name !== 'wasm') return undefined;
  try {
    const threads = getThreadsCount();
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
    const isolated = scope.crossOriginIsolated === true ? '' : ' (not cross-origin isolated)';
    return `${simd}, ${threads} thread${threads === 1 ? '' : 's'}${isolated}`;
  } catch {
    return undefined; // the flags are evaluated when the backend starts; never fatal
  }
}

async function setupBackend(): Promise<BackendChoice> {
  if (requested !== 'auto') {
    for (const name of [requested, 'cpu'] as const) if (await trySetBackend(name)) return { backend: name, detail: detailOf(name) };
    throw new Error('No TensorFlow.js backend could be initialised in this browser.');
  }
  if (remembered && (await trySetBackend(remembered))) return { backend: remembered, detail: detailOf(remembered) };
  const started = performance.now();
  const { best, results } = await probeBackends(['wasm', 'webgl', 'cpu'], { setBackend: trySetBackend });
  return { backend: best, detail: detailOf(best), probe: results, probeMs: Math.round(performance.now() - started) };
}

const engine = createEngine({
  post: (message, transfer) => scope.postMessage(message, transfer ?? []),
  loadDigits: (url) => loadDigitsBrowser(url),
  setupBackend,
});

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'init') {
    if (message.backend) requested = message.backend;
    remembered = message.remembered;
  }
  void engine.handle(message);
};
