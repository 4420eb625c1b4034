/**
 * The pooling explorer's logic, free of the DOM: the default feature map, the
 * checks on the controls, the forward and backward passes (all from the layer
 * library: `outputShape`, `maxPool2dForward/Backward`, `avgPool2dForward/Backward`),
 * the text readout, and the HTML of the grids. The Astro component renders that
 * HTML at build time (the no-JavaScript fallback); the island re-renders it. Every
 * word comes from the widget's string table (`strings.ts`), passed in as `t`.
 */
import { outputShape } from '../../lib/layers';
import { createRng } from '../../lib/rng';
import { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward } from '../../lib/reference/pool';
import { tensor, type Tensor } from '../../lib/reference/tensor';
import { LayerError } from '../../lib/types';
import { escapeHtml } from '../islands/html';
import { parseNumber, type Parsed } from '../islands/number-field';
import { poolExplorerStrings, type CellFacts, type PoolExplorerStrings } from './strings';

/** The feature map's side: 7 is odd, so ceil_mode matters for 2×2 windows. */
export const MAP_SIZE = 7;
/** The seed of the default map (the book's `Rng`, so the map is the same everywhere). */
export const MAP_SEED = 2;

/** A 7×7 map of whole numbers 0–9 drawn with `createRng(MAP_SEED)`, row by row. */
export function defaultMap(): number[] {
  const rng = createRng(MAP_SEED);
  return Array.from({ length: MAP_SIZE * MAP_SIZE }, () => rng.integer(0, 10));
}

export interface PoolSettings {
  k: number;
  s: number;
  p: number;
  ceil: boolean;
}

export type NumberField = 'k' | 's' | 'p';

export const defaultSettings: PoolSettings = { k: 2, s: 2, p: 0, ceil: false };

/** The number fields in the order the form shows them, and the range each accepts. */
export const fields: NumberField[] = ['k', 's', 'p'];
export const minimum: Record<NumberField, number> = { k: 1, s: 1, p: 0 };
export const maximum: Record<NumberField, number> = { k: 9, s: 9, p: 4 };

/** Checks one number field as typed: the number, or a message naming the field. */
export function parseField(name: NumberField, raw: string, t: PoolExplorerStrings = poolExplorerStrings.en): Parsed<number> {
  return parseNumber(raw, t.fields[name], { integer: true, min: minimum[name], max: maximum[name] }, { aboveMax: t.tooLarge });
}

export interface PoolResult {
  ok: true;
  settings: PoolSettings;
  x: Tensor;
  outH: number;
  outW: number;
  max: Tensor;
  argmax: Int32Array;
  avg: Tensor;
}

export type PoolOutcome = PoolResult | { ok: false; message: string; field: NumberField };

function poolOptions(c: PoolSettings) {
  return { kernelSize: [c.k, c.k] as const, stride: [c.s, c.s] as const, padding: [c.p, c.p] as const, ceilMode: c.ceil };
}

/** Pools the map by max and by average, or returns the library's message. */
export function computePool(c: PoolSettings, map: readonly number[] = defaultMap()): PoolOutcome {
  const x = tensor([1, 1, MAP_SIZE, MAP_SIZE], map);
  try {
    const shape = outputShape(
      { kind: 'MaxPool2d', kernelSize: [c.k, c.k], stride: [c.s, c.s], padding: [c.p, c.p], dilation: [1, 1], ceilMode: c.ceil },
      x.shape,
    );
    const { y, argmax } = maxPool2dForward(x, poolOptions(c));
    const avg = avgPool2dForward(x, poolOptions(c));
    return { ok: true, settings: c, x, outH: shape[2] ?? 0, outW: shape[3] ?? 0, max: y, argmax, avg };
  } catch (error) {
    if (error instanceof LayerError) {
      return { ok: false, message: error.message, field: error.code === 'kernel-too-large' ? 'k' : 'p' };
    }
    throw error;
  }
}

