/**
 * The flatten visualiser's markup as HTML strings, so that the Astro component
 * renders exactly what the island redraws when the sizes change. No DOM access.
 */
import { escapeHtml } from '../islands/html';
import { cellLabel, cells, elementLabel, flatLength, vectors, type Cell, type Dims } from './flatten';
import { flattenStrings, type FlattenStrings, type Order } from './strings';

/** The index formula of each order (notation, the same in every edition). */
const FORMULA: Record<Order, string> = { nchw: 'c·H·W + h·W + w', nhwc: 'h·W·C + w·C + c' };

function cellButton(cell: Cell, selected: Cell, t: FlattenStrings): string {
  const on = cell.c === selected.c && cell.h === selected.h && cell.w === selected.w;
  return (
    `<button type="button" class="fv-cell fv-ch${cell.c}${on ? ' is-selected' : ''}" data-part="block" ` +
    `data-c="${cell.c}" data-h="${cell.h}" data-w="${cell.w}" tabindex="${on ? 0 : -1}" aria-label="${escapeHtml(cellLabel(cell, t))}">` +
    `${cell.c},${cell.h},${cell.w}</button>`
  );
}

function elementButton(order: Order, position: number, cell: Cell, selected: Cell, t: FlattenStrings): string {
  const on = cell.c === selected.c && cell.h === selected.h && cell.w === selected.w;
  return (
    `<button type="button" class="fv-element fv-ch${cell.c}${on ? ' is-selected' : ''}" data-part="${order}" data-pos="${position}" ` +
    `data-c="${cell.c}" data-h="${cell.h}" data-w="${cell.w}" tabindex="${on ? 0 : -1}" aria-label="${escapeHtml(elementLabel(order, position, cell, t))}">` +
    `<span class="fv-chw">${cell.c},${cell.h},${cell.w}</span><span class="fv-pos" aria-hidden="true">${position}</span></button>`
  );
}

/** The block (C grids of H×W) and the two flattened vectors, with `selected` highlighted everywhere. */
export function renderStage(dims: Dims, selected: Cell, t: FlattenStrings = flattenStrings.en): string {
  const all = cells(dims);
  const n = flatLength(dims);
  const channels: string[] = [];
  for (let c = 0; c < dims.c; c++) {
    const own = all.filter((cell) => cell.c === c).map((cell) => cellButton(cell, selected, t));
    channels.push(
      `<div class="fv-channel"><p class="fv-title" aria-hidden="true">${escapeHtml(t.channelTitle(c))}</p>` +
        `<div class="fv-grid" style="--fv-cols: ${dims.w}">${own.join('')}</div></div>`,
    );
  }
  const { nchw, nhwc } = vectors(dims);
  const vector = (order: Order, list: Cell[]): string => {
    const title = escapeHtml(t.vectorTitle[order]);
    return (
      `<div class="fv-vector" role="group" data-vector="${order}" aria-label="${escapeHtml(t.vectorLabel(t.vectorTitle[order], n))}">` +
      `<p class="fv-title" aria-hidden="true"><strong>${title}</strong> <span class="fv-formula">${escapeHtml(t.indexIs)} ${FORMULA[order]}</span></p>` +
      `<div class="fv-elements">${list.map((cell, i) => elementButton(order, i, cell, selected, t)).join('')}</div></div>`
    );
  };
  return (
    `<div class="fv-block" role="group" data-block aria-label="${escapeHtml(t.blockLabel(dims))}">` +
    `${channels.join('')}</div>` +
    vector('nchw', nchw) +
    vector('nhwc', nhwc)
  );
}
