/** Every word the output-size widget shows, keyed, one table per edition. */
import type { FieldFacts } from '../islands/number-field';
import type { StringTable } from '../islands/i18n';
import type { ConvSettings } from './output-size';

export const outputSizeStrings: StringTable<{
  caption: string;
  fields: Record<keyof ConvSettings, string>;
  /** Read by screen readers before the formula. */
  resultLabel: string;
  empty: (f: FieldFacts) => string;
  tooLarge: (f: FieldFacts) => string;
}> = {
  en: {
    caption: 'Change the numbers: the output size of a convolution follows.',
    fields: { h: 'Input size', k: 'Kernel size', s: 'Stride', p: 'Padding', d: 'Dilation' },
    resultLabel: 'Output size: ',
    empty: (f) => `${f.label} is empty: type a whole number ≥ ${f.min}.`,
    tooLarge: (f) => `${f.label} of ${f.value} is larger than this widget handles (${(f.max ?? 0).toLocaleString('en-US')} at most).`,
  },
};

export type OutputSizeStrings = (typeof outputSizeStrings)['en'];
