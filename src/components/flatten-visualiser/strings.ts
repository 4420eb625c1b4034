/** Every word the flatten visualiser shows, keyed, one table per edition. */
import type { FieldFacts } from '../islands/number-field';
import type { StringTable } from '../islands/i18n';
import type { Cell, Dims } from './flatten';

export type Order = 'nchw' | 'nhwc';

export const flattenStrings: StringTable<{
  caption: string;
  dims: Record<keyof Dims, string>;
  /** HTML: how to use the widget, with <kbd> keys. */
  help: string;
  notWhole: (f: FieldFacts) => string;
  tooLarge: (f: FieldFacts) => string;
  /** The readout's names of the two orders, before their formulas. */
  orderLabel: Record<Order, string>;
  summary: (dims: Dims, cell: Cell) => string;
  /** The accessible name of a cell of the block, and of an element of a vector. */
  cellLabel: (cell: Cell) => string;
  elementLabel: (order: Order, position: number, cell: Cell) => string;
  channelTitle: (c: number) => string;
  blockLabel: (dims: Dims) => string;
  vectorTitle: Record<Order, string>;
  vectorLabel: (title: string, length: number) => string;
  /** Before a vector's index formula. */
  indexIs: string;
}> = {
  en: {
    caption: 'A C×H×W block flattened in PyTorch’s and in Keras’s order.',
    dims: { c: 'Channels C', h: 'Height H', w: 'Width W' },
    help:
      'Point at, tap or focus any element. Keys: <kbd>Tab</kbd> moves between the block and the two vectors; the arrow keys move ' +
      'inside them (<kbd>Page Up</kbd>/<kbd>Page Down</kbd> change channel in the block, <kbd>Home</kbd>/<kbd>End</kbd> jump to the ' +
      'ends). Indices count from 0, as in PyTorch.',
    notWhole: (f) => `${f.label} must be a whole number from ${f.min} to ${f.max}; “${f.text}” is not.`,
    tooLarge: (f) => `${f.label} must be at most ${f.max}, so that every element stays readable; you typed ${f.value}.`,
    orderLabel: { nchw: 'PyTorch (NCHW):', nhwc: 'Keras (NHWC):' },
    summary: (dims, cell) =>
      `Element (c, h, w) = (${cell.c}, ${cell.h}, ${cell.w}) of the ${dims.c}×${dims.h}×${dims.w} block is at index ${cell.nchw} in PyTorch order and ${cell.nhwc} in Keras order.`,
    cellLabel: (cell) =>
      `channel ${cell.c}, row ${cell.h}, column ${cell.w}: index ${cell.nchw} in PyTorch order, ${cell.nhwc} in Keras order`,
    elementLabel: (order, position, cell) => {
      const [name, other, otherIndex] = order === 'nchw' ? ['PyTorch', 'Keras', cell.nhwc] : ['Keras', 'PyTorch', cell.nchw];
      return `${name} order, index ${position}: channel ${cell.c}, row ${cell.h}, column ${cell.w} (index ${otherIndex} in ${other} order)`;
    },
    channelTitle: (c) => `channel ${c}`,
    blockLabel: (dims) =>
      `Feature maps of shape ${dims.c}×${dims.h}×${dims.w}: ${dims.c} ${dims.c === 1 ? 'channel' : 'channels'} of ${dims.h} rows and ${dims.w} columns`,
    vectorTitle: { nchw: 'Flattened in PyTorch order (NCHW)', nhwc: 'Flattened in Keras order (NHWC)' },
    vectorLabel: (title, length) => `${title}: ${length} elements`,
    indexIs: 'index =',
  },
};

export type FlattenStrings = (typeof flattenStrings)['en'];
