/**
 * DOM glue for CamViewer.astro: read the two choices, run the network (src/lib/cam.ts
 * through ./cam-viewer.ts), draw the digit and the upsampled map over it, and
 * re-render the tables and the text. The model file is bundled with this chunk,
 * so nothing else is fetched.
 */
import model from '../../../content/figures/gap-model.json';
import { upsampleBilinear } from '../../lib/cam';
import { required } from '../islands/kit';
import { computeView, describeView, heatColour, loadCamData, normalise, parseChoice, renderMapTable, renderProbTable, type CamData, type CamView } from './cam-viewer';

/** The upsampled map is drawn at this many pixels per side, then scaled to the canvas. */
const OVERLAY = 112;

function drawDigit(canvas: HTMLCanvasElement, data: CamData, index: number, overlay: CamView | null): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const n = data.size;
  const area = n * n;
  const pixels = data.images.subarray(index * area, (index + 1) * area);
  const res = overlay ? OVERLAY : n;
  const image = ctx.createImageData(res, res);
  const up = overlay ? upsampleBilinear(overlay.map, overlay.height, overlay.width, res, res) : null;
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      const grey = pixels[Math.floor((i * n) / res) * n + Math.floor((j * n) / res)] ?? 0;
      const o = (i * res + j) * 4;
      let rgb: [number, number, number] = [grey, grey, grey];
      if (up && overlay) {
        // Half map colour, half digit: the strokes stay visible under the heat.
        const heat = heatColour(normalise(up[i * res + j] ?? 0, overlay.min, overlay.peak.value));
        rgb = [0, 1, 2].map((k) => Math.round(0.6 * (heat[k] ?? 0) + 0.4 * grey)) as [number, number, number];
      }
      image.data[o] = rgb[0];
      image.data[o + 1] = rgb[1];
      image.data[o + 2] = rgb[2];
      image.data[o + 3] = 255;
    }
  }
  // Draw at the native resolution on a scratch canvas, then scale up to the visible one.
  const scratch = document.createElement('canvas');
  scratch.width = res;
  scratch.height = res;
  scratch.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = !!overlay;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(scratch, 0, 0, canvas.width, canvas.height);
}

export function mount(root: HTMLElement): void {
  const form = required<HTMLFormElement>(root, 'form');
  const error = required<HTMLElement>(root, '[data-error]');
  const pictures = required<HTMLElement>(root, '[data-pictures]');
  const digitCanvas = required<HTMLCanvasElement>(root, '[data-digit-canvas]');
  const overlayCanvas = required<HTMLCanvasElement>(root, '[data-overlay-canvas]');
  const overlayTitle = required<HTMLElement>(root, '[data-overlay-title]');
  const mapBox = required<HTMLElement>(root, '[data-map]');
  const probsBox = required<HTMLElement>(root, '[data-probs]');
  const readout = required<HTMLElement>(root, '[data-readout]');
  const idBase = root.dataset['idBase'] ?? 'cam-viewer';
  const digitSelect = required<HTMLSelectElement>(form, 'select[name="digit"]');
  const classSelect = required<HTMLSelectElement>(form, 'select[name="class"]');

  const fail = (message: string): void => {
    error.hidden = false;
    error.textContent = message;
    root.classList.add('has-error', 'is-stale');
  };

  const loaded = loadCamData(model);
  if (!loaded.ok) return fail(loaded.message);
  const data = loaded.value;

  const update = (): void => {
    const index = Number(digitSelect.value);
    const outcome = computeView(data, index, parseChoice(classSelect.value));
    if (!outcome.ok) return fail(outcome.message);
    error.hidden = true;
    error.textContent = '';
    root.classList.remove('has-error', 'is-stale');
    const view = outcome.value;
    mapBox.innerHTML = renderMapTable(view, idBase);
    probsBox.innerHTML = renderProbTable(view, idBase);
    readout.textContent = describeView(view, data.count);
    overlayTitle.textContent = `Map of class ${view.cls}, upsampled over the digit`;
    pictures.hidden = false;
    drawDigit(digitCanvas, data, index, null);
    drawDigit(overlayCanvas, data, index, view);
    root.dataset['shown'] = `${index}:${view.cls}`;
  };

  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  update();
}
