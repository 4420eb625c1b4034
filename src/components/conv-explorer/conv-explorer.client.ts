/** DOM glue for ConvExplorer.astro: read the controls, run the convolution, draw, explain. */
import { stringsFor } from '../islands/i18n';
import { localeOf, required, requiredField, Scope, widgetMessages, type Dispose } from '../islands/kit';
import {
  K,
  SIDE,
  compute,
  defaultCell,
  describeCell,
  describeMap,
  moveCell,
  parseKernelCell,
  parseSetting,
  presets,
  settingNames,
  type PresetName,
  type Result,
  type SettingName,
  type Settings,
} from './conv-explorer';
import { inputSvgContent, inputViewBox, outputSvgContent, outputViewBox } from './render';
import { convExplorerStrings } from './strings';

const MOVE_KEYS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'];

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function mount(root: HTMLElement): Dispose {
  const form = required<HTMLFormElement>(root, 'form');
  const formula = required<HTMLElement>(root, '[data-formula]');
  const inputSvg = required<SVGSVGElement>(root, '[data-input]');
  const outputSvg = required<SVGSVGElement>(root, '[data-output]');
  const outputBox = required<HTMLElement>(root, '[data-output-box]');
  const sizeText = required<HTMLElement>(root, '[data-size]');
  const scaleText = required<HTMLElement>(root, '[data-scale]');
  const readout = required<HTMLElement>(root, '[data-readout]');
  const digits = root.dataset['digits'];
  if (!digits) throw new Error('widget markup is missing data-digits');
  const cellInputs = Array.from({ length: K * K }, (_, i) => requiredField(form, `w${i}`));
  const settingInputs = settingNames.map((name) => requiredField(form, name));
  const digitSelect = requiredField<HTMLSelectElement>(form, 'digit');
  const presetButtons = [...root.querySelectorAll<HTMLButtonElement>('[data-preset]')];
  const t = stringsFor(convExplorerStrings, localeOf(root));
  const messages = widgetMessages(root);
  const scope = new Scope();

  const all = decode(digits);
  const digitPixels = (): Uint8Array => {
    const d = Number(digitSelect.value);
    return all.subarray(d * SIDE * SIDE, (d + 1) * SIDE * SIDE);
  };
  // The digit and the cell drawn in the markup (the build's, or the last ones before a remount).
  let pixels = digitPixels();
  const drawn = outputSvg.querySelector('.cx-cell');
  let cell: [number, number] = drawn ? [Number(drawn.getAttribute('y')), Number(drawn.getAttribute('x'))] : [...defaultCell];
  let settings: Settings | null = null;
  let result: Result | null = null;

  const draw = (): void => {
    if (!settings || !result) return;
    inputSvg.setAttribute('viewBox', inputViewBox(settings));
    inputSvg.innerHTML = inputSvgContent(pixels, settings, cell);
    outputSvg.setAttribute('viewBox', outputViewBox(result));
    outputSvg.innerHTML = outputSvgContent(result, cell);
    readout.textContent = describeCell(pixels, settings, result, cell[0], cell[1], t);
  };

  /** Reads every control; on success recomputes and redraws, otherwise explains. */
  const update = (): void => {
    messages.clear();
    const kernel: number[] = [];
    let firstProblem: string | null = null;
    // Every field that is wrong is marked; the message is the first one's.
    const check = (input: HTMLInputElement, parsed: ReturnType<typeof parseSetting>): number | null => {
      if (parsed.ok) return parsed.value;
      input.setAttribute('aria-invalid', 'true');
      firstProblem ??= parsed.message;
      return null;
    };
    cellInputs.forEach((input, i) => {
      const value = check(input, parseKernelCell(i, input.value, t));
      if (value !== null) kernel.push(value);
    });
    const values: Partial<Record<SettingName, number>> = {};
    settingNames.forEach((name, i) => {
      const input = settingInputs[i];
      const value = input ? check(input, parseSetting(name, input.value, t)) : null;
      if (value !== null) values[name] = value;
    });
    for (const button of presetButtons) {
      const preset = presets[button.dataset['preset'] as PresetName];
      const same = preset.text.every((text, i) => cellInputs[i]?.value.trim() === text);
      button.setAttribute('aria-pressed', String(same));
    }
    if (firstProblem !== null) return messages.error(firstProblem, { stale: true });
    const next: Settings = { kernel, stride: values.stride ?? 1, padding: values.padding ?? 0, dilation: values.dilation ?? 1 };
    const outcome = compute(pixels, next, t);
    formula.textContent = outcome.formula;
    if (!outcome.ok) {
      sizeText.textContent = t.noSize;
      return messages.error(outcome.message, { stale: true });
    }
    settings = next;
    result = outcome;
    cell = [Math.min(cell[0], outcome.size - 1), Math.min(cell[1], outcome.size - 1)];
    sizeText.textContent = `${outcome.size}×${outcome.size}`;
    scaleText.textContent = describeMap(outcome, t);
    draw();
  };

  for (const button of presetButtons) {
    scope.on(button, 'click', () => {
      const preset = presets[button.dataset['preset'] as PresetName];
      cellInputs.forEach((input, i) => (input.value = preset.text[i] ?? '0'));
      update();
    });
  }
  scope.on(digitSelect, 'change', () => {
    pixels = digitPixels();
    update();
  });
  scope.on(form, 'input', (event) => {
    if (event.target !== digitSelect) update();
  });
  scope.on(form, 'submit', (event) => event.preventDefault());

  scope.on(outputBox, 'keydown', (event) => {
    if (!result || messages.hasError || !MOVE_KEYS.includes(event.key)) return;
    event.preventDefault();
    cell = moveCell(cell, event.key, result.size);
    draw();
  });
  const pick = (event: PointerEvent): void => {
    if (!result || messages.hasError) return;
    const box = outputSvg.getBoundingClientRect();
    const j = Math.floor(((event.clientX - box.left) / box.width) * result.size);
    const i = Math.floor(((event.clientY - box.top) / box.height) * result.size);
    if (i < 0 || j < 0 || i >= result.size || j >= result.size || (i === cell[0] && j === cell[1])) return;
    cell = [i, j];
    draw();
  };
  scope.on(outputBox, 'pointerdown', (event) => {
    pick(event);
    outputBox.focus();
  });
  scope.on(outputBox, 'pointermove', (event) => {
    if (event.buttons === 1 || event.pointerType === 'mouse') pick(event);
  });

  update();
  return scope.dispose;
}
