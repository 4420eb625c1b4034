/**
 * Node-only tfjs set-up for scripts and tests: picks a backend and silences the
 * one-off "install tfjs-node" banner (tfjs-node cannot be installed here: it
 * downloads a native library at install time).
 */
import * as tf from '@tensorflow/tfjs';

/** Selects `name` ('cpu' by default, or 'wasm') and waits until it is ready. */
export async function useNodeBackend(name: 'cpu' | 'wasm' = 'cpu'): Promise<string> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(name))) throw new Error(`The tfjs '${name}' backend could not be initialised.`);
  await tf.ready();
  // The cpu backend prints its banner on its first tensor: create one quietly.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('tfjs-node')) warn(...args);
  };
  try {
    tf.scalar(0).dispose();
  } finally {
    console.warn = warn;
  }
  return tf.getBackend();
}
