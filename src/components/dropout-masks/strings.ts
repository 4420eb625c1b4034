/** Every word the dropout mask visualiser shows, keyed, one table per edition. */
import type { FieldFacts } from '../islands/number-field';
import type { StringTable } from '../islands/i18n';

/** What the training-mode summary is told (numbers already formatted). */
export interface TrainFacts {
  p: string;
  seed: number;
  kept: number;
  units: number;
  expectedKept: string;
  scaleText: string;
  samples: number;
  keptPercent: string;
  expectedPercent: string;
  deviation: string;
  target: string;
}

const count = (n: number): string => n.toLocaleString('en-US');
const PROBABILITY = 'from 0 up to, but not including, 1';

export const dropoutMasksStrings: StringTable<{
  caption: string;
  /** A count as the widget writes it (10,000). */
  count: (n: number) => string;
  pSlider: string;
  pField: string;
  /** The drop probability as messages name it. */
  pName: string;
  seed: string;
  mode: string;
  modeTrain: string;
  modeEval: string;
  scaling: string;
  styleInverted: string;
  styleOriginal: string;
  samples: string;
  resample: string;
  legendTarget: string;
  legendOut: string;
  legendMean: string;
  // The units table and the convergence table.
  tableCaptionTrain: (units: number, seed: number) => string;
  tableCaptionEval: (units: number) => string;
  unit: string;
  activation: string;
  maskRow: string;
  output: string;
  meanTrain: (samples: number) => string;
  meanEval: string;
  targetInverted: string;
  targetOriginal: string;
  /** Screen-reader words after a mask bit. */
  kept: string;
  dropped: string;
  convCaption: string;
  convMasks: string;
  convDeviation: string;
  convSd: string;
  // The live summary.
  evalInverted: string;
  evalOriginal: (q: string) => string;
  evalSummary: (p: string, rule: string) => string;
  scaleInverted: (scale: string) => string;
  scaleOriginal: string;
  aimInverted: string;
  aimOriginal: (q: string) => string;
  trainSummary: (f: TrainFacts) => string;
  // Bad input.
  pEmpty: (f: FieldFacts) => string;
  pNotNumber: (f: FieldFacts) => string;
  pNegative: (f: FieldFacts) => string;
  pTooLarge: (f: FieldFacts) => string;
  seedEmpty: (f: FieldFacts) => string;
  seedInvalid: (f: FieldFacts) => string;
  samplesInvalid: (choices: readonly number[], raw: string) => string;
}> = {
  en: {
    caption: 'Dropout masks on a layer of 16 units.',
    count,
    pSlider: 'Drop probability p (slider)',
    pField: 'p (type it)',
    pName: 'Drop probability p',
    seed: 'Seed',
    mode: 'Mode',
    modeTrain: 'Training: model.train()',
    modeEval: 'Evaluation: model.eval()',
    scaling: 'Scaling',
    styleInverted: 'Inverted: ×1/(1−p) in training',
    styleOriginal: 'Original: ×(1−p) at test time',
    samples: 'Masks averaged',
    resample: 'Resample (next seed)',
    legendTarget: 'target (what the mean should reach)',
    legendOut: 'output with this mask',
    legendMean: 'mean over the masks',
    tableCaptionTrain: (units, seed) => `The ${units} units of the layer with the mask of seed ${seed}`,
    tableCaptionEval: (units) => `The ${units} units of the layer in evaluation mode`,
    unit: 'Unit',
    activation: 'Activation x',
    maskRow: 'Mask m',
    output: 'Output y',
    meanTrain: (samples) => `Mean of ${count(samples)} outputs`,
    meanEval: 'Mean (every output is the same)',
    targetInverted: 'Target: x',
    targetOriginal: 'Target: (1 − p)·x',
    kept: 'kept',
    dropped: 'dropped',
    convCaption: 'How close the mean is to its target after n masks',
    convMasks: 'Masks n',
    convDeviation: 'Largest |mean − target|',
    convSd: 'Std. dev. of the mean (largest unit)',
    evalInverted: 'inverted dropout is the identity: every unit passes unchanged, whatever the seed',
    evalOriginal: (q) => `the original scheme keeps every unit and multiplies it by the retention probability 1 − p = ${q}`,
    evalSummary: (p, rule) =>
      `Evaluation mode (model.eval()), p = ${p}: ${rule}. No mask is drawn, so Resample changes nothing. This output equals the mean of the training-mode outputs.`,
    scaleInverted: (scale) => `kept units are multiplied by 1/(1 − p) = ${scale}`,
    scaleOriginal: 'kept units pass unscaled (the scaling waits for test time)',
    aimInverted: 'the un-dropped activations',
    aimOriginal: (q) => `the activations times 1 − p = ${q}`,
    trainSummary: (f) =>
      `Training mode, p = ${f.p}, seed ${f.seed}: the mask keeps ${f.kept} of ${f.units} units (on average ${f.expectedKept}); ${f.scaleText}. ` +
      `Over ${count(f.samples)} masks ${f.keptPercent} % of units were kept (expected ${f.expectedPercent} %), ` +
      `and the mean output is within ${f.deviation} of ${f.target}.`,
    pEmpty: (f) => `${f.label} is empty: type a number ${PROBABILITY} (for example 0.5).`,
    pNotNumber: (f) => `${f.label} must be a number; “${f.text}” is not. Type a number ${PROBABILITY}.`,
    pNegative: (f) => `${f.label} cannot be negative (you typed ${f.value}): it is a probability, ${PROBABILITY}.`,
    pTooLarge: (f) =>
      `${f.label} = ${f.value} is too large: p must be below 1. At p = 1 every unit is dropped and the inverted-dropout scale 1/(1 − p) is infinite (PyTorch then returns all zeros). Type a value such as 0.5.`,
    seedEmpty: (f) => `${f.label} is empty: type a whole number from ${f.min} to ${count(f.max ?? 0)}.`,
    seedInvalid: (f) => `${f.label} must be a whole number from ${f.min} to ${count(f.max ?? 0)}; “${f.text}” is not.`,
    samplesInvalid: (choices, raw) => `Samples must be one of ${choices.join(', ')}; “${raw}” is not.`,
  },
};

export type DropoutMasksStrings = (typeof dropoutMasksStrings)['en'];
