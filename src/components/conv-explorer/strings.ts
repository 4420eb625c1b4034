/** Every word the convolution explorer shows, keyed, one table per edition. */
import type { StringTable } from '../islands/i18n';
import type { PresetName, SettingName } from './conv-explorer';

/** Numbers come formatted (up to 3 decimals, a true minus sign). */
export interface CellText {
  /** The output cell, counted from 1, and the map's side. */
  row: number;
  col: number;
  size: number;
  value: string;
  /** The window's first and last input rows and columns, counted from 1. */
  rows: [number, number];
  cols: [number, number];
  dilation: number;
  /** `weight·input` for each non-zero weight; `null` input: the tap reads the padding. */
  terms: { weight: string; input: string | null }[];
}

export interface NoOutputText {
  dilation: number;
  /** The span of the dilated kernel, the padded input's side and what the formula gives. */
  span: number;
  side: number;
  padding: number;
  padded: number;
  raw: number;
}

export const convExplorerStrings: StringTable<{
  caption: string;
  kernelLegend: (k: number) => string;
  presetsLabel: string;
  presets: Record<PresetName, string>;
  /** "row 1, column 3": kernel cell (u, v), counted from 1. */
  cellName: (row: number, col: number) => string;
  weightLabel: (cell: string) => string;
  digit: string;
  settings: Record<SettingName, string>;
  /** HTML: the formula's lead-in, with a subscript. */
  formulaLabel: string;
  inputTitle: (side: number) => string;
  paddingNote: string;
  outputTitle: string;
  /** The output size when there is none. */
  noSize: string;
  mapRole: string;
  mapLabel: string;
  weightEmpty: (cell: string) => string;
  weightZeroDivision: (cell: string, text: string) => string;
  weightTooLarge: (cell: string, value: number) => string;
  weightNotNumber: (cell: string, text: string) => string;
  settingBelowMin: (name: SettingName, label: string, min: number, value: number) => string;
  settingTooLarge: (label: string, value: number, max: number) => string;
  noOutput: (f: NoOutputText) => string;
  readout: (f: CellText) => string;
  map: (size: number, min: string, max: string, scale: string) => string;
}> = {
  en: {
    caption: 'A 3×3 convolution on an MNIST digit.',
    kernelLegend: (k) => `Kernel (${k}×${k})`,
    presetsLabel: 'Preset kernels',
    presets: { identity: 'Identity', 'sobel-x': 'Edge (Sobel x)', 'box-blur': 'Blur (box)', sharpen: 'Sharpen' },
    cellName: (row, col) => `row ${row}, column ${col}`,
    weightLabel: (cell) => `Kernel weight, ${cell}`,
    digit: 'Digit',
    settings: { stride: 'Stride', padding: 'Padding', dilation: 'Dilation' },
    formulaLabel: 'Output size per side, H<sub>out</sub> =',
    inputTitle: (side) => `Input: ${side}×${side} digit`,
    paddingNote: '(grey: zero padding)',
    outputTitle: 'Output feature map',
    noSize: '(none)',
    mapRole: 'feature map',
    mapLabel: 'Output feature map: arrow keys move the highlighted cell',
    weightEmpty: (cell) => `Kernel weight (${cell}) is empty: type a number such as 0, -1, 0.5 or 1/9.`,
    weightZeroDivision: (cell, text) => `Kernel weight (${cell}) “${text}” divides by zero; give a finite number.`,
    weightTooLarge: (cell, value) => `Kernel weight (${cell}) is ${value}; this figure accepts weights between −1000 and 1000.`,
    weightNotNumber: (cell, text) => `Kernel weight (${cell}) must be a number such as 0, -1, 0.5 or 1/9; “${text}” is not.`,
    settingBelowMin: (name, label, min, value) => {
      const why = name === 'padding' ? 'padding cannot be negative' : `a ${label.toLowerCase()} of ${value} would not move the kernel`;
      return `${label} must be at least ${min} (${why}); you typed ${value}.`;
    },
    settingTooLarge: (label, value, max) => `${label} of ${value} is more than this figure draws; use at most ${max}.`,
    noOutput: (f) =>
      `No output: with dilation ${f.dilation} the 3×3 kernel spans ${f.span} pixels, but the padded input is only ` +
      `${f.side} + 2·${f.padding} = ${f.padded} pixels wide, so no window fits and the formula gives ${f.raw} ≤ 0. ` +
      `PyTorch refuses this layer (“Kernel size can't be greater than actual input size”). Lower the dilation or add padding.`,
    readout: (f) => {
      const terms = f.terms.map((t) => `${t.weight}·${t.input ?? '0 (padding)'}`);
      const sum = terms.length === 0 ? '0 (all weights are 0)' : terms.join(' + ').replaceAll('+ −', '− ');
      return (
        `Output row ${f.row}, column ${f.col} of ${f.size}×${f.size}: y = ${f.value}. ` +
        `The window covers input rows ${f.rows[0]}–${f.rows[1]}, columns ${f.cols[0]}–${f.cols[1]}` +
        ` (${f.dilation > 1 ? `taps ${f.dilation} pixels apart; ` : ''}rows and columns counted from 1). ` +
        `Sum of weight·input over the non-zero weights: ${sum} = ${f.value}.`
      );
    },
    map: (size, min, max, scale) =>
      `Feature map ${size}×${size}; values from ${min} to ${max}. Drawn with black = 0, white = +${scale}, orange = −${scale}.`,
  },
};

export type ConvExplorerStrings = (typeof convExplorerStrings)['en'];
