/**
 * DOM glue for CamViewer.astro: read the two choices, run the network (src/lib/cam.ts
 * through ./cam-viewer.ts), draw the digit and the upsampled map over it, and
 * re-render the tables and the text. The model file is bundled with this chunk,
 * so nothing else is fetched. The words are in strings.ts.
 */
import model from '../../../content/figures/gap-model.json';
import { upsampleBilinear } from '../../lib/cam';
import { paintPixels, required, requiredField, Scope, widgetMessages, type Dispose, type Pixel, widgetIdBase } from '../islands/kit';
import {
  computeView,
  describeView,
  heatColour,
  loadCamData,
  normalise,
  parseChoice,
  renderMapTable,
  renderProbTable,
  type CamData,
  type CamView,
} from './cam-viewer';
import { camViewerStrings } from './strings';

/** The upsampled map is drawn at this many pixels per side, then scaled to the canvas. */
const OVERLAY = 112;

/**
 * Draws digit `index` at its own resolution, or, with `overlay`, at OVERLAY pixels a
 * side under the upsampled map (smoothed); either way scaled to the canvas.
 */
function drawDigit(canvas: HTMLCanvasElement, data: CamData, index: number, overlay: CamView | null): void {
  const n = data.size;
  const area = n * n;
  const pixels = data.images.subarray(index * area, (index + 1) * area);
  const res = overlay ? OVERLAY : n;
  const up = overlay ? upsampleBilinear(overlay.map, overlay.height, overlay.width, res, res) : null;
  const colourAt = (p: number): Pixel => {
    const i = Math.floor(p / res);
    const j = p % res;
    const grey = pixels[Math.floor((i * n) / res) * n + Math.floor((j * n) / res)] ?? 0;
    if (!up || !overlay) return grey;
    // Half map colour, half digit: the strokes stay visible under the heat.
    const heat = heatColour(normalise(up[p] ?? 0, overlay.min, overlay.peak.value));
    return [0, 1, 2].map((k) => Math.round(0.6 * (heat[k] ?? 0) + 0.4 * grey)) as [number, number, number];
  };
  paintPixels(canvas, res, res, colourAt, { fit: true, smooth: overlay !== null });
}

export function mount(root: HTMLElement): Dispose {
  const t = camViewerStrings.en;
  const form = required<HTMLFormElement>(root, 'form');
  const pictures = required<HTMLElement>(root, '[data-pictures]');
  const digitCanvas = required<HTMLCanvasElement>(root, '[data-digit-canvas]');
  const overlayCanvas = required<HTMLCanvasElement>(root, '[data-overlay-canvas]');
  const overlayTitle = required<HTMLElement>(root, '[data-overlay-title]');
  const mapBox = required<HTMLElement>(root, '[data-map]');
  const probsBox = required<HTMLElement>(root, '[data-probs]');
  const readout = required<HTMLElement>(root, '[data-readout]');
  const idBase = widgetIdBase(root);
  const digitSelect = requiredField<HTMLSelectElement>(form, 'digit');
  const classSelect = requiredField<HTMLSelectElement>(form, 'class');
  const messages = widgetMessages(root);
  const scope = new Scope();

  const loaded = loadCamData(model, t);
  if (!loaded.ok) {
    messages.error(loaded.message, { stale: true });
    return scope.dispose;
  }
  const data = loaded.value;

  const update = (): void => {
    const index = Number(digitSelect.value);
    const outcome = computeView(data, index, parseChoice(classSelect.value), t);
    if (!outcome.ok) return messages.error(outcome.message, { stale: true });
    messages.clear();
    const view = outcome.value;
    mapBox.innerHTML = renderMapTable(view, idBase, t);
    probsBox.innerHTML = renderProbTable(view, idBase, t);
    readout.textContent = describeView(view, data.count, t);
    overlayTitle.textContent = t.overlayTitle(view.cls);
    pictures.hidden = false;
    drawDigit(digitCanvas, data, index, null);
    drawDigit(overlayCanvas, data, index, view);
    root.dataset['shown'] = `${index}:${view.cls}`;
  };

  scope.on(form, 'change', update);
  scope.on(form, 'submit', (event) => event.preventDefault());
  update();
  return scope.dispose;
}
