/**
 * Builds the book's CNNs with tfjs layers from a small ModelConfig (./model-config.ts).
 *
 *   trunk:  for each block: Conv2D(filters, k×k, 'same', ReLU) → [MaxPool2D(pool)]
 *   heads:  'fc'  Flatten → Dense(hidden, ReLU) → [Dropout(p)] → Dense(10)
 *           'gap' GlobalAveragePooling2D → Dense(10)
 *           'nin' Conv2D(10, 1×1) → GlobalAveragePooling2D   (Network in Network)
 *           'linear' Flatten → Dense(10)                      (the speed benchmark's net)
 *
 * The models take NHWC input [N, H, W, 1] with pixels in [0, 1] and output 10
 * logits (the softmax is folded into the loss). Keras 'same' with stride 1 and an
 * odd kernel k pads (k − 1)/2 on every side, i.e. PyTorch's padding=(k − 1)/2,
 * which is how modelLayerSpecs (in ./model-config.ts) describes the same network to
 * the layer library; a unit test checks countParams() against the library.
 *
 * Weights are seeded: kernels use Glorot-uniform (Keras's default) with a seed
 * derived from the model seed and the layer's position, biases start at zero, and
 * dropout masks come from a seeded, per-call stream (see SeededDropout).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../lib/rng';
import type { ModelConfig } from './model-config';

/**
 * Dropout whose masks are reproducible: call t of the layer draws its mask with
 * seed (baseSeed + t). tfjs's own Dropout either uses Math.random (no seed) or,
 * with a seed, the same mask on every call.
 */
class SeededDropout extends tf.layers.Layer {
  static className = 'SeededDropout';
  private calls = 0;

  constructor(
    private readonly rate: number,
    private readonly baseSeed: number,
  ) {
    super({ name: `seeded_dropout_${baseSeed}` });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (kwargs['training'] !== true || this.rate === 0) return x;
    const seed = (this.baseSeed + this.calls++) >>> 0;
    return tf.dropout(x, this.rate, undefined, seed);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, baseSeed: this.baseSeed };
  }
}

export interface BuildOptions {
  /** Seeds the weight initialisation and dropout (default 1). */
  seed?: number;
  /** Side of the square input image (default 28). */
  inputSize?: number;
}

/** A tfjs model (not compiled: the trainer drives an optimizer itself). */
export function buildModel(config: ModelConfig, options: BuildOptions = {}): tf.LayersModel {
  const size = options.inputSize ?? 28;
  const rng = createRng((options.seed ?? 1) ^ 0x5eed);
  const nextSeed = (): number => rng.integer(0, 2 ** 31);
  const init = (): ReturnType<typeof tf.initializers.glorotUniform> => tf.initializers.glorotUniform({ seed: nextSeed() });

  const input = tf.input({ shape: [size, size, 1], name: 'digits' });
  let x: tf.SymbolicTensor = input;
  config.trunk.forEach((block, i) => {
    x = tf.layers
      .conv2d({
        filters: block.filters,
        kernelSize: block.kernel,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(),
        name: `conv${i + 1}`,
      })
      .apply(x) as tf.SymbolicTensor;
    const pool = block.pool ?? 1;
    if (pool > 1) x = tf.layers.maxPooling2d({ poolSize: pool, strides: pool, name: `pool${i + 1}` }).apply(x) as tf.SymbolicTensor;
  });
  const head = config.head;
  if (head.kind === 'fc') {
    x = tf.layers.flatten({ name: 'flatten' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dense({ units: head.hidden, activation: 'relu', kernelInitializer: init(), name: 'fc1' }).apply(x) as tf.SymbolicTensor;
    if (head.dropout > 0) x = new SeededDropout(head.dropout, nextSeed()).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dense({ units: 10, kernelInitializer: init(), name: 'logits' }).apply(x) as tf.SymbolicTensor;
  } else if (head.kind === 'linear') {
    x = tf.layers.flatten({ name: 'flatten' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dense({ units: 10, kernelInitializer: init(), name: 'logits' }).apply(x) as tf.SymbolicTensor;
  } else if (head.kind === 'gap') {
    x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dense({ units: 10, kernelInitializer: init(), name: 'logits' }).apply(x) as tf.SymbolicTensor;
  } else {
    x = tf.layers.conv2d({ filters: 10, kernelSize: 1, kernelInitializer: init(), name: 'nin_conv' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  }
  return tf.model({ inputs: input, outputs: x, name: `cnn_${head.kind}` });
}
