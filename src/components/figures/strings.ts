/**
 * Every word the book's figures in this folder show, keyed, one table per edition
 * and figure: the heads comparison (HeadsComparison.astro and its chart) and the
 * parameter share (ParamShare.astro). Their data's own text (head labels, the
 * description and data note of content/figures/*.json, the networks' titles) is
 * data, not words of the widget.
 */
import type { StringTable } from '../islands/i18n';

/** How the recorded comparison was trained, for its caption. */
export interface TrainingFacts {
  trainSize: number;
  epochs: number;
  optimizer: string;
  learningRate: number;
  batchSize: number;
  seed: number;
  backend: string;
  tfjsVersion: string;
  date: string;
}

const count = (n: number): string => n.toLocaleString('en-US');

export const headsChartStrings: StringTable<{
  /** A count as the figure writes it (8,000). */
  count: (n: number) => string;
  /** The chart's text alternative, for `heads` heads. */
  chartLabel: (heads: number) => string;
  tableRegion: string;
  tableCaption: string;
  headHead: string;
  headParameters: string;
  headValLoss: (epoch: number) => string;
  headTrainLoss: (epoch: number) => string;
  headTrainAccuracy: (epoch: number) => string;
  headValAccuracy: (epoch: number) => string;
  headTestAccuracy: string;
  headShifted: (maxShift: number) => string;
  /** After the figure's description when it shows only some heads. */
  captionShows: (labels: readonly string[]) => string;
  captionTraining: (f: TrainingFacts) => string;
  /** Before the command that regenerates the data, and after it. */
  regenerate: string;
  regenerateEnd: string;
  // The chart (Chart.js).
  validation: (label: string) => string;
  training: (label: string) => string;
  axisEpoch: string;
  axisLoss: string;
}> = {
  en: {
    count,
    chartLabel: (heads) =>
      `Training and validation loss per epoch for the ${['no', 'one', 'two', 'three'][heads] ?? String(heads)} head${heads === 1 ? '' : 's'}; the table below gives the numbers.`,
    tableRegion: 'Data table of the figure',
    tableCaption: 'Loss per epoch and accuracy, per head (numbers behind the chart)',
    headHead: 'Head',
    headParameters: 'Parameters',
    headValLoss: (epoch) => `Val. loss, epoch ${epoch}`,
    headTrainLoss: (epoch) => `Training loss, epoch ${epoch}`,
    headTrainAccuracy: (epoch) => `Training accuracy, epoch ${epoch}`,
    headValAccuracy: (epoch) => `Val. accuracy, epoch ${epoch}`,
    headTestAccuracy: 'Test accuracy',
    headShifted: (maxShift) => `Test, shifted ±${maxShift} px`,
    captionShows: (labels) => ` Of those, this figure shows ${labels.join(' and ')}.`,
    captionTraining: (f) =>
      `Trained on ${count(f.trainSize)} digits for ${f.epochs} epochs (${f.optimizer}, learning rate ${f.learningRate}, batch ${f.batchSize}, seed ${f.seed}) with the ${f.backend} backend of TensorFlow.js ${f.tfjsVersion} on ${f.date}.`,
    regenerate: 'Regenerate with',
    regenerateEnd: '.',
    validation: (label) => `${label}: validation`,
    training: (label) => `${label}: training`,
    axisEpoch: 'epoch',
    axisLoss: 'cross-entropy loss',
  },
};

export type HeadsChartStrings = (typeof headsChartStrings)['en'];

export const paramShareStrings: StringTable<{
  /** A count as the figure writes it (61,100,840). */
  count: (n: number) => string;
  chartLabel: string;
  /** Inside a network's bar: "FC 96.0 %". */
  barShare: (share: string) => string;
  barNote: (fc: string, total: string) => string;
  legendFc: string;
  legendRest: string;
  tableRegion: string;
  tableCaption: string;
  headNetwork: string;
  headAll: string;
  headLinear: string;
  headShare: string;
  headLargest: string;
  /** The network's row head: "AlexNet (torchvision) (3×224×224)". */
  network: (title: string, input: string) => string;
  linearLayers: (params: string, layers: number) => string;
  largest: (params: string, share: string) => string;
}> = {
  en: {
    count,
    chartLabel: 'Bar chart: share of parameters in the fully connected layers of each network. The table below gives the numbers.',
    barShare: (share) => `FC ${share}`,
    barNote: (fc, total) => `${fc} of ${total} parameters`,
    legendFc: 'fully connected (Linear) layers',
    legendRest: 'everything else (convolutions)',
    tableRegion: 'Data table of the parameter-share figure',
    tableCaption: 'Parameters per network, computed from its architecture by the model inspector',
    headNetwork: 'Network (input)',
    headAll: 'All parameters',
    headLinear: 'In Linear layers',
    headShare: 'Share',
    headLargest: 'Largest Linear alone',
    network: (title, input) => `${title} (${input})`,
    linearLayers: (params, layers) => `${params} (${layers} layers)`,
    largest: (params, share) => `${params} (${share})`,
  },
};

export type ParamShareStrings = (typeof paramShareStrings)['en'];
