/** DOM glue for FlattenVisualiser.astro: read C, H, W; redraw; keep one cell highlighted in the block and both vectors. */
import { stringsFor } from '../islands/i18n';
import { localeOf, required, requiredField, Scope, widgetMessages, type Dispose } from '../islands/kit';
import {
  cellAt,
  clampCell,
  defaultCell,
  describe,
  dimNames,
  keyDirection,
  moveInBlock,
  moveInVector,
  parseDim,
  vectors,
  type Cell,
  type Dims,
} from './flatten';
import { renderStage } from './render';
import { flattenStrings } from './strings';

export function mount(root: HTMLElement): Dispose {
  const form = required<HTMLFormElement>(root, 'form');
  const stage = required<HTMLElement>(root, '[data-stage]');
  const summary = required<HTMLElement>(root, '[data-summary]');
  const nchwText = required<HTMLElement>(root, '[data-nchw]');
  const nhwcText = required<HTMLElement>(root, '[data-nhwc]');
  const inputs = dimNames.map((name) => requiredField(form, name));
  const t = stringsFor(flattenStrings, localeOf(root));
  const messages = widgetMessages(root);
  const scope = new Scope();

  const position = (el: Element): { c: number; h: number; w: number } => {
    const data = (el as HTMLElement).dataset;
    return { c: Number(data['c']), h: Number(data['h']), w: Number(data['w']) };
  };
  // The block and the cell drawn in the markup (the build's, or the last ones before a
  // remount): its last cell is (C − 1, H − 1, W − 1).
  const last = [...stage.querySelectorAll('[data-part="block"]')].at(-1);
  if (!last) throw new Error('widget markup is missing the block');
  const end = position(last);
  let dims: Dims = { c: end.c + 1, h: end.h + 1, w: end.w + 1 };
  const drawn = stage.querySelector('[data-part="block"].is-selected');
  const start = drawn ? position(drawn) : defaultCell;
  let selected: Cell = cellAt(dims, start.c, start.h, start.w);
  let order = vectors(dims);

  /** Highlights `cell` everywhere, moves the roving tab stops to it and updates the readout. */
  const select = (cell: Cell): void => {
    selected = cell;
    for (const el of stage.querySelectorAll<HTMLElement>('[data-part]')) {
      const on = Number(el.dataset['c']) === cell.c && Number(el.dataset['h']) === cell.h && Number(el.dataset['w']) === cell.w;
      el.classList.toggle('is-selected', on);
      el.tabIndex = on ? 0 : -1;
    }
    const text = describe(dims, cell, t);
    summary.textContent = text.summary;
    nchwText.textContent = text.nchw;
    nhwcText.textContent = text.nhwc;
  };

  const elementFor = (part: string, cell: Cell): HTMLElement | null =>
    part === 'block'
      ? stage.querySelector<HTMLElement>(`[data-part="block"][data-c="${cell.c}"][data-h="${cell.h}"][data-w="${cell.w}"]`)
      : stage.querySelector<HTMLElement>(`[data-part="${part}"][data-pos="${part === 'nchw' ? cell.nchw : cell.nhwc}"]`);

  const cellOf = (el: HTMLElement): Cell => {
    const p = position(el);
    return cellAt(dims, p.c, p.h, p.w);
  };

  const target = (event: Event): HTMLElement | null =>
    event.target instanceof Element ? event.target.closest<HTMLElement>('[data-part]') : null;

  const selectTarget = (event: Event): void => {
    const el = target(event);
    if (el) select(cellOf(el));
  };
  scope.on(stage, 'pointerover', selectTarget);
  scope.on(stage, 'focusin', selectTarget);
  scope.on(stage, 'click', selectTarget);
  scope.on(stage, 'keydown', (event) => {
    const el = target(event);
    const dir = keyDirection(event.key);
    if (!el || !dir) return;
    const part = el.dataset['part'] ?? 'block';
    let next: Cell;
    if (part === 'block') {
      const m = moveInBlock(dims, cellOf(el), dir);
      next = cellAt(dims, m.c, m.h, m.w);
    } else {
      const list = part === 'nchw' ? order.nchw : order.nhwc;
      const pos = moveInVector(list.length, Number(el.dataset['pos']), dir);
      next = list[pos] ?? cellOf(el);
    }
    event.preventDefault();
    select(next);
    elementFor(part, next)?.focus();
  });

  const update = (): void => {
    messages.clear();
    const next: Partial<Dims> = {};
    let problem: string | null = null;
    dimNames.forEach((name, i) => {
      const input = inputs[i];
      const parsed = parseDim(name, input?.value ?? '', t);
      if (parsed.ok) next[name] = parsed.value;
      else {
        // Every field that is wrong is marked; the message is the first one's.
        input?.setAttribute('aria-invalid', 'true');
        problem ??= parsed.message;
      }
    });
    if (problem !== null) return messages.error(problem, { stale: true });
    const changed = next.c !== dims.c || next.h !== dims.h || next.w !== dims.w;
    if (!changed) return;
    dims = next as Dims;
    order = vectors(dims);
    const cell = clampCell(dims, selected);
    stage.innerHTML = renderStage(dims, cell, t);
    select(cell);
  };

  scope.on(form, 'input', update);
  scope.on(form, 'submit', (event) => event.preventDefault());
  update();
  return scope.dispose;
}
