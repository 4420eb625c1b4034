/**
 * DOM glue for DensePlayground.astro: draws the decision regions on a canvas,
 * moves points (mouse, touch, arrow keys), reads the weight fields, and runs
 * gradient descent a few steps per animation frame. The logic is in playground.ts,
 * the words in strings.ts. The Dispose it returns removes the listeners and cancels
 * the training loop's animation frame.
 */
import { paintPixels, required, Scope, widgetMessages, type Dispose } from '../islands/kit';
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
import { densePlaygroundStrings } from './strings';

/** Grid resolution of the canvas regions (= the canvas's width and height in pixels). */
const RES = 100;

/** '#2563eb' → [37, 99, 235]. */
function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1] ?? '80', 16), parseInt(m[2] ?? '80', 16), parseInt(m[3] ?? '80', 16)] : [128, 128, 128];
}

export function mount(root: HTMLElement): Dispose {
  const t = densePlaygroundStrings.en;
  const stage = required<HTMLElement>(root, '[data-stage]');
  const canvas = required<HTMLCanvasElement>(root, '[data-canvas]');
  const svg = required<SVGSVGElement>(root, '[data-svg]');
  const regions = required<SVGGElement>(root, '[data-regions]');
  const pointsLayer = required<SVGGElement>(root, '[data-points]');
  const readout = required<HTMLElement>(root, '[data-readout]');
  const pointText = required<HTMLElement>(root, '[data-point]');
  const trainButton = required<HTMLButtonElement>(root, '[data-action="train"]');
  const stepButton = required<HTMLButtonElement>(root, '[data-action="step"]');
  const resetButton = required<HTMLButtonElement>(root, '[data-action="reset"]');
  const lrInput = required<HTMLInputElement>(root, 'input[name="lr"]');
  const form = required<HTMLFormElement>(root, '[data-form]');
  const fields = [...root.querySelectorAll<HTMLInputElement>('input[data-param]')];
  const messages = widgetMessages(root);
  const scope = new Scope();
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  const start = initialState();
  let state: PlaygroundState = cloneState(start);
  let selected = 0;
  let running = false;
  let frame = 0;
  let lastReadout = 0;
  let lastDraw = 0;
  let inputError = false;

  const colours = (): string[] => {
    const css = getComputedStyle(root);
    return Array.from({ length: CLASSES }, (_, c) => css.getPropertyValue(`--dp-c${c}`).trim() || '#888');
  };

  /** One canvas pixel per grid cell, opaque; CSS scales it up and makes it translucent. */
  const paintRegions = (): boolean => {
    const grid = decisionGrid(state, RES);
    const rgb = colours().map(parseHex);
    return paintPixels(canvas, RES, RES, (p) => rgb[grid[p] ?? 0] ?? [128, 128, 128]);
  };
  // The canvas replaces the static SVG rectangles, where the browser can paint it.
  const canvasWorks = paintRegions();
  if (canvasWorks) {
    regions.replaceChildren();
    canvas.hidden = false;
  }
  const drawRegions = (): void => {
    if (canvasWorks) paintRegions();
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
      readout.textContent = describe(state, e, t);
      lastReadout = now;
      if (!e.finite && !inputError) messages.error(t.overflow(e.loss));
    }
    pointText.textContent = describePoint(state, selected, t);
  };

  const setRunning = (on: boolean): void => {
    running = on;
    trainButton.textContent = on ? t.pause : t.train;
    if (!on && frame) {
      cancelAnimationFrame(frame);
      frame = 0;
    }
  };

  const learningRate = (): number | null => {
    const parsed = parseLearningRate(lrInput.value, t);
    if (!parsed.ok) {
      // A bad weight keeps the picture marked stale.
      messages.error(parsed.message, { field: lrInput, stale: inputError });
      return null;
    }
    lrInput.setAttribute('aria-invalid', 'false');
    return parsed.value;
  };

  /** Runs `count` steps; stops training with the reason when a step refuses. */
  const steps = (count: number, lr: number): boolean => {
    for (let i = 0; i < count; i++) {
      const result = trainStep(state, lr, t);
      if (!result.ok) {
        setRunning(false);
        draw(true);
        messages.error(result.message);
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

  scope.on(trainButton, 'click', () => {
    if (running) {
      setRunning(false);
      draw(true);
      return;
    }
    if (inputError || learningRate() === null) return;
    messages.clear();
    setRunning(true);
    frame = requestAnimationFrame(tick);
  });
  scope.on(stepButton, 'click', () => {
    setRunning(false);
    const lr = learningRate();
    if (lr === null || inputError) return;
    messages.clear();
    steps(1, lr);
    draw(true);
  });
  scope.on(resetButton, 'click', () => {
    setRunning(false);
    state = cloneState(start);
    selected = 0;
    inputError = false;
    messages.clear();
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
      const parsed = parseWeight(f.value, name, t);
      if (!parsed.ok) {
        inputError = true;
        messages.error(parsed.message, { field: f, stale: true });
        return;
      }
      const i = Number(f.dataset['index']);
      if (f.dataset['param'] === 'w') state.w[i] = Math.fround(parsed.value);
      else state.b[i] = Math.fround(parsed.value);
    }
    inputError = false;
    messages.clear();
    draw(true);
  };
  for (const f of fields) scope.on(f, 'input', readWeights);
  scope.on(lrInput, 'input', () => {
    if (learningRate() !== null && !inputError) messages.clear();
  });
  scope.on(form, 'submit', (event) => event.preventDefault());

  // Points: drag with a pointer, or select and move with the keyboard.
  const toData = (event: PointerEvent): [number, number] => {
    const rect = svg.getBoundingClientRect();
    const [x, y] = fromSvg(((event.clientX - rect.left) / rect.width) * SIZE, ((event.clientY - rect.top) / rect.height) * SIZE);
    return [clampCoord(x), clampCoord(y)];
  };
  let dragging = false;
  scope.on(svg, 'pointerdown', (event) => {
    const target = event.target instanceof Element ? event.target.closest<SVGElement>('[data-i]') : null;
    if (!target) return;
    event.preventDefault();
    selected = Number(target.dataset['i']);
    dragging = true;
    svg.setPointerCapture(event.pointerId);
    stage.focus({ preventScroll: true });
    draw(true);
  });
  scope.on(svg, 'pointermove', (event) => {
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
  scope.on(svg, 'pointerup', endDrag);
  scope.on(svg, 'pointercancel', endDrag);

  scope.on(stage, 'keydown', (event) => {
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

  // The stage, in the shell's controls, is described by the selected point's line, in
  // its body: only the body knows the id base, so the link is made here.
  stage.setAttribute('aria-describedby', pointText.id);
  scope.add(() => stage.removeAttribute('aria-describedby'));
  for (const b of [trainButton, stepButton, resetButton]) b.disabled = false;
  draw(true);
  // Stops the training loop (its pending animation frame) before the listeners go.
  scope.add(() => setRunning(false));
  return scope.dispose;
}
