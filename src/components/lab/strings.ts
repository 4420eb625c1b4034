/**
 * Every word the Lab shows, keyed, one table per edition: the form, the model line,
 * the buttons, progress and status lines, the charts' text, the data table, the test
 * digits, "Cite this experiment" and the messages. (The settings' range messages,
 * "The learning rate must be greater than 0, …", are the engine's own:
 * src/train/settings.ts, which the worker judges settings by too.)
 */
import type { StringTable } from '../islands/i18n';
import type { FieldFacts } from '../islands/number-field';
import type { ConvBlock } from '../../train/model-config';
import type { LabHeadKind, OptimizerName } from '../../train/settings';

export type LabFieldName = 'head' | 'hidden' | 'dropout' | 'optimizer' | 'learningRate' | 'epochs' | 'batchSize' | 'trainSize' | 'seed';

export const labStrings: StringTable<{
  /** The figure's caption when the page gives none, and the digits' attribution after it. */
  caption: string;
  attribution: (digits: { total: string; train: string; val: string; test: string }) => string;
  /** A count as the Lab writes it (54,314). */
  count: (n: number) => string;
  fields: Record<LabFieldName, string>;
  heads: Record<LabHeadKind, string>;
  optimizers: Record<OptimizerName, string>;
  /** A number field left empty (the other checks are the kit's and the engine's wording). */
  empty: (f: FieldFacts) => string;
  unknownHead: (kind: string) => string;
  model: {
    /** "Model: conv 8@5×5 → max-pool 2 → … → ", before the head. */
    lead: (trunk: readonly ConvBlock[]) => string;
    /** How each head is described next to the parameter count. */
    heads: Record<LabHeadKind, string>;
    between: string;
    params: string;
  };
  buttons: {
    train: string;
    pause: string;
    resume: string;
    reset: string;
    csv: string;
    png: string;
    link: string;
    copy: (format: string) => string;
  };
  progress: {
    label: string;
    notStarted: (digits: string, megabytes: string) => string;
    reset: string;
    loadingCode: string;
    loadingDigits: string;
    step: (p: {
      epoch: number;
      epochs: number;
      step: number;
      steps: number;
      samplesPerSecond: number;
      secondsLeft: number;
      backend: string;
    }) => string;
  };
  status: {
    started: (p: { params: number; digits: number; backend: string }) => string;
    quarter: (percent: number, loss: number) => string;
    epoch: (epoch: number, accuracy: string, loss: number) => string;
    finished: string;
    stopped: string;
    diverged: (reason: string) => string;
    divergedReason: string;
    withAccuracy: (outcome: string, accuracy: string) => string;
    notStarted: string;
    reset: string;
    paused: string;
    resumed: string;
    crashed: string;
  };
  errors: {
    crashed: (why: string) => string;
    couldNotStart: (why: string) => string;
    diverged: string;
  };
  charts: {
    lossEmpty: string;
    accuracyEmpty: string;
    /** The charts' text alternatives. */
    lossLabel: string;
    accuracyLabel: string;
    lossSeries: { step: string; train: string; val: string };
    accuracySeries: { train: string; val: string };
    axes: { epoch: string; loss: string; accuracy: string };
    /** The line under the charts in the PNG download. */
    png: (settings: string) => string;
  };
  table: { summary: string; headers: string[]; empty: string; training: string };
  /** A fraction as a percentage (84.6 %). */
  percent: (x: number) => string;
  predictions: {
    heading: string;
    right: (label: number) => string;
    wrong: (label: number, predicted: number | undefined) => string;
    rightName: (label: number) => string;
    wrongName: (label: number, predicted: number | undefined) => string;
    summary: (right: number, total: number) => string;
  };
  cite: {
    /** The cited item's title; `settings` is the experiment's settings phrase. */
    title: (settings: string) => string;
    summary: string;
    note: string;
    formats: { apa: string; bibtex: string; csl: string };
    copied: (format: string) => string;
    copyFailed: string;
  };
  link: { copied: string; copyFailed: (url: string) => string };
}> = {
  en: {
    caption: 'A convolutional network learning handwritten digits in your browser.',
    attribution: (d) =>
      `Digits: MNIST, © Yann LeCun and Corinna Cortes, CC BY-SA 3.0 (the first ${d.total} of MNIST’s training set, split ${d.train} / ${d.val} / ${d.test} by the book).`,
    count: (n) => n.toLocaleString('en-US'),
    fields: {
      head: 'Head',
      hidden: 'Hidden units',
      dropout: 'Dropout rate',
      optimizer: 'Optimizer',
      learningRate: 'Learning rate',
      epochs: 'Epochs',
      batchSize: 'Batch size',
      trainSize: 'Training digits',
      seed: 'Seed',
    },
    heads: {
      fc: 'Flatten → Dense (fully connected)',
      gap: 'Global average pooling → Dense',
      nin: '1×1 conv → global average pooling',
    },
    optimizers: { adam: 'Adam', momentum: 'SGD with momentum', sgd: 'SGD' },
    empty: (f) => `${f.label} is empty: type a number.`,
    unknownHead: (kind) => `Unknown head “${kind}”: choose fully connected, global average pooling or 1×1 conv.`,
    model: {
      lead: (trunk) =>
        `Model: ${trunk.map((b) => `conv ${b.filters}@${b.kernel}×${b.kernel}${(b.pool ?? 1) > 1 ? ` → max-pool ${b.pool}` : ''}`).join(' → ')} → `,
      heads: {
        fc: 'flatten → dense (hidden units) → [dropout] → dense 10',
        gap: 'global average pooling → dense 10',
        nin: '1×1 conv to 10 channels → global average pooling',
      },
      between: '; ',
      params: ' trainable parameters.',
    },
    buttons: {
      train: 'Train',
      pause: 'Pause',
      resume: 'Resume',
      reset: 'Reset',
      csv: 'Download CSV',
      png: 'Download PNG',
      link: 'Copy link to this experiment',
      copy: (format) => `Copy ${format}`,
    },
    progress: {
      label: 'Training progress',
      notStarted: (digits, megabytes) => `Not started. Press Train: TensorFlow.js and the ${digits} digits (${megabytes} MB) load then.`,
      reset: 'Not started.',
      loadingCode: 'Loading TensorFlow.js and the chart…',
      loadingDigits: 'Loading the digits…',
      step: (p) =>
        `Epoch ${p.epoch} of ${p.epochs}, step ${p.step} of ${p.steps} · ${Math.round(p.samplesPerSecond)} samples/s · ` +
        `${Number.isFinite(p.secondsLeft) ? `about ${Math.ceil(p.secondsLeft)} s left` : 'estimating time left'} · backend: ${p.backend}`,
    },
    status: {
      started: (p) =>
        `Training ${p.params.toLocaleString('en-US')} parameters on ${p.digits.toLocaleString('en-US')} digits with the ${p.backend} backend.`,
      quarter: (percent, loss) => `${percent} % trained; last mini-batch loss ${loss.toFixed(3)}.`,
      epoch: (epoch, accuracy, loss) => `Epoch ${epoch}: validation accuracy ${accuracy}, validation loss ${loss.toFixed(3)}.`,
      finished: 'Finished.',
      stopped: 'Stopped.',
      diverged: (reason) => `Training stopped: ${reason}`,
      divergedReason: 'the loss is no longer a finite number.',
      withAccuracy: (outcome, accuracy) => `${outcome} Validation accuracy ${accuracy}.`,
      notStarted: 'Not started: fix the settings marked above.',
      reset: 'Reset: the model is discarded.',
      paused: 'Paused.',
      resumed: 'Resumed.',
      crashed: 'The training worker crashed; a new one starts with the next run.',
    },
    errors: {
      crashed: (why) => `The training worker stopped unexpectedly (${why}). Press Train to start a fresh one.`,
      couldNotStart: (why) => `The Lab could not start: ${why}`,
      diverged: 'The loss diverged: lower the learning rate.',
    },
    charts: {
      lossEmpty: 'The loss curves are drawn here while the network trains.',
      accuracyEmpty: 'The accuracy curves are drawn here while the network trains.',
      lossLabel: 'Loss per mini-batch and per epoch; the data table below lists the epoch values.',
      accuracyLabel: 'Training and validation accuracy per epoch; the data table below lists them.',
      lossSeries: { step: 'Training loss (mini-batch)', train: 'Training loss (epoch)', val: 'Validation loss (epoch)' },
      accuracySeries: { train: 'Training accuracy', val: 'Validation accuracy' },
      axes: { epoch: 'epoch', loss: 'cross-entropy loss', accuracy: 'accuracy' },
      png: (settings) => `Fully Connected — Lab · ${settings}`,
    },
    table: {
      summary: 'Data table (per epoch)',
      headers: ['Epoch', 'Training loss', 'Training accuracy', 'Validation loss', 'Validation accuracy', 'Seconds'],
      empty: 'No run yet.',
      training: 'Training…',
    },
    percent: (x) => `${(100 * x).toFixed(1)} %`,
    predictions: {
      heading: "Test digits and the model's predictions",
      right: (label) => `${label} ✓`,
      wrong: (label, predicted) => `${predicted} ✗ (is ${label})`,
      rightName: (label) => `A ${label}, predicted correctly`,
      wrongName: (label, predicted) => `A ${label}, predicted as ${predicted}`,
      summary: (right, total) => `${right} of ${total} test digits predicted correctly.`,
    },
    cite: {
      title: (settings) => `Lab experiment (${settings})`,
      summary: 'Cite this experiment',
      note: 'The address holds every setting, so it identifies the experiment; the seed makes the run repeatable on the same backend.',
      formats: { apa: 'APA', bibtex: 'BibTeX', csl: 'CSL-JSON' },
      copied: (format) => `${format} copied.`,
      copyFailed: 'Your browser did not allow copying: select the citation and copy it by hand.',
    },
    link: {
      copied: 'The link to this experiment was copied.',
      copyFailed: (url) => `Copy this link by hand: ${url}`,
    },
  },
};

export type LabStrings = (typeof labStrings)['en'];
