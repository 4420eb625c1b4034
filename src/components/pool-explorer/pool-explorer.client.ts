/** DOM glue for PoolExplorer.astro: read the controls, pool, and follow the selected output cell. */
import { computePool, describeCell, fieldLabels, parseField, renderView, routeCell, moveSelection, type NumberField, type PoolResult } from './pool-explorer';

export function mount(root: HTMLElement): void {
  const form = root.querySelector('form');
  const view = root.querySelector<HTMLElement>('[data-view]');
  const readout = root.querySelector<HTMLElement>('[data-readout]');
  const error = root.querySelector<HTMLElement>('[data-error]');
  if (!form || !view || !readout || !error) return;
  const idBase = root.dataset['idBase'] ?? 'pool-explorer';
  const fields = Object.keys(fieldLabels) as NumberField[];
  const input = (name: string): HTMLInputElement | null => form.elements.namedItem(name) as HTMLInputElement | null;

  let result: PoolResult | null = null;
  let sel: [number, number] = [0, 0];

  const draw = (focus: 'max' | 'avg' | null): void => {
    if (!result) return;
    view.innerHTML = renderView(result, sel[0], sel[1], idBase);
    readout.textContent = describeCell(result, routeCell(result, sel[0], sel[1]));
    if (focus) {
      view.querySelector<HTMLElement>(`table[aria-labelledby="${idBase}-${focus}"] td[data-i="${sel[0]}"][data-j="${sel[1]}"]`)?.focus();
    }
  };

  const show = (message: string, field: NumberField | null): void => {
    error.hidden = false;
    error.textContent = message;
    root.classList.add('has-error', 'is-stale');
    if (field) input(field)?.setAttribute('aria-invalid', 'true');
  };

  const update = (): void => {
    const settings = { k: 0, s: 0, p: 0, ceil: input('ceil')?.checked ?? false };
    for (const name of fields) input(name)?.setAttribute('aria-invalid', 'false');
    for (const name of fields) {
      const parsed = parseField(name, input(name)?.value ?? '');
      if (!parsed.ok) return show(parsed.message, name);
      settings[name] = parsed.value;
    }
    const outcome = computePool(settings);
    if (!outcome.ok) return show(outcome.message, outcome.field);
    error.hidden = true;
    error.textContent = '';
    root.classList.remove('has-error', 'is-stale');
    result = outcome;
    sel = [Math.min(sel[0], outcome.outH - 1), Math.min(sel[1], outcome.outW - 1)];
    draw(null);
  };

  const cellOf = (target: EventTarget | null): { cell: HTMLElement; kind: 'max' | 'avg' } | null => {
    if (!(target instanceof HTMLElement)) return null;
    const cell = target.closest<HTMLElement>('td[data-i]');
    const table = cell?.closest('table');
    if (!cell || !table) return null;
    return { cell, kind: table.getAttribute('aria-labelledby')?.endsWith('-avg') ? 'avg' : 'max' };
  };

  view.addEventListener('click', (event) => {
    const hit = cellOf(event.target);
    if (!hit || !result) return;
    sel = [Number(hit.cell.dataset['i']), Number(hit.cell.dataset['j'])];
    draw(hit.kind);
  });
  view.addEventListener('keydown', (event) => {
    const hit = cellOf(event.target);
    if (!hit || !result) return;
    const next = moveSelection(event.key, sel[0], sel[1], result.outH, result.outW);
    if (!next) return;
    event.preventDefault();
    sel = next;
    draw(hit.kind);
  });

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  update();
}
