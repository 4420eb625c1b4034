/**
 * DOM glue for DensePlayground.astro: draws the decision regions on a canvas,
 * moves points (mouse, touch, arrow keys), reads the weight fields, and runs
 * gradient descent a few steps per animation frame. The logic is in playground.ts.
 */
import { required } from '../islands/kit';
import {
  CLASSES,
  SIZE,
  STEPS_PER_FRAME,
  clampCoord,
  cloneState,
  decisionGrid,
  describe,
  describePoint,
  evaluate,
  formatWeight,
  fromSvg,
  initialState,
  keyMove,
  movePoint,
  parseLearningRate,
  parseWeight,
  pointsSvg,
  trainStep,
  type PlaygroundState,
} from './playground';

/** Grid resolution of the canvas regions (= the canvas's width and height in pixels). */
const RES = 100;

/** '#2563eb' → [37, 99, 235]. */
function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1] ?? '80', 16), parseInt(m[2] ?? '80', 16), parseInt(m[3] ?? '80', 16)] : [128, 128, 128];
}

export function mount(root: HTMLElement): void {
  const stage = required<HTMLElement>(root, '[data-stage]');
  const canvas = required<HTMLCanvasElement>(root, '[data-canvas]');
  const svg = required<SVGSVGElement>(root, '[data-svg]');
  const regions = required<SVGGElement>(root, '[data-regions]');
  const pointsLayer = required<SVGGElement>(root, '[data-points]');
  const error = required<HTMLElement>(root, '[data-error]');
  const readout = required<HTMLElement>(root, '[data-readout]');
  const pointText = required<HTMLElement>(root, '[data-point]');
  const trainButton = required<HTMLButtonElement>(root, '[data-action="train"]');
  const stepButton = required<HTMLButtonElement>(root, '[data-action="step"]');
  const resetButton = required<HTMLButtonElement>(root, '[data-action="reset"]');
  const lrInput = required<HTMLInputElement>(root, 'input[name="lr"]');
  const form = required<HTMLFormElement>(root, '[data-form]');
  const fields = [...root.querySelectorAll<HTMLInputElement>('input[data-param]')];
  const ctx = canvas.getContext('2d');
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  const start = initialState();
  let state: PlaygroundState = cloneState(start);
  let selected = 0;
  let running = false;
  let frame = 0;
  let lastReadout = 0;
  let lastDraw = 0;
  let inputError = false;

  // The canvas replaces the static SVG rectangles.
  if (ctx) {
    regions.replaceChildren();
    canvas.hidden = false;
  }

  const colours = (): string[] => {
    const css = getComputedStyle(root);
    return Array.from({ length: CLASSES }, (_, c) => css.getPropertyValue(`--dp-c${c}`).trim() || '#888');
  };

  /** One canvas pixel per grid cell, opaque; CSS scales it up and makes it translucent. */
  const image = ctx ? ctx.createImageData(RES, RES) : null;
  const drawRegions = (): void => {
    if (!ctx || !image) return;
    const grid = decisionGrid(state, RES);
    const rgb = colours().map(parseHex);
    for (let i = 0; i < RES * RES; i++) {
      const [r, g, b] = rgb[grid[i] ?? 0] ?? [128, 128, 128];
      image.data.set([r, g, b, 255], 4 * i);
    }
    ctx.putImageData(image, 0, 0);
  };

  const showError = (message: string, field: HTMLInputElement | null): void => {
    error.hidden = false;
    error.textContent = message;
    root.classList.add('has-error');
    field?.setAttribute('aria-invalid', 'true');
  };
  const clearError = (): void => {
    error.hidden = true;
    error.textContent = '';
    root.classList.remove('has-error', 'is-stale');
    for (const f of [...fields, lrInput]) f.setAttribute('aria-invalid', 'false');
  };

  /** Redraws everything; `announce` also refreshes the live readout now. */
  const draw = (announce: boolean): void => {
    drawRegions();
    pointsLayer.innerHTML = pointsSvg(state, selected);
    for (const f of fields) {
      if (f === document.activeElement) continue;
      const v = f.dataset['param'] === 'w' ? state.w[Number(f.dataset['index'])] : state.b[Number(f.dataset['index'])];
      f.value = formatWeight(v ?? 0);
    }
    const now = performance.now();
    if (announce || now - lastReadout > 250) {
      const e = evaluate(state);
      readout.textContent = describe(state, e);
      lastReadout = now;
      if (!e.finite && !inputError) {
        showError(
          `With these weights the logits overflow float32 and the loss is ${e.loss}: make the weights smaller or press Reset.`,
          null,
        );
      }
    }
    pointText.textContent = describePoint(state, selected);
  };

  const setRunning = (on: boolean): void => {
    running = on;
    trainButton.textContent = on ? 'Pause' : 'Train';
    if (!on && frame) {
      cancelAnimationFrame(frame);
      frame = 0;
    }
  };

  const learningRate = (): number | null => {
    const parsed = parseLearningRate(lrInput.value);
    if (!parsed.ok) {
      showError(parsed.message, lrInput);
      return null;
    }
    lrInput.setAttribute('aria-invalid', 'false');
    return parsed.value;
  };

  /** Runs `count` steps; stops training with the reason when a step refuses. */
  const steps = (count: number, lr: number): boolean => {
    for (let i = 0; i < count; i++) {
      const result = trainStep(state, lr);
      if (!result.ok) {
        setRunning(false);
        draw(true);
        showError(result.message, null);
        return false;
      }
    }
    return true;
  };

  const tick = (): void => {
    frame = 0;
    if (!running) return;
    const lr = learningRate();
    if (lr === null) return setRunning(false);
    if (!steps(STEPS_PER_FRAME, lr)) return;
    const now = performance.now();
    // With reduced motion the picture changes at most twice a second.
    if (!reducedMotion || now - lastDraw > 500) {
      draw(false);
      lastDraw = now;
    }
    frame = requestAnimationFrame(tick);
  };

  trainButton.addEventListener('click', () => {
    if (running) {
      setRunning(false);
      draw(true);
      return;
    }
    if (inputError || learningRate() === null) return;
    clearError();
    setRunning(true);
    frame = requestAnimationFrame(tick);
  });
  stepButton.addEventListener('click', () => {
    setRunning(false);
    const lr = learningRate();
    if (lr === null || inputError) return;
    clearError();
    steps(1, lr);
    draw(true);
  });
  resetButton.addEventListener('click', () => {
    setRunning(false);
    state = cloneState(start);
    selected = 0;
    inputError = false;
    clearError();
    for (const f of fields)
      f.value = formatWeight(
        f.dataset['param'] === 'w' ? (state.w[Number(f.dataset['index'])] ?? 0) : (state.b[Number(f.dataset['index'])] ?? 0),
      );
    draw(true);
  });

  // Weight fields: every edit is parsed; the first bad field is named in the message.
  const readWeights = (): void => {
    setRunning(false);
    for (const f of fields) f.setAttribute('aria-invalid', 'false');
    for (const f of fields) {
      const name = f.dataset['name'] ?? f.name;
      const parsed = parseWeight(f.value, name);
      if (!parsed.ok) {
        inputError = true;
        root.classList.add('is-stale');
        showError(parsed.message, f);
        return;
      }
      const i = Number(f.dataset['index']);
      if (f.dataset['param'] === 'w') state.w[i] = Math.fround(parsed.value);
      else state.b[i] = Math.fround(parsed.value);
    }
    inputError = false;
    clearError();
    draw(true);
  };
  for (const f of fields) f.addEventListener('input', readWeights);
  lrInput.addEventListener('input', () => {
    if (learningRate() !== null && !inputError) clearError();
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  // Points: drag with a pointer, or select and move with the keyboard.
  const toData = (event: PointerEvent): [number, number] => {
    const rect = svg.getBoundingClientRect();
    const [x, y] = fromSvg(((event.clientX - rect.left) / rect.width) * SIZE, ((event.clientY - rect.top) / rect.height) * SIZE);
    return [clampCoord(x), clampCoord(y)];
  };
  let dragging = false;
  svg.addEventListener('pointerdown', (event) => {
    const target = event.target instanceof Element ? event.target.closest<SVGElement>('[data-i]') : null;
    if (!target) return;
    event.preventDefault();
    selected = Number(target.dataset['i']);
    dragging = true;
    svg.setPointerCapture(event.pointerId);
    stage.focus({ preventScroll: true });
    draw(true);
  });
  svg.addEventListener('pointermove', (event) => {
    if (!dragging) return;
    const p = state.points[selected];
    if (!p) return;
    const [x, y] = toData(event);
    p.x = x;
    p.y = y;
    draw(false);
  });
  const endDrag = (): void => {
    if (!dragging) return;
    dragging = false;
    draw(true);
  };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);

  stage.addEventListener('keydown', (event) => {
    const n = state.points.length;
    const move = keyMove(event.key, event.shiftKey);
    if (move) {
      movePoint(state, selected, move[0], move[1]);
    } else if (event.key === 'n' || event.key === 'N' || event.key === 'PageDown') {
      selected = (selected + 1) % n;
    } else if (event.key === 'p' || event.key === 'P' || event.key === 'PageUp') {
      selected = (selected + n - 1) % n;
    } else if (event.key === 'Home') {
      selected = 0;
    } else if (event.key === 'End') {
      selected = n - 1;
    } else {
      return;
    }
    event.preventDefault();
    draw(true);
  });

  for (const b of [trainButton, stepButton, resetButton]) b.disabled = false;
  draw(true);
}
