/**
 * The flatten visualiser's markup as HTML strings, so that the Astro component
 * renders exactly what the island redraws when the sizes change. No DOM access.
 */
import { cellLabel, cells, elementLabel, flatLength, vectors, type Cell, type Dims } from './flatten';

function cellButton(cell: Cell, selected: Cell): string {
  const on = cell.c === selected.c && cell.h === selected.h && cell.w === selected.w;
  return (
    `<button type="button" class="fv-cell fv-ch${cell.c}${on ? ' is-selected' : ''}" data-part="block" ` +
    `data-c="${cell.c}" data-h="${cell.h}" data-w="${cell.w}" tabindex="${on ? 0 : -1}" aria-label="${cellLabel(cell)}">` +
    `${cell.c},${cell.h},${cell.w}</button>`
  );
}

function elementButton(order: 'nchw' | 'nhwc', position: number, cell: Cell, selected: Cell): string {
  const on = cell.c === selected.c && cell.h === selected.h && cell.w === selected.w;
  return (
    `<button type="button" class="fv-element fv-ch${cell.c}${on ? ' is-selected' : ''}" data-part="${order}" data-pos="${position}" ` +
    `data-c="${cell.c}" data-h="${cell.h}" data-w="${cell.w}" tabindex="${on ? 0 : -1}" aria-label="${elementLabel(order, position, cell)}">` +
    `<span class="fv-chw">${cell.c},${cell.h},${cell.w}</span><span class="fv-pos" aria-hidden="true">${position}</span></button>`
  );
}

/** The block (C grids of H×W) and the two flattened vectors, with `selected` highlighted everywhere. */
export function renderStage(dims: Dims, selected: Cell): string {
  const all = cells(dims);
  const n = flatLength(dims);
  const channels: string[] = [];
  for (let c = 0; c < dims.c; c++) {
    const own = all.filter((cell) => cell.c === c).map((cell) => cellButton(cell, selected));
    channels.push(
      `<div class="fv-channel"><p class="fv-title" aria-hidden="true">channel ${c}</p>` +
        `<div class="fv-grid" style="--fv-cols: ${dims.w}">${own.join('')}</div></div>`,
    );
  }
  const { nchw, nhwc } = vectors(dims);
  const vector = (order: 'nchw' | 'nhwc', list: Cell[], title: string, formula: string): string =>
    `<div class="fv-vector" role="group" data-vector="${order}" aria-label="${title}: ${n} elements">` +
    `<p class="fv-title" aria-hidden="true"><strong>${title}</strong> <span class="fv-formula">index = ${formula}</span></p>` +
    `<div class="fv-elements">${list.map((cell, i) => elementButton(order, i, cell, selected)).join('')}</div></div>`;
  return (
    `<div class="fv-block" role="group" data-block aria-label="Feature maps of shape ${dims.c}×${dims.h}×${dims.w}: ${dims.c} ${dims.c === 1 ? 'channel' : 'channels'} of ${dims.h} rows and ${dims.w} columns">` +
    `${channels.join('')}</div>` +
    vector('nchw', nchw, 'Flattened in PyTorch order (NCHW)', 'c·H·W + h·W + w') +
    vector('nhwc', nhwc, 'Flattened in Keras order (NHWC)', 'h·W·C + w·C + c')
  );
}
