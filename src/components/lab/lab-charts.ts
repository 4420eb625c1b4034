/**
 * The Lab's two Chart.js charts — loss (every mini-batch, and per epoch) and
 * accuracy (per epoch) — coloured from Starlight's theme variables so they follow
 * light and dark mode. Animation is off: points arrive live, and
 * `prefers-reduced-motion` readers get no motion either way.
 *
 * Keeping the page responsive while the worker trains (issue: no main-thread task over
 * 50 ms): a chart is redrawn only when its data changed, at most ten times a second
 * (a Chart.js update of one chart costs 20–40 ms on a slow laptop, whatever the number
 * of points), one chart per frame; and the two charts are created in separate tasks.
 */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartDataset } from 'chart.js';
import type { EpochEvent, StepEvent } from '../../train/messages';
import { chartTheme } from '../charts/theme';
import { required } from '../islands/kit';
import { labStrings, type LabStrings } from './strings';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/** The shortest time between two redraws of a chart. */
const REDRAW_INTERVAL_MS = 100;

/** Lets the browser run other tasks (input, painting) before going on. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface LabCharts {
  addStep(s: StepEvent): void;
  addEpoch(e: EpochEvent): void;
  clear(): void;
  /** Both charts on one white-backed PNG with a caption line, as a data: URL. */
  toPng(caption: string): string;
  /** Cancels pending redraws and frees both charts (their boxes say again what they will hold). */
  destroy(): void;
}

type Point = { x: number; y: number };

export async function createCharts(root: HTMLElement, t: LabStrings = labStrings.en): Promise<LabCharts> {
  const words = t.charts;
  const lossCanvas = required<HTMLCanvasElement>(root, '[data-loss-chart]');
  const accCanvas = required<HTMLCanvasElement>(root, '[data-acc-chart]');
  const notes = [...root.querySelectorAll<HTMLElement>('[data-chart-empty]')];
  for (const note of notes) note.hidden = true;
  const c = chartTheme(root);
  const axis = (title: string, extra: object = {}): object => ({
    type: 'linear',
    title: { display: true, text: title, color: c.text },
    ticks: { color: c.text },
    grid: { color: c.grid },
    ...extra,
  });
  const line = (label: string, color: string, extra: Partial<ChartDataset<'line', Point[]>> = {}): ChartDataset<'line', Point[]> => ({
    label,
    data: [],
    borderColor: color,
    backgroundColor: color,
    pointRadius: 0,
    borderWidth: 1.5,
    ...extra,
  });
  const common = {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false as const,
    normalized: true,
    plugins: { legend: { labels: { color: c.text } } },
  };
  const loss = new Chart<'line', Point[]>(lossCanvas, {
    type: 'line',
    data: {
      datasets: [
        line(words.lossSeries.step, c.series[0], { borderWidth: 1 }),
        line(words.lossSeries.train, c.series[2], { pointRadius: 3 }),
        line(words.lossSeries.val, c.series[1], { pointRadius: 3, borderDash: [4, 3] }),
      ],
    },
    options: { ...common, scales: { x: axis(words.axes.epoch, { min: 0 }), y: axis(words.axes.loss, { min: 0 }) } },
  });
  await nextTask();
  const acc = new Chart<'line', Point[]>(accCanvas, {
    type: 'line',
    data: {
      datasets: [
        line(words.accuracySeries.train, c.series[2], { pointRadius: 3 }),
        line(words.accuracySeries.val, c.series[1], { pointRadius: 3, borderDash: [4, 3] }),
      ],
    },
    options: { ...common, scales: { x: axis(words.axes.epoch, { min: 0 }), y: axis(words.axes.accuracy, { suggestedMin: 0.8, max: 1 }) } },
  });

  // Redraw only the charts whose data changed, one chart per animation frame, and
  // each at most every REDRAW_INTERVAL_MS.
  const dirty = new Set<Chart<'line', Point[]>>();
  let scheduled = false;
  let lastDraw = 0;
  let timer = 0;
  let frame = 0;
  let destroyed = false;
  const drawOne = (): void => {
    frame = 0;
    const [chart] = dirty;
    if (!chart) {
      scheduled = false;
      return;
    }
    dirty.delete(chart);
    chart.update('none');
    lastDraw = performance.now();
    if (dirty.size > 0) frame = requestAnimationFrame(drawOne);
    else scheduled = false;
  };
  const redraw = (chart: Chart<'line', Point[]>): void => {
    dirty.add(chart);
    if (scheduled || destroyed) return;
    scheduled = true;
    timer = window.setTimeout(
      () => {
        timer = 0;
        frame = requestAnimationFrame(drawOne);
      },
      Math.max(0, lastDraw + REDRAW_INTERVAL_MS - performance.now()),
    );
  };
  const data = (chart: Chart<'line', Point[]>, i: number): Point[] => chart.data.datasets[i]?.data ?? [];

  return {
    addStep(s) {
      data(loss, 0).push({ x: s.epoch - 1 + s.step / s.stepsPerEpoch, y: s.loss });
      redraw(loss);
    },
    addEpoch(e) {
      data(loss, 1).push({ x: e.epoch, y: e.trainLoss });
      data(loss, 2).push({ x: e.epoch, y: e.valLoss });
      data(acc, 0).push({ x: e.epoch, y: e.trainAccuracy });
      data(acc, 1).push({ x: e.epoch, y: e.valAccuracy });
      redraw(loss);
      redraw(acc);
    },
    clear() {
      for (const chart of [loss, acc]) {
        for (const d of chart.data.datasets) d.data = [];
        redraw(chart);
      }
    },
    toPng(caption) {
      const pad = 16;
      const out = document.createElement('canvas');
      out.width = lossCanvas.width + accCanvas.width + 3 * pad;
      out.height = Math.max(lossCanvas.height, accCanvas.height) + 3 * pad + 16;
      const ctx = out.getContext('2d');
      if (!ctx) return '';
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(lossCanvas, pad, pad);
      ctx.drawImage(accCanvas, 2 * pad + lossCanvas.width, pad);
      ctx.fillStyle = '#222';
      ctx.font = '14px sans-serif';
      ctx.fillText(caption, pad, out.height - pad);
      return out.toDataURL('image/png');
    },
    destroy() {
      destroyed = true;
      window.clearTimeout(timer);
      cancelAnimationFrame(frame);
      dirty.clear();
      loss.destroy();
      acc.destroy();
      for (const note of notes) note.hidden = false;
    },
  };
}
