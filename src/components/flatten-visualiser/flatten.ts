/**
 * The flatten visualiser's logic, free of the DOM: where element (c, h, w) of a
 * C×H×W feature map lands when it is flattened in PyTorch's (NCHW) order and in
 * Keras's (NHWC) order. Both are row-major offsets, computed by the layer
 * library's `offset` (Eqs. flatten-nchw and flatten-nhwc of the chapter):
 *
 *   NCHW:  i = c·H·W + h·W + w     (the dims in the order C, H, W)
 *   NHWC:  j = h·W·C + w·C + c     (the dims in the order H, W, C)
 *
 * Every word comes from the widget's string table (`strings.ts`), passed in as `t`.
 */
import { outputShape } from '../../lib/layers';
import { offset } from '../../lib/reference/tensor';
import { parseNumber, type Parsed } from '../islands/number-field';
import { flattenStrings, type FlattenStrings, type Order } from './strings';

export interface Dims {
  c: number;
  h: number;
  w: number;
}

/** One element of the feature map, with its position in both flattened vectors. */
export interface Cell {
  c: number;
  h: number;
  w: number;
  /** Position in PyTorch's flattened vector (NCHW). */
  nchw: number;
  /** Position in Keras's flattened vector (NHWC). */
  nhwc: number;
}

/** The smallest and largest size the widget draws along each axis. */
export const LIMITS = { min: 1, max: 4 } as const;

export const defaultDims: Dims = { c: 2, h: 3, w: 4 };
/** The cell highlighted before the reader picks one. */
export const defaultCell = { c: 1, h: 1, w: 2 } as const;

/** The sizes in the order the form shows them. */
export const dimNames: (keyof Dims)[] = ['c', 'h', 'w'];

/** Position of (c, h, w) in PyTorch's order: the row-major offset in a [C, H, W] array. */
export function nchwIndex(dims: Dims, c: number, h: number, w: number): number {
  return offset([dims.c, dims.h, dims.w], [c, h, w]);
}

/** Position of (c, h, w) in Keras's order: the row-major offset in an [H, W, C] array. */
export function nhwcIndex(dims: Dims, c: number, h: number, w: number): number {
  return offset([dims.h, dims.w, dims.c], [h, w, c]);
}

/** The flattened length C·H·W, from the layer library's Flatten rule on [1, C, H, W]. */
export function flatLength(dims: Dims): number {
  return outputShape({ kind: 'Flatten', startDim: 1, endDim: -1 }, [1, dims.c, dims.h, dims.w])[1] ?? 0;
}

/** Every cell in (c, h, w) order, with both positions. */
export function cells(dims: Dims): Cell[] {
  const out: Cell[] = [];
  for (let c = 0; c < dims.c; c++) {
    for (let h = 0; h < dims.h; h++) {
      for (let w = 0; w < dims.w; w++) out.push({ c, h, w, nchw: nchwIndex(dims, c, h, w), nhwc: nhwcIndex(dims, c, h, w) });
    }
  }
  return out;
}

/** The two flattened vectors: `nchw[i]` is the cell at position i in PyTorch's order, `nhwc[j]` in Keras's. */
export function vectors(dims: Dims): { nchw: Cell[]; nhwc: Cell[] } {
  const all = cells(dims);
  const nchw: Cell[] = new Array<Cell>(all.length);
  const nhwc: Cell[] = new Array<Cell>(all.length);
  for (const cell of all) {
    nchw[cell.nchw] = cell;
    nhwc[cell.nhwc] = cell;
  }
  return { nchw, nhwc };
}

/** The cell (c, h, w), with both positions. */
export function cellAt(dims: Dims, c: number, h: number, w: number): Cell {
  return { c, h, w, nchw: nchwIndex(dims, c, h, w), nhwc: nhwcIndex(dims, c, h, w) };
}

/** The accessible name of a cell: "channel 1, row 1, column 2: index 18 in PyTorch order, 13 in Keras order". */
export function cellLabel(cell: Cell, t: FlattenStrings = flattenStrings.en): string {
  return t.cellLabel(cell);
}

