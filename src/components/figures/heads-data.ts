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
  /** Training accuracy per epoch, measured on the mini-batches as they trained (dropout on). */
  trainAccuracy: number[];
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
    trainAccuracy: m.epochs.map((e) => e.trainAccuracy),
    valAccuracy: m.epochs.map((e) => e.valAccuracy),
    testAccuracy: m.test.accuracy,
    shifted: m.test.shifted,
  })),
};

export const percent = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** The ids of the recorded heads, in the figure's order. */
export const headIds: readonly string[] = headsFigure.series.map((s) => s.id);

/**
 * The series to show for a list of head ids (all of them when `ids` is undefined),
 * in the figure's order. An unknown id is a build error naming the known ones.
 */
export function selectHeads(ids?: readonly string[]): HeadSeries[] {
  if (ids === undefined) return headsFigure.series;
  const unknown = ids.filter((id) => !headIds.includes(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new Error(
      `HeadsComparison: unknown head id(s) ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; the recorded heads are ${headIds.join(', ')}.`,
    );
  }
  return headsFigure.series.filter((s) => ids.includes(s.id));
}

/** The series of one head, by id (a build error if it was not recorded). */
export function headSeries(id: string): HeadSeries {
  const [s] = selectHeads([id]);
  if (!s) throw new Error(`HeadsComparison: no head "${id}"`);
  return s;
}
