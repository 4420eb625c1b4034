/**
 * The book's CNNs as plain data: a convolutional trunk and one of four classifier
 * heads (`ModelConfig`), and the same network as layer-library specs, so that shapes
 * and parameter counts come from src/lib. No TensorFlow.js here: ./models.ts builds
 * the tfjs model from the same config, and a unit test checks that both agree.
 */
import { runSequence } from '../lib/sequence';
import { conv2d, dropout, flatten, globalAvgPool, linear, maxPool2d, relu } from '../lib/specs';
import type { LayerSpec, Shape } from '../lib/types';

/** One block of the convolutional trunk: Conv2D(filters, kernel×kernel, 'same', ReLU) → [MaxPool(pool)]. */
export interface ConvBlock {
  filters: number;
  /** Odd kernel size: Keras 'same' with stride 1 = PyTorch padding (kernel − 1) / 2. */
  kernel: number;
  /** Max-pooling window and stride; omitted or 1 = no pooling. */
  pool?: number;
}

/**
 * The classifier head on top of the trunk. All heads output 10 logits.
 * - 'fc':  Flatten → Dense(hidden, ReLU) → [Dropout(dropout) if dropout > 0] → Dense(10)
 * - 'gap': GlobalAveragePooling → Dense(10)
 * - 'nin': Conv 1×1 to 10 channels → GlobalAveragePooling (Network in Network)
 * - 'linear': Flatten → Dense(10) (no hidden layer; ConvNetJS's MNIST demo net,
 *   used by the speed benchmark scripts/bench-speed.ts; the Lab does not offer it)
 */
export type HeadConfig = { kind: 'fc'; hidden: number; dropout: number } | { kind: 'gap' } | { kind: 'nin' } | { kind: 'linear' };

/** What the head is: the engine builds every kind (settings.ts lists them). */
export type HeadKind = HeadConfig['kind'];

export interface ModelConfig {
  trunk: ConvBlock[];
  head: HeadConfig;
}

/** The book's default CNN trunk: conv 8@5×5 → maxpool 2 → conv 16@5×5 → maxpool 2. */
export const defaultTrunk: readonly ConvBlock[] = Object.freeze([
  Object.freeze({ filters: 8, kernel: 5, pool: 2 }),
  Object.freeze({ filters: 16, kernel: 5, pool: 2 }),
]);

/**
 * The model as src/lib LayerSpecs (PyTorch NCHW), so shapes and parameter counts
 * come from the layer library. `inputShape` is [N, 1, H, W]; it fixes the first
 * Linear's in_features of an 'fc' or 'linear' head (the trunk walked by the library's
 * runSequence, which throws a LayerError when the trunk does not fit the input).
 */
export function modelLayerSpecs(config: ModelConfig, inputShape: Shape = inputShapeFor(28)): LayerSpec[] {
  const specs: LayerSpec[] = [];
  let channels = 1;
  for (const block of config.trunk) {
    specs.push(conv2d(channels, block.filters, block.kernel, { padding: (block.kernel - 1) / 2 }), relu());
    channels = block.filters;
    const pool = block.pool ?? 1;
    if (pool > 1) specs.push(maxPool2d(pool));
  }
  const head = config.head;
  /** The features a Flatten after the trunk hands to the first Linear. */
  const flattened = (): number | null => runSequence([...specs, flatten()], inputShape).output[1] ?? null;
  if (head.kind === 'fc') {
    specs.push(flatten(), linear(flattened(), head.hidden), relu());
    if (head.dropout > 0) specs.push(dropout(head.dropout));
    specs.push(linear(head.hidden, 10));
  } else if (head.kind === 'linear') {
    specs.push(flatten(), linear(flattened(), 10));
  } else if (head.kind === 'gap') {
    specs.push(globalAvgPool(), linear(channels, 10));
  } else {
    specs.push(conv2d(channels, 10, 1), globalAvgPool());
  }
  return specs;
}

/** The input shape [1, 1, canvas, canvas] of one sample, batch first (NCHW). */
export function inputShapeFor(canvasSize: number): Shape {
  return [1, 1, canvasSize, canvasSize];
}

/** Trainable parameters of the model, as the layer library counts them. */
export function libraryParamCount(config: ModelConfig, inputSize = 28): number {
  const input = inputShapeFor(inputSize);
  return runSequence(modelLayerSpecs(config, input), input).totalTrainable;
}
