/**
 * What a listing gets when it imports '@tensorflow/tfjs': the package's own namespace
 * (core ops with their gradients and chained methods, and the Layers API) on the plain
 * JavaScript `cpu` backend, without the parts a listing never uses — the WebGL
 * backend, the model converter and tf.data. Those are over half of the full bundle's
 * 1.9 MB that a reader's first Run would otherwise download and compile (
 * docs/authoring.md#runnable-listings). Listings run on `cpu` in every browser and in Node anyway
 * (modules.ts).
 *
 * This mirrors @tensorflow/tfjs's own index (same version, 4.22); `tf.version` lists
 * the parts it has.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { version_core } from '@tensorflow/tfjs-core';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { version_layers } from '@tensorflow/tfjs-layers';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
export * from '@tensorflow/tfjs-backend-cpu';

/** @public `tf.version` in a reader's listing (code the book runs but does not import). */
export const version = { 'tfjs-core': version_core, 'tfjs-backend-cpu': version_cpu, 'tfjs-layers': version_layers };
