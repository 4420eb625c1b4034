/**
 * The modules a runnable listing may import: TensorFlow.js and the book's own
 * library (`src/lib`). Anything else is refused before the code runs. Vite bundles
 * each of these into the site (the listing worker imports them on demand), and Node
 * resolves the same imports for the test that runs every listing, so a listing sees
 * the same modules in both places.
 *
 * `@tensorflow/tfjs` is the package's namespace without its WebGL backend, converter
 * and tf.data (`./tf.ts` says why).
 *
 * TensorFlow.js always runs on its plain-JavaScript `cpu` backend in listings: it
 * needs no WebAssembly file or GPU, and it computes the same floats in Node and in
 * every browser, so a listing's printed output can be checked by the tests.
 */

type Loader = () => Promise<object>;

/** Loads TensorFlow.js and selects the `cpu` backend (quietly, without its Node banner). */
async function loadTf(): Promise<object> {
  const tf = await import('./tf');
  if (tf.getBackend() !== 'cpu') {
    if (!(await tf.setBackend('cpu'))) throw new Error("TensorFlow.js could not start its 'cpu' backend");
    await tf.ready();
    // In Node the cpu backend prints a "use tfjs-node" banner on its first tensor.
    const warn = console.warn;
    console.warn = () => {};
    try {
      tf.scalar(0).dispose();
    } finally {
      console.warn = warn;
    }
  }
  return tf;
}

/**
 * `loadTf`, once: a warm-up (`warmUp` in run.ts) and a run may ask for TensorFlow.js at
 * the same time, and its quiet first tensor must not interleave with another's.
 */
let tfLoading: Promise<object> | null = null;
function loadTfOnce(): Promise<object> {
  tfLoading ??= loadTf().catch((error: unknown) => {
    tfLoading = null;
    throw error;
  });
  return tfLoading;
}

/** Import specifier → loader. The book's library is `book` (all of `src/lib`) or one of its parts. */
export const ALLOWED_MODULES: Readonly<Record<string, Loader>> = {
  '@tensorflow/tfjs': loadTfOnce,
  book: () => import('../lib/index'),
  'book/layers': () => import('../lib/layers'),
  'book/shapes': () => import('../lib/shapes'),
  'book/reference': () => import('../lib/reference/index'),
  'book/rng': () => import('../lib/rng'),
};

/** The allowed specifiers, for messages. */
export const ALLOWED_SPECIFIERS = Object.keys(ALLOWED_MODULES);

/** The tfjs module, when a listing imported it (for tensor scopes and disposal). */
export const TFJS = '@tensorflow/tfjs';
