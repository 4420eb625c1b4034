/**
 * The data of the "three heads" figure, produced by `npm run figures`
 * (scripts/figures.ts → content/figures/heads-comparison.json), in the shape the
 * figure draws. No DOM: the Astro component renders the table at build time.
 */
import data from '../../../content/figures/heads-comparison.json';

export interface HeadSeries {
  id: string;
  label: string;
  paramCount: number;
  trainLoss: number[];
  valLoss: number[];
  valAccuracy: number[];
  testAccuracy: number;
  shifted: { maxShift: number; accuracy: number }[];
}

export const headsFigure = {
  description: data.description,
  generatedBy: data.generatedBy,
  date: data.date.slice(0, 10),
  backend: data.backend,
  tfjsVersion: data.tfjsVersion,
  config: data.config,
  dataNote: data.data,
  series: data.models.map((m): HeadSeries => ({
    id: m.id,
    label: m.label,
    paramCount: m.paramCount,
    trainLoss: m.epochs.map((e) => e.trainLoss),
    valLoss: m.epochs.map((e) => e.valLoss),
    valAccuracy: m.epochs.map((e) => e.valAccuracy),
    testAccuracy: m.test.accuracy,
    shifted: m.test.shifted,
  })),
};

export const percent = (x: number): string => `${(100 * x).toFixed(1)} %`;
