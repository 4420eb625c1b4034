/** DOM glue for ConvExplorer.astro: read the controls, run the convolution, draw, explain. */
import {
  K,
  SIDE,
  compute,
  defaultCell,
  defaultDigit,
  describeCell,
  describeMap,
  moveCell,
  parseKernelCell,
  parseSetting,
  presets,
  settingLabels,
  type PresetName,
  type Result,
  type SettingName,
  type Settings,
} from './conv-explorer';
import { inputSvgContent, inputViewBox, outputSvgContent, outputViewBox } from './render';

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function mount(root: HTMLElement): void {
  const form = root.querySelector('form');
  const formula = root.querySelector<HTMLElement>('[data-formula]');
  const error = root.querySelector<HTMLElement>('[data-error]');
  const inputSvg = root.querySelector<SVGSVGElement>('[data-input]');
  const outputSvg = root.querySelector<SVGSVGElement>('[data-output]');
  const outputBox = root.querySelector<HTMLElement>('[data-output-box]');
  const sizeText = root.querySelector<HTMLElement>('[data-size]');
  const scaleText = root.querySelector<HTMLElement>('[data-scale]');
  const readout = root.querySelector<HTMLElement>('[data-readout]');
  if (!form || !formula || !error || !inputSvg || !outputSvg || !outputBox || !sizeText || !scaleText || !readout) return;

  const all = decode(root.dataset['digits'] ?? '');
  const cellInputs = Array.from({ length: K * K }, (_, i) => form.elements.namedItem(`w${i}`) as HTMLInputElement);
  const digitSelect = form.elements.namedItem('digit') as HTMLSelectElement;
  const presetButtons = [...root.querySelectorAll<HTMLButtonElement>('[data-preset]')];

  let pixels = all.subarray(defaultDigit * SIDE * SIDE, (defaultDigit + 1) * SIDE * SIDE);
  let settings: Settings | null = null;
  let result: Result | null = null;
  let cell: [number, number] = [...defaultCell];

  const showError = (message: string): void => {
    error.hidden = false;
    error.textContent = message;
    root.classList.add('has-error');
  };

  const draw = (): void => {
    if (!settings || !result) return;
    inputSvg.setAttribute('viewBox', inputViewBox(settings));
    inputSvg.innerHTML = inputSvgContent(pixels, settings, cell);
    outputSvg.setAttribute('viewBox', outputViewBox(result));
    outputSvg.innerHTML = outputSvgContent(result, cell);
    readout.textContent = describeCell(pixels, settings, result, cell[0], cell[1]);
  };

  /** Reads every control; on success recomputes and redraws, otherwise explains. */
  const update = (): void => {
    const kernel: number[] = [];
    let firstProblem: string | null = null;
    cellInputs.forEach((input, i) => {
      const parsed = parseKernelCell(i, input.value);
      input.setAttribute('aria-invalid', String(!parsed.ok));
      if (parsed.ok) kernel.push(parsed.value);
      else firstProblem ??= parsed.message;
    });
    const values: Partial<Record<SettingName, number>> = {};
    for (const name of Object.keys(settingLabels) as SettingName[]) {
      const input = form.elements.namedItem(name) as HTMLInputElement;
      const parsed = parseSetting(name, input.value);
      input.setAttribute('aria-invalid', String(!parsed.ok));
      if (parsed.ok) values[name] = parsed.value;
      else firstProblem ??= parsed.message;
    }
    for (const button of presetButtons) {
      const preset = presets[button.dataset['preset'] as PresetName];
      const same = preset.text.every((t, i) => cellInputs[i]?.value.trim() === t);
      button.setAttribute('aria-pressed', String(same));
    }
    if (firstProblem !== null) return showError(firstProblem);
    const next: Settings = { kernel, stride: values.stride ?? 1, padding: values.padding ?? 0, dilation: values.dilation ?? 1 };
    const outcome = compute(pixels, next);
    formula.textContent = outcome.formula;
    if (!outcome.ok) {
      sizeText.textContent = '(none)';
      return showError(outcome.message);
    }
    settings = next;
    result = outcome;
    cell = [Math.min(cell[0], outcome.size - 1), Math.min(cell[1], outcome.size - 1)];
    error.hidden = true;
    error.textContent = '';
    root.classList.remove('has-error');
    sizeText.textContent = `${outcome.size}×${outcome.size}`;
    scaleText.textContent = describeMap(outcome);
    draw();
  };

  for (const button of presetButtons) {
    button.addEventListener('click', () => {
      const preset = presets[button.dataset['preset'] as PresetName];
      cellInputs.forEach((input, i) => (input.value = preset.text[i] ?? '0'));
      update();
    });
  }
  digitSelect.addEventListener('change', () => {
    const d = Number(digitSelect.value);
    pixels = all.subarray(d * SIDE * SIDE, (d + 1) * SIDE * SIDE);
    update();
  });
  form.addEventListener('input', (event) => {
    if (event.target !== digitSelect) update();
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  outputBox.addEventListener('keydown', (event) => {
    if (!result || root.classList.contains('has-error')) return;
    if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(event.key)) return;
    event.preventDefault();
    cell = moveCell(cell, event.key, result.size);
    draw();
  });
  const pick = (event: PointerEvent): void => {
    if (!result || root.classList.contains('has-error')) return;
    const box = outputSvg.getBoundingClientRect();
    const j = Math.floor(((event.clientX - box.left) / box.width) * result.size);
    const i = Math.floor(((event.clientY - box.top) / box.height) * result.size);
    if (i < 0 || j < 0 || i >= result.size || j >= result.size || (i === cell[0] && j === cell[1])) return;
    cell = [i, j];
    draw();
  };
  outputBox.addEventListener('pointerdown', (event) => {
    pick(event);
    outputBox.focus();
  });
  outputBox.addEventListener('pointermove', (event) => {
    if (event.buttons === 1 || event.pointerType === 'mouse') pick(event);
  });

  update();
}