export interface CellRouting {
  /** Output cell. */
  i: number;
  j: number;
  /** The window in padded-input coordinates of the image: rows r0…r0+k−1, columns c0…c0+k−1 (may be < 0 or ≥ 7). */
  r0: number;
  c0: number;
  /** dL/dx when dL/dy is 1 at (i, j) and 0 elsewhere, for max and for average pooling. */
  dxMax: Float32Array;
  dxAvg: Float32Array;
  /** Flat index of the arg-max in the map. */
  argmax: number;
  maxValue: number;
  avgValue: number;
  /** Image cells in the window, and the divisor D of the average (1/D = each cell's share). */
  cells: number;
  divisor: number;
}

/**
 * The backward passes for one output cell: a one-hot upstream gradient at (i, j)
 * through `maxPool2dBackward` and `avgPool2dBackward`. The window's image cells
 * are exactly the cells that receive average-pool gradient; its top-left corner is
 * (i·s − p, j·s − p) (the window rule in src/lib/reference/pool.ts).
 */
export function routeCell(r: PoolResult, i: number, j: number): CellRouting {
  const o = i * r.outW + j;
  const dy = tensor([1, 1, r.outH, r.outW]);
  dy.data[o] = 1;
  const dxMax = maxPool2dBackward(dy, r.argmax, r.x.shape).data;
  const dxAvg = avgPool2dBackward(dy, r.x.shape, poolOptions(r.settings)).data;
  let cells = 0;
  let share = 0;
  for (const v of dxAvg) {
    if (v !== 0) {
      cells += 1;
      share = v;
    }
  }
  return {
    i,
    j,
    r0: i * r.settings.s - r.settings.p,
    c0: j * r.settings.s - r.settings.p,
    dxMax,
    dxAvg,
    argmax: r.argmax[o] ?? -1,
    maxValue: r.max.data[o] ?? 0,
    avgValue: r.avg.data[o] ?? 0,
    cells,
    divisor: share === 0 ? 0 : Math.round(1 / share),
  };
}

/** A pooled or input value as shown in a cell: whole numbers plain, others to 2 decimals. */
export function formatValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(2);
}

/** A gradient share as shown: 0, 1, or the fraction 1/D. */
export function formatShare(v: number): string {
  if (v === 0) return '0';
  if (v === 1) return '1';
  const d = Math.round(1 / v);
  return Math.abs(1 / d - v) < 1e-6 ? `1/${d}` : formatValue(v);
}

/** A row or column index as shown: a true minus sign for padding positions. */
function signed(v: number): string {
  return v < 0 ? `−${-v}` : String(v);
}

/** What the readout says about one output cell, in numbers (`strings.ts` puts them in words). */
export function cellFacts(r: PoolResult, c: CellRouting): CellFacts {
  const { k, p } = r.settings;
  const n = MAP_SIZE;
  const positions = k * k;
  let divisorNote: CellFacts['divisorNote'] = null;
  if (c.divisor > c.cells) divisorNote = 'counts-padding';
  else if (c.divisor < positions) divisorNote = 'ceil';
  return {
    i: c.i,
    j: c.j,
    rows: [signed(c.r0), signed(c.r0 + k - 1)],
    cols: [signed(c.c0), signed(c.c0 + k - 1)],
    side: n,
    positions,
    padded: p > 0 && c.cells < positions,
    cells: c.cells,
    divisor: c.divisor,
    divisorNote,
    max: formatValue(c.maxValue),
    argRow: Math.floor(c.argmax / n),
    argCol: c.argmax % n,
    avg: formatValue(c.avgValue),
  };
}

/** The readout for one output cell: where its window is and where its gradient goes. */
export function describeCell(r: PoolResult, c: CellRouting, t: PoolExplorerStrings = poolExplorerStrings.en): string {
  return t.readout(cellFacts(r, c));
}

/**
 * The input map with its padding ring, the window of the selected output cell
 * marked, and the arg-max outlined. Padding cells are empty (−∞ for max, 0 for
 * average pooling).
 */
