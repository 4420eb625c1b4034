/** DOM glue for DropoutMasks.astro: read the controls, draw the masks, keep the slider and the p field in step. */
import { required, requiredField, Scope, widgetMessages, type Dispose, widgetIdBase } from '../islands/kit';
import {
  computeMasks,
  describe,
  MAX_SEED,
  parseP,
  parseSamples,
  parseSeed,
  renderBars,
  renderConvergence,
  renderTable,
  type Mode,
  type Style,
} from './dropout-masks';
import { dropoutMasksStrings } from './strings';

export function mount(root: HTMLElement): Dispose {
  const t = dropoutMasksStrings.en;
  const form = required<HTMLFormElement>(root, 'form');
  const table = required<HTMLElement>(root, '[data-table]');
  const bars = required<HTMLElement>(root, '[data-bars]');
  const conv = required<HTMLElement>(root, '[data-conv]');
  const readout = required<HTMLElement>(root, '[data-readout]');
  const resample = required<HTMLButtonElement>(root, '[data-resample]');
  const idBase = widgetIdBase(root);
  const pRange = requiredField(form, 'pRange');
  const pField = requiredField(form, 'p');
  const seedField = requiredField(form, 'seed');
  const modeField = requiredField<HTMLSelectElement>(form, 'mode');
  const styleField = requiredField<HTMLSelectElement>(form, 'style');
  const samplesField = requiredField<HTMLSelectElement>(form, 'samples');
  const messages = widgetMessages(root);
  const scope = new Scope();

  const update = (): void => {
    for (const f of [pField, seedField]) f.setAttribute('aria-invalid', 'false');
    const p = parseP(pField.value, t);
    if (!p.ok) return messages.error(p.message, { field: pField, stale: true });
    const seed = parseSeed(seedField.value, t);
    if (!seed.ok) return messages.error(seed.message, { field: seedField, stale: true });
    const samples = parseSamples(samplesField.value, t);
    if (!samples.ok) return messages.error(samples.message, { field: samplesField, stale: true });
    messages.clear();
    const r = computeMasks({
      p: p.value,
      seed: seed.value,
      mode: modeField.value as Mode,
      style: styleField.value as Style,
      samples: samples.value,
    });
    table.innerHTML = renderTable(r, idBase, t);
    bars.innerHTML = renderBars(r);
    conv.innerHTML = renderConvergence(r, idBase, t);
    readout.textContent = describe(r, t);
  };

  // The slider and the typed field show the same p; the field may hold values the slider cannot (and bad ones).
  scope.on(pRange, 'input', () => {
    pField.value = pRange.value;
  });
  scope.on(pField, 'input', () => {
    const p = parseP(pField.value, t);
    if (p.ok) pRange.value = String(Math.min(p.value, Number(pRange.max)));
  });
  scope.on(resample, 'click', () => {
    const seed = parseSeed(seedField.value, t);
    seedField.value = String(seed.ok ? (seed.value + 1) % (MAX_SEED + 1) : 1);
    update();
  });
  scope.on(form, 'input', update);
  scope.on(form, 'change', update);
  scope.on(form, 'submit', (event) => event.preventDefault());
  update();
  return scope.dispose;
}
