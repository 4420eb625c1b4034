/**
 * A network as a list of layers, walked once: every layer's output shape, parameters
 * and multiply–accumulates, chained from the input (PyTorch's nn.Sequential). A
 * layer that does not fit its input throws the library's LayerError, which names it.
 */
import { macs, outputShape, paramCount } from './layers';
import type { LayerSpec, Shape } from './types';

export interface SequenceResult {
  /** shapes[0] is the input; shapes[i + 1] the output of layer i. */
  shapes: Shape[];
  /** The output of the last layer (the input when there are none). */
  output: Shape;
  trainable: number[];
  buffers: number[];
  macs: number[];
  totalTrainable: number;
  totalMacs: number;
}

/** Threads `input` through `layers` with the library, collecting shapes, parameters and MACs. */
export function runSequence(layers: readonly LayerSpec[], input: Shape): SequenceResult {
  const shapes: Shape[] = [input];
  const trainable: number[] = [];
  const buffers: number[] = [];
  const mac: number[] = [];
  let x = input;
  for (const layer of layers) {
    const y = outputShape(layer, x);
    const p = paramCount(layer, x);
    trainable.push(p.trainable);
    buffers.push(p.buffers);
    mac.push(macs(layer, x, y));
    shapes.push(y);
    x = y;
  }
  const sum = (a: number[]): number => a.reduce((s, v) => s + v, 0);
  return { shapes, output: x, trainable, buffers, macs: mac, totalTrainable: sum(trainable), totalMacs: sum(mac) };
}
