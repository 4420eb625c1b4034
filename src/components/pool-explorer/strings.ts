/** Every word the pooling explorer shows, keyed, one table per edition. */
import type { FieldFacts } from '../islands/number-field';
import type { StringTable } from '../islands/i18n';
import type { NumberField } from './pool-explorer';

/** What the readout says about one output cell; numbers come formatted (a true minus sign). */
export interface CellFacts {
  /** The output cell. */
  i: number;
  j: number;
  /** The window's first and last input row and column, in padded coordinates. */
  rows: [string, string];
  cols: [string, string];
  /** The map's side (7) and the window's k·k positions. */
  side: number;
  positions: number;
  /** Whether some of the window lies in the padding ring. */
  padded: boolean;
  /** Image cells in the window, and the divisor D of the average. */
  cells: number;
  divisor: number;
  /** Why D differs from k·k: padded zeros count, or the window runs past the map (ceil_mode). */
  divisorNote: 'counts-padding' | 'ceil' | null;
  max: string;
  argRow: number;
  argCol: number;
  avg: string;
}

export const poolExplorerStrings: StringTable<{
  caption: string;
  fields: Record<NumberField, string>;
  ceilMode: string;
  hint: string;
  tooLarge: (f: FieldFacts) => string;
  /** Hidden text of a padding cell of the input grid. */
  padding: string;
  /** Panel titles (HTML from this table: `gradMax` carries a subscript). */
  inputTitle: (side: number, p: number) => string;
  maxTitle: (call: string, outH: number, outW: number) => string;
  avgTitle: (outH: number, outW: number) => string;
  gradMaxTitle: (i: number, j: number) => string;
  gradAvgTitle: string;
  /** The accessible name of an output cell. */
  outputCell: (kind: 'max' | 'avg', value: string, i: number, j: number) => string;
  readout: (f: CellFacts) => string;
}> = {
  en: {
    caption: 'Max and average pooling of a small feature map.',
    fields: { k: 'Kernel size', s: 'Stride', p: 'Padding' },
    ceilMode: 'ceil_mode',
    hint: 'Select an output cell (click it, or Tab to a grid and use the arrow keys) to see its window and where its gradient goes.',
    tooLarge: (f) => `${f.label} of ${f.value} is more than this 7×7 explorer shows (${f.max} at most).`,
    padding: 'padding',
    inputTitle: (side, p) => `Input, ${side}×${side}${p > 0 ? ` + padding ${p}` : ''}`,
    maxTitle: (call, outH, outW) => `Max pool (${call}): ${outH}×${outW}`,
    avgTitle: (outH, outW) => `Average pool: ${outH}×${outW}`,
    gradMaxTitle: (i, j) => `Gradient reaching the input, max (∂y<sub>${i},${j}</sub>/∂x)`,
    gradAvgTitle: 'Gradient reaching the input, average',
    outputCell: (kind, value, i, j) => `${kind === 'max' ? 'max' : 'average'} ${value}, row ${i}, column ${j}`,
    readout: (f) => {
      const range = ([a, b]: [string, string]): string => (a === b ? a : `${a} to ${b}`);
      const padNote = f.padded ? ` (rows and columns below 0 or above ${f.side - 1} are padding)` : '';
      const outside =
        f.cells < f.positions ? ` (${f.positions - f.cells} of its ${f.positions} positions lie outside the ${f.side}×${f.side} map)` : '';
      const divisorNote =
        f.divisorNote === 'counts-padding'
          ? ` The divisor is ${f.divisor}, not ${f.cells}: the padded zeros in the window count (PyTorch's default count_include_pad=True) but receive no gradient.`
          : f.divisorNote === 'ceil'
            ? ` The window runs past the padded map (ceil_mode), so PyTorch divides by the ${f.divisor} position${f.divisor === 1 ? '' : 's'} inside it.`
            : '';
      return (
        `Output cell row ${f.i}, column ${f.j} (counting from 0, as PyTorch does): its window covers input rows ${range(f.rows)} and columns ${range(f.cols)}${padNote}, ` +
        `${f.cells} cell${f.cells === 1 ? '' : 's'} of the map${outside}. ` +
        `Max pooling gives ${f.max}, found at input row ${f.argRow}, column ${f.argCol}; in the backward pass that cell alone receives the gradient (×1), the others 0. ` +
        `Average pooling gives ${f.avg}; ${f.cells === 1 ? 'its one cell' : `each of the ${f.cells} cells`} receives 1/${f.divisor} of the gradient.${divisorNote}`
      );
    },
  },
};

export type PoolExplorerStrings = (typeof poolExplorerStrings)['en'];
