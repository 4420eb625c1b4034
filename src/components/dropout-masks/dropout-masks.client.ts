/** DOM glue for DropoutMasks.astro: read the controls, draw the masks, keep the slider and the p field in step. */
import { required } from '../islands/kit';
import { computeMasks, describe, MAX_SEED, parseP, parseSamples, parseSeed, renderBars, renderConvergence, renderTable, type Mode, type Style } from './dropout-masks';

export function mount(root: HTMLElement): void {
  const form = required<HTMLFormElement>(root, 'form');
  const table = required<HTMLElement>(root, '[data-table]');
  const bars = required<HTMLElement>(root, '[data-bars]');
  const conv = required<HTMLElement>(root, '[data-conv]');
  const readout = required<HTMLElement>(root, '[data-readout]');
  const error = required<HTMLElement>(root, '[data-error]');
  const resample = required<HTMLButtonElement>(root, '[data-resample]');
  const idBase = root.dataset['idBase'] ?? 'dropout-masks';
  const control = <T extends HTMLInputElement | HTMLSelectElement>(name: string): T => required<T>(form, `[name="${name}"]`);
  const pRange = control<HTMLInputElement>('pRange');
  const pField = control<HTMLInputElement>('p');
  const seedField = control<HTMLInputElement>('seed');

  const show = (message: string, field: HTMLElement): void => {
    error.hidden = false;
    error.textContent = message;
    field.setAttribute('aria-invalid', 'true');
    root.classList.add('has-error', 'is-stale');
  };

  const update = (): void => {
    for (const f of [pField, seedField]) f.setAttribute('aria-invalid', 'false');
    const p = parseP(pField.value);
    if (!p.ok) return show(p.message, pField);
    const seed = parseSeed(seedField.value);
    if (!seed.ok) return show(seed.message, seedField);
    const samples = parseSamples(control<HTMLSelectElement>('samples').value);
    if (!samples.ok) return show(samples.message, control('samples'));
    error.hidden = true;
    error.textContent = '';
    root.classList.remove('has-error', 'is-stale');
    const r = computeMasks({
      p: p.value,
      seed: seed.value,
      mode: control<HTMLSelectElement>('mode').value as Mode,
      style: control<HTMLSelectElement>('style').value as Style,
      samples: samples.value,
    });
    table.innerHTML = renderTable(r, idBase);
    bars.innerHTML = renderBars(r);
    conv.innerHTML = renderConvergence(r, idBase);
    readout.textContent = describe(r);
  };

  // The slider and the typed field show the same p; the field may hold values the slider cannot (and bad ones).
  pRange.addEventListener('input', () => {
    pField.value = pRange.value;
  });
  pField.addEventListener('input', () => {
    const p = parseP(pField.value);
    if (p.ok) pRange.value = String(Math.min(p.value, Number(pRange.max)));
  });
  resample.addEventListener('click', () => {
    const seed = parseSeed(seedField.value);
    seedField.value = String(seed.ok ? (seed.value + 1) % (MAX_SEED + 1) : 1);
    update();
  });
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  update();
}