/** The accessible name of element `position` of a vector. */
export function elementLabel(order: Order, position: number, cell: Cell, t: FlattenStrings = flattenStrings.en): string {
  return t.elementLabel(order, position, cell);
}

/** Both index formulas written out with the numbers of `cell`, as the readout shows them. */
export function describe(dims: Dims, cell: Cell, t: FlattenStrings = flattenStrings.en): { nchw: string; nhwc: string; summary: string } {
  const { c, h, w } = cell;
  const nchw = `${c}·${dims.h}·${dims.w} + ${h}·${dims.w} + ${w} = ${cell.nchw}`;
  const nhwc = `${h}·${dims.w}·${dims.c} + ${w}·${dims.c} + ${c} = ${cell.nhwc}`;
  return { nchw, nhwc, summary: t.summary(dims, cell) };
}

/** Checks one size as typed: a whole number within LIMITS, or a specific message. */
export function parseDim(name: keyof Dims, raw: string, t: FlattenStrings = flattenStrings.en): Parsed<number> {
  return parseNumber(
    raw,
    t.dims[name],
    { integer: true, min: LIMITS.min, max: LIMITS.max },
    { notNumber: t.notWhole, notInteger: t.notWhole, aboveMax: t.tooLarge },
  );
}

export type Direction = 'left' | 'right' | 'up' | 'down' | 'prev-channel' | 'next-channel' | 'first' | 'last';

/**
 * Keyboard movement in the block, drawn as C grids side by side: left/right move
 * along a row and continue into the neighbouring channel's grid at its edge;
 * up/down move between rows; Page Up/Down jump a channel; Home/End the first/last cell.
 */
export function moveInBlock(dims: Dims, cell: { c: number; h: number; w: number }, dir: Direction): { c: number; h: number; w: number } {
  let { c, h, w } = cell;
  switch (dir) {
    case 'left':
      if (w > 0) w -= 1;
      else if (c > 0) [c, w] = [c - 1, dims.w - 1];
      break;
    case 'right':
      if (w < dims.w - 1) w += 1;
      else if (c < dims.c - 1) [c, w] = [c + 1, 0];
      break;
    case 'up':
      h = Math.max(0, h - 1);
      break;
    case 'down':
      h = Math.min(dims.h - 1, h + 1);
      break;
    case 'prev-channel':
      c = Math.max(0, c - 1);
      break;
    case 'next-channel':
      c = Math.min(dims.c - 1, c + 1);
      break;
    case 'first':
      [c, h, w] = [0, 0, 0];
      break;
    case 'last':
      [c, h, w] = [dims.c - 1, dims.h - 1, dims.w - 1];
      break;
  }
  return { c, h, w };
}

/** Keyboard movement along a vector of `length` elements. */
export function moveInVector(length: number, position: number, dir: Direction): number {
  switch (dir) {
    case 'left':
    case 'up':
      return Math.max(0, position - 1);
    case 'right':
    case 'down':
      return Math.min(length - 1, position + 1);
    case 'first':
      return 0;
    case 'last':
      return length - 1;
    default:
      return position;
  }
}

/** The direction a key means, or null. */
export function keyDirection(key: string): Direction | null {
  const map: Record<string, Direction> = {
    ArrowLeft: 'left',
    ArrowRight: 'right',
    ArrowUp: 'up',
    ArrowDown: 'down',
    PageUp: 'prev-channel',
    PageDown: 'next-channel',
    Home: 'first',
    End: 'last',
  };
  return map[key] ?? null;
}

/** Keeps a selected cell inside new dims (after the reader shrinks the block). */
export function clampCell(dims: Dims, cell: { c: number; h: number; w: number }): Cell {
  return cellAt(dims, Math.min(cell.c, dims.c - 1), Math.min(cell.h, dims.h - 1), Math.min(cell.w, dims.w - 1));
}
