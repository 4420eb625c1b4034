/** Every word the dense-layer playground shows, keyed, one table per edition. */
import type { FieldFacts } from '../islands/number-field';
import type { StringTable } from '../islands/i18n';

export const densePlaygroundStrings: StringTable<{
  caption: string;
  /** Class names, with a shape each, so the classes do not rely on colour alone. */
  classNames: readonly [string, string, string];
  stageRole: string;
  stageLabel: string;
  train: string;
  pause: string;
  step: string;
  reset: string;
  learningRateField: string;
  /** The learning rate as its messages name it. */
  learningRateName: string;
  tableRegion: string;
  tableCaption: string;
  headClass: string;
  headW1: string;
  headW2: string;
  headB: string;
  /** The name of W[c, j] (1-based) in messages, and its field's accessible name. */
  weightName: (c: number, j: number) => string;
  weightLabel: (c: number, j: number, className: string) => string;
  biasName: (c: number) => string;
  biasLabel: (c: number, className: string) => string;
  /** The readout: step, loss (already formatted), accuracy in %, correct points, points. */
  readout: (step: number, loss: string, percent: number, correct: number, points: number) => string;
  point: (n: number, points: number, className: string, x: string, y: string) => string;
  overflow: (loss: number) => string;
  diverged: (step: number, loss: number) => string;
  weightTooLarge: (step: number, weight: number, lr: number) => string;
  empty: (f: FieldFacts) => string;
  notNumber: (f: FieldFacts) => string;
  notFloat32: (f: FieldFacts) => string;
  learningRateNotPositive: (f: FieldFacts) => string;
}> = {
  en: {
    caption: 'A dense layer and a softmax on 2-D points.',
    classNames: ['A (circle)', 'B (square)', 'C (triangle)'],
    stageRole: 'point editor',
    stageLabel:
      'Data points and decision regions. Arrow keys move the selected point (with Shift, five times further); N and P select the next and previous point.',
    train: 'Train',
    pause: 'Pause',
    step: 'One step',
    reset: 'Reset',
    learningRateField: 'Learning rate η',
    learningRateName: 'The learning rate',
    tableRegion: 'Weights and biases (scrolls sideways on narrow screens)',
    tableCaption: 'Weights W (one row per class) and biases b',
    headClass: 'Class',
    headW1: 'W[c, 1] (× x₁)',
    headW2: 'W[c, 2] (× x₂)',
    headB: 'b[c]',
    weightName: (c, j) => `W[${c}, ${j}]`,
    weightLabel: (c, j, className) => `W[${c}, ${j}], class ${className}, weight of x${j}`,
    biasName: (c) => `b[${c}]`,
    biasLabel: (c, className) => `b[${c}], bias of class ${className}`,
    readout: (step, loss, percent, correct, points) =>
      `Step ${step}: mean cross-entropy loss ${loss}, accuracy ${percent} % (${correct} of ${points} points).`,
    point: (n, points, className, x, y) => `Point ${n} of ${points}, class ${className}, at (${x}, ${y}).`,
    overflow: (loss) => `With these weights the logits overflow float32 and the loss is ${loss}: make the weights smaller or press Reset.`,
    diverged: (step, loss) =>
      `Training stopped at step ${step}: the loss is ${loss} (not a finite number), because the logits overflowed float32. Make the weights smaller (or lower the learning rate) and press Reset.`,
    weightTooLarge: (step, weight, lr) =>
      `Training stopped at step ${step}: a weight became ${weight}, too large for float32, so the loss would be NaN. The learning rate ${lr} is far too large: lower it and press Reset.`,
    empty: (f) => `${f.label} is empty: type a number such as 0.5 or -1.2.`,
    notNumber: (f) =>
      `${f.label} is "${f.text}", which is not a number: type digits with an optional sign and decimal point, such as 0.5 or -1.2.`,
    notFloat32: (f) =>
      `${f.label} = ${f.text.replace(/\u2212/g, '-')} does not fit in float32 (largest about 3.4e38): type a smaller number.`,
    learningRateNotPositive: (f) => `${f.label} is ${f.value}: it must be greater than 0 (try 0.5).`,
  },
};

export type DensePlaygroundStrings = (typeof densePlaygroundStrings)['en'];
