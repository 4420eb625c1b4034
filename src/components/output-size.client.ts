/** DOM glue for OutputSize.astro: read the five fields, show the size or a specific message. */
import { computeOutcome, fieldLabels, parseField, type ConvSettings } from './output-size';

export function mount(root: HTMLElement): void {
  const form = root.querySelector('form');
  const formula = root.querySelector<HTMLElement>('[data-formula]');
  const error = root.querySelector<HTMLElement>('[data-error]');
  if (!form || !formula || !error) return;

  const update = (): void => {
    const settings: Partial<ConvSettings> = {};
    for (const name of Object.keys(fieldLabels) as (keyof ConvSettings)[]) {
      const input = form.elements.namedItem(name) as HTMLInputElement | null;
      const parsed = parseField(name, input?.value ?? '');
      input?.setAttribute('aria-invalid', String(!parsed.ok));
      if (!parsed.ok) return show(parsed.message);
      settings[name] = parsed.value;
    }
    const outcome = computeOutcome(settings as ConvSettings);
    if (!outcome.ok) return show(outcome.message);
    error.hidden = true;
    error.textContent = '';
    formula.textContent = outcome.formula;
    root.classList.remove('has-error');
  };

  const show = (message: string): void => {
    error.hidden = false;
    error.textContent = message;
    root.classList.add('has-error');
  };

  form.addEventListener('input', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  update();
}
