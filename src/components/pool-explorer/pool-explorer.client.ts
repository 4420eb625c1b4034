/** DOM glue for PoolExplorer.astro: read the controls, pool, and follow the selected output cell. */
import { stringsFor } from '../islands/i18n';
import { localeOf, required, requiredField, Scope, widgetMessages, type Dispose, widgetIdBase } from '../islands/kit';
import {
  computePool,
  describeCell,
  fields,
  moveSelection,
  parseField,
  renderView,
  routeCell,
  type PoolResult,
  type PoolSettings,
} from './pool-explorer';
import { poolExplorerStrings } from './strings';

export function mount(root: HTMLElement): Dispose {
  const form = required<HTMLFormElement>(root, 'form');
  const view = required<HTMLElement>(root, '[data-view]');
  const readout = required<HTMLElement>(root, '[data-readout]');
  const ceil = requiredField(form, 'ceil');
  const inputs = fields.map((name) => requiredField(form, name));
  const idBase = widgetIdBase(root);
  const t = stringsFor(poolExplorerStrings, localeOf(root));
  const messages = widgetMessages(root);
  const scope = new Scope();

  let result: PoolResult | null = null;
  // The selection drawn in the markup (the build's (0, 0), or the last one before a remount).
  const drawn = view.querySelector<HTMLElement>('td.selected[data-i]');
  let sel: [number, number] = [Number(drawn?.dataset['i'] ?? 0), Number(drawn?.dataset['j'] ?? 0)];

  const draw = (focus: 'max' | 'avg' | null): void => {
    if (!result) return;
    view.innerHTML = renderView(result, sel[0], sel[1], idBase, t);
    readout.textContent = describeCell(result, routeCell(result, sel[0], sel[1]), t);
    if (focus) {
      view.querySelector<HTMLElement>(`table[aria-labelledby="${idBase}-${focus}"] td[data-i="${sel[0]}"][data-j="${sel[1]}"]`)?.focus();
    }
  };

  const update = (): void => {
    messages.clear();
    const settings: PoolSettings = { k: 0, s: 0, p: 0, ceil: ceil.checked };
    for (const [index, name] of fields.entries()) {
      const input = inputs[index];
      const parsed = parseField(name, input?.value ?? '', t);
      if (!parsed.ok) return messages.error(parsed.message, { stale: true, field: input });
      settings[name] = parsed.value;
    }
    const outcome = computePool(settings);
    if (!outcome.ok) return messages.error(outcome.message, { stale: true, field: inputs[fields.indexOf(outcome.field)] });
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

  scope.on(view, 'click', (event) => {
    const hit = cellOf(event.target);
    if (!hit || !result) return;
    sel = [Number(hit.cell.dataset['i']), Number(hit.cell.dataset['j'])];
    draw(hit.kind);
  });
  scope.on(view, 'keydown', (event) => {
    const hit = cellOf(event.target);
    if (!hit || !result) return;
    const next = moveSelection(event.key, sel[0], sel[1], result.outH, result.outW);
    if (!next) return;
    event.preventDefault();
    sel = next;
    draw(hit.kind);
  });

  scope.on(form, 'input', update);
  scope.on(form, 'change', update);
  scope.on(form, 'submit', (event) => event.preventDefault());
  update();
  return scope.dispose;
}
