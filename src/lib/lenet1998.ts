/**
 * LeNet-5 as LeCun et al. (1998, §II.B) built it, counted the way the paper counts:
 * only trainable parameters. It differs from the modern form (content/models/lenet5.txt,
 * 61,706 parameters) in three layers:
 *
 * - C3 connects each of its 16 maps to 3, 4 or all 6 of S2's maps (the paper's
 *   Table I), not to all of them;
 * - S2 and S4 multiply each window's sum by a trainable coefficient and add a trainable
 *   bias: two parameters per map, where max or average pooling has none;
 * - the output layer is 10 Euclidean radial basis function units whose parameters
 *   "were chosen by hand and kept fixed": none are trained, where the modern form ends
 *   in a `Linear(84, 10)`.
 *
 * The convolution and dense counts come from the layer library (Eq. convolution-params,
 * Eq. dense-params); the paper states 1,516 for C3, 10,164 for F6 and "60,000 trainable
 * free parameters" in all (tests/unit/lib/lenet1998.test.ts).
 */
import { paramCount } from './layers';
import { conv2d, linear } from './specs';
import type { LayerSpec } from './types';

/** Which of S2's 6 maps each of C3's 16 maps reads (LeCun et al. 1998, Table I). */
export const C3_CONNECTIONS: readonly (readonly number[])[] = [
  [0, 1, 2],
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
  [0, 4, 5],
  [0, 1, 5],
  [0, 1, 2, 3],
  [1, 2, 3, 4],
  [2, 3, 4, 5],
  [0, 3, 4, 5],
  [0, 1, 4, 5],
  [0, 1, 2, 5],
  [0, 1, 3, 4],
  [1, 2, 4, 5],
  [0, 2, 3, 5],
  [0, 1, 2, 3, 4, 5],
];

const trainable = (spec: LayerSpec, input: readonly number[]): number => paramCount(spec, input).trainable;

export interface LeNet1998Layer {
  name: string;
  trainable: number;
  /** What this layer is in the modern form, and its parameters there. */
  modern: { layer: string; trainable: number };
}

/** The trainable parameters of each layer of the 1998 LeNet-5, beside the modern form's. */
export function lenet1998Params(): LeNet1998Layer[] {
  // C3: one 5×5 kernel per connection of the table, and one bias per map.
  const c3 = C3_CONNECTIONS.reduce((sum, inputs) => sum + trainable(conv2d(inputs.length, 1, 5), [1, inputs.length, 14, 14]), 0);
  const dense = (i: number, o: number): number => trainable(linear(i, o), [1, i]);
  return [
    {
      name: 'C1',
      trainable: trainable(conv2d(1, 6, 5), [1, 1, 32, 32]),
      modern: { layer: 'Conv2d(1, 6, 5)', trainable: trainable(conv2d(1, 6, 5), [1, 1, 32, 32]) },
    },
    { name: 'S2', trainable: 6 * 2, modern: { layer: 'AvgPool2d(2)', trainable: 0 } },
    { name: 'C3', trainable: c3, modern: { layer: 'Conv2d(6, 16, 5)', trainable: trainable(conv2d(6, 16, 5), [1, 6, 14, 14]) } },
    { name: 'S4', trainable: 16 * 2, modern: { layer: 'AvgPool2d(2)', trainable: 0 } },
    {
      name: 'C5',
      trainable: trainable(conv2d(16, 120, 5), [1, 16, 5, 5]),
      modern: { layer: 'Linear(400, 120)', trainable: dense(400, 120) },
    },
    { name: 'F6', trainable: dense(120, 84), modern: { layer: 'Linear(120, 84)', trainable: dense(120, 84) } },
    { name: 'output (RBF)', trainable: 0, modern: { layer: 'Linear(84, 10)', trainable: dense(84, 10) } },
  ];
}
