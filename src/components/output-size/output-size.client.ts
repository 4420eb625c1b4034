/** DOM glue for OutputSize.astro: read the five fields, show the size or a specific message. */
import { required, requiredField, Scope, widgetMessages, type Dispose } from '../islands/kit';
import { computeOutcome, fields, parseField, type ConvSettings } from './output-size';

export function mount(root: HTMLElement): Dispose {
  const form = required<HTMLFormElement>(root, 'form');
  const formula = required<HTMLElement>(root, '[data-formula]');
  const messages = widgetMessages(root);
  const scope = new Scope();

  const update = (): void => {
    messages.clear();
    const settings: Partial<ConvSettings> = {};
    for (const name of fields) {
      const input = requiredField(form, name);
      const parsed = parseField(name, input.value);
      if (!parsed.ok) return messages.error(parsed.message, { field: input });
      settings[name] = parsed.value;
    }
    const outcome = computeOutcome(settings as ConvSettings);
    if (!outcome.ok) return messages.error(outcome.message);
    formula.textContent = outcome.formula;
  };

  scope.on(form, 'input', update);
  scope.on(form, 'submit', (event) => event.preventDefault());
  update();
  return scope.dispose;
}