function inputTable(r: PoolResult, c: CellRouting, idBase: string, t: PoolExplorerStrings): string {
  const { k, p } = r.settings;
  const n = MAP_SIZE;
  let html = `<table class="pe-grid pe-input" aria-labelledby="${idBase}-in"><tbody>`;
  for (let row = -p; row < n + p; row++) {
    html += '<tr>';
    for (let col = -p; col < n + p; col++) {
      const inWindow = row >= c.r0 && row < c.r0 + k && col >= c.c0 && col < c.c0 + k;
      const cls: string[] = [];
      if (inWindow) cls.push('in-window');
      if (row < 0 || col < 0 || row >= n || col >= n) {
        cls.push('pad');
        html += `<td class="${cls.join(' ')}"><span class="visually-hidden">${escapeHtml(t.padding)}</span></td>`;
        continue;
      }
      const at = row * n + col;
      if (at === c.argmax) cls.push('argmax');
      html += `<td class="${cls.join(' ')}">${formatValue(r.x.data[at] ?? 0)}</td>`;
    }
    html += '</tr>';
  }
  return `${html}</tbody></table>`;
}

function outputTable(r: PoolResult, c: CellRouting, kind: 'max' | 'avg', idBase: string, t: PoolExplorerStrings): string {
  const values = kind === 'max' ? r.max : r.avg;
  let html = `<table class="pe-grid pe-output" role="grid" aria-labelledby="${idBase}-${kind}"><tbody>`;
  for (let i = 0; i < r.outH; i++) {
    html += '<tr>';
    for (let j = 0; j < r.outW; j++) {
      const selected = i === c.i && j === c.j;
      const v = formatValue(values.data[i * r.outW + j] ?? 0);
      html +=
        `<td role="gridcell" tabindex="${selected ? 0 : -1}" data-i="${i}" data-j="${j}" aria-selected="${selected}" ` +
        `aria-label="${escapeHtml(t.outputCell(kind, v, i, j))}"${selected ? ' class="selected"' : ''}>${v}</td>`;
    }
    html += '</tr>';
  }
  return `${html}</tbody></table>`;
}

function gradientTable(dx: Float32Array, label: string): string {
  const n = MAP_SIZE;
  let html = `<table class="pe-grid pe-grad" aria-labelledby="${label}"><tbody>`;
  for (let row = 0; row < n; row++) {
    html += '<tr>';
    for (let col = 0; col < n; col++) {
      const v = dx[row * n + col] ?? 0;
      html += `<td${v === 0 ? ' class="zero"' : ' class="hot"'}>${formatShare(v)}</td>`;
    }
    html += '</tr>';
  }
  return `${html}</tbody></table>`;
}

/** All five grids for the result, with output cell (i, j) selected. `idBase` makes the ids unique on the page. */
export function renderView(r: PoolResult, i: number, j: number, idBase: string, t: PoolExplorerStrings = poolExplorerStrings.en): string {
  const c = routeCell(r, i, j);
  const { k, s, p, ceil } = r.settings;
  const call = `k=${k}, s=${s}, p=${p}${ceil ? ', ceil_mode' : ''}`;
  const panel = (id: string, title: string, body: string): string =>
    `<div class="pe-panel"><p class="pe-title" id="${id}">${title}</p>${body}</div>`;
  return (
    `<div class="pe-row">` +
    panel(`${idBase}-in`, t.inputTitle(MAP_SIZE, p), inputTable(r, c, idBase, t)) +
    panel(`${idBase}-max`, t.maxTitle(call, r.outH, r.outW), outputTable(r, c, 'max', idBase, t)) +
    panel(`${idBase}-avg`, t.avgTitle(r.outH, r.outW), outputTable(r, c, 'avg', idBase, t)) +
    `</div><div class="pe-row">` +
    panel(`${idBase}-gmax`, t.gradMaxTitle(c.i, c.j), gradientTable(c.dxMax, `${idBase}-gmax`)) +
    panel(`${idBase}-gavg`, t.gradAvgTitle, gradientTable(c.dxAvg, `${idBase}-gavg`)) +
    `</div>`
  );
}

/** Moves a selection (i, j) by an arrow key within an outH × outW grid; null for other keys. */
export function moveSelection(key: string, i: number, j: number, outH: number, outW: number): [number, number] | null {
  switch (key) {
    case 'ArrowUp':
      return [Math.max(0, i - 1), j];
    case 'ArrowDown':
      return [Math.min(outH - 1, i + 1), j];
    case 'ArrowLeft':
      return [i, Math.max(0, j - 1)];
    case 'ArrowRight':
      return [i, Math.min(outW - 1, j + 1)];
    case 'Home':
      return [i, 0];
    case 'End':
      return [i, outW - 1];
    default:
      return null;
  }
}
