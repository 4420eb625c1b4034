/** Every word the CAM viewer shows, keyed, one table per edition. */
import type { StringTable } from '../islands/i18n';

/** What the view's description is told (numbers already formatted). */
export interface ViewFacts {
  digit: number;
  count: number;
  label: number;
  first: number;
  firstP: string;
  /** The prediction is the label. */
  correct: boolean;
  second: number;
  secondP: string;
  cls: number;
  row: number;
  col: number;
  height: number;
  width: number;
  region: string;
  y0: number;
  y1: number;
  x0: number;
  x1: number;
  mean: string;
  bias: string;
  score: string;
}

const REGENERATE = 'Regenerate it with npm run figures.';

export const camViewerStrings: StringTable<{
  caption: string;
  digitField: string;
  classField: string;
  predictedOption: string;
  /** An option of the digit chooser: "1 — labelled 7". */
  digitOption: (n: number, label: number) => string;
  digitTitle: string;
  overlayTitle: (cls: number) => string;
  mapRegion: string;
  probsRegion: string;
  mapCaption: (cls: number, height: number, width: number) => string;
  probsCaption: string;
  headClass: string;
  headScore: string;
  headProbability: string;
  headBar: string;
  /** After the predicted class in the table: " (predicted)". */
  predictedMark: string;
  percent: (p: number) => string;
  /** Where a cell lies: rows upper, middle, lower; columns left, middle, right. */
  rows: readonly [string, string, string];
  cols: readonly [string, string, string];
  centre: string;
  place: (row: string, col: string) => string;
  describe: (f: ViewFacts) => string;
  damaged: (problem: string) => string;
  noDigits: string;
  badBase64: string;
  wrongSize: (count: number, size: number, pixels: number, labels: number) => string;
  noSuchDigit: (digit: string, count: number) => string;
  noSuchClass: (cls: string, last: number) => string;
}> = {
  en: {
    caption: 'Class activation maps of the GAP network.',
    digitField: 'Test digit',
    classField: 'Map of class',
    predictedOption: 'the predicted class',
    digitOption: (n, label) => `${n} — labelled ${label}`,
    digitTitle: 'The digit (28×28 pixels)',
    overlayTitle: (cls) => `Map of class ${cls}, upsampled over the digit`,
    mapRegion: 'Class activation map, as a table',
    probsRegion: 'Class scores and probabilities, as a table',
    mapCaption: (cls, height, width) =>
      `Class activation map of class ${cls} (rows and columns of the ${height}×${width} grid; the peak is outlined)`,
    probsCaption: 'Scores and probabilities of the ten classes',
    headClass: 'Class',
    headScore: 'Score z',
    headProbability: 'Probability',
    headBar: 'Bar',
    predictedMark: ' (predicted)',
    percent: (p) => `${(100 * p).toFixed(1)} %`,
    rows: ['upper', 'middle', 'lower'],
    cols: ['left', 'middle', 'right'],
    centre: 'centre',
    place: (row, col) => `${row} ${col}`,
    describe: (f) =>
      `Digit ${f.digit} of ${f.count} is labelled ${f.label}. The network predicts ${f.first} with probability ${f.firstP} (${f.correct ? 'correct' : `wrong: it is labelled ${f.label}`}); ` +
      `next is ${f.second} with ${f.secondP}. ` +
      `The class activation map of class ${f.cls} is highest at row ${f.row}, column ${f.col} of its ${f.height}×${f.width} grid (counting from 0), ` +
      `in the ${f.region} of the image, where that cell sits over pixels ${f.y0}–${f.y1} down and ${f.x0}–${f.x1} across. ` +
      `The mean of the map, ${f.mean}, plus the bias ${f.bias} is the class score ${f.score}.`,
    damaged: (problem) => `The GAP model file content/figures/gap-model.json is damaged: ${problem} ${REGENERATE}`,
    noDigits: `The GAP model file has no usable digits (labels, square images of the model’s input size, base64 pixels). ${REGENERATE}`,
    badBase64: `The digits in the GAP model file are not valid base64. ${REGENERATE}`,
    wrongSize: (count, size, pixels, labels) =>
      `The GAP model file promises ${count} digits of ${size}×${size} pixels but holds ${pixels} pixels and ${labels} labels. ${REGENERATE}`,
    noSuchDigit: (digit, count) => `There is no digit ${digit}: choose one from 1 to ${count}.`,
    noSuchClass: (cls, last) => `There is no class ${cls}: choose a digit class from 0 to ${last}, or "predicted".`,
  },
};

export type CamViewerStrings = (typeof camViewerStrings)['en'];
