/** DOM glue for FlattenVisualiser.astro: read C, H, W; redraw; keep one cell highlighted in the block and both vectors. */
import {
  cellAt,
  clampCell,
  defaultCell,
  defaultDims,
  describe,
  dimLabels,
  keyDirection,
  moveInBlock,
  moveInVector,
  parseDim,
  vectors,
  type Cell,
  type Dims,
} from './flatten';
import { renderStage } from './render';

export function mount(root: HTMLElement): void {
  const form = root.querySelector('form');
  const stage = root.querySelector<HTMLElement>('[data-stage]');
  const error = root.querySelector<HTMLElement>('[data-error]');
  const summary = root.querySelector<HTMLElement>('[data-summary]');
  const nchwText = root.querySelector<HTMLElement>('[data-nchw]');
  const nhwcText = root.querySelector<HTMLElement>('[data-nhwc]');
  if (!form || !stage || !error || !summary || !nchwText || !nhwcText) return;

  let dims: Dims = { ...defaultDims };
  let selected: Cell = cellAt(dims, defaultCell.c, defaultCell.h, defaultCell.w);
  let order = vectors(dims);

  /** Highlights `cell` everywhere, moves the roving tab stops to it and updates the readout. */
  const select = (cell: Cell): void => {
    selected = cell;
    for (const el of stage.querySelectorAll<HTMLElement>('[data-part]')) {
      const on = Number(el.dataset['c']) === cell.c && Number(el.dataset['h']) === cell.h && Number(el.dataset['w']) === cell.w;
      el.classList.toggle('is-selected', on);
      el.tabIndex = on ? 0 : -1;
    }
    const text = describe(dims, cell);
    summary.textContent = text.summary;
    nchwText.textContent = text.nchw;
    nhwcText.textContent = text.nhwc;
  };

  const elementFor = (part: string, cell: Cell): HTMLElement | null =>
    part === 'block'
      ? stage.querySelector<HTMLElement>(`[data-part="block"][data-c="${cell.c}"][data-h="${cell.h}"][data-w="${cell.w}"]`)
      : stage.querySelector<HTMLElement>(`[data-part="${part}"][data-pos="${part === 'nchw' ? cell.nchw : cell.nhwc}"]`);

  const cellOf = (el: HTMLElement): Cell => cellAt(dims, Number(el.dataset['c']), Number(el.dataset['h']), Number(el.dataset['w']));

  const target = (event: Event): HTMLElement | null =>
    event.target instanceof Element ? event.target.closest<HTMLElement>('[data-part]') : null;

  stage.addEventListener('pointerover', (event) => {
    const el = target(event);
    if (el) select(cellOf(el));
  });
  stage.addEventListener('focusin', (event) => {
    const el = target(event);
    if (el) select(cellOf(el));
  });
  stage.addEventListener('click', (event) => {
    const el = target(event);
    if (el) select(cellOf(el));
  });
  stage.addEventListener('keydown', (event) => {
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

  const show = (message: string): void => {
    error.hidden = false;
    error.textContent = message;
    root.classList.add('has-error');
  };

  const update = (): void => {
    const next: Partial<Dims> = {};
    let problem: string | null = null;
    for (const name of Object.keys(dimLabels) as (keyof Dims)[]) {
      const input = form.elements.namedItem(name) as HTMLInputElement | null;
      const parsed = parseDim(name, input?.value ?? '');
      input?.setAttribute('aria-invalid', String(!parsed.ok));
      if (!parsed.ok) problem ??= parsed.message;
      else next[name] = parsed.value;
    }
    if (problem !== null) return show(problem);
    error.hidden = true;
    error.textContent = '';
    root.classList.remove('has-error');
    const changed = next.c !== dims.c || next.h !== dims.h || next.w !== dims.w;
    if (!changed) return;
    dims = next as Dims;
    order = vectors(dims);
    const cell = clampCell(dims, selected);
    stage.innerHTML = renderStage(dims, cell);
    select(cell);
  };

  form.addEventListener('input', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  update();
}
