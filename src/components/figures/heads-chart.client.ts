/**
 * Draws the "three heads" figure's loss curves with Chart.js (loaded lazily); the
 * Dispose that mount returns destroys the chart. The words are in strings.ts.
 */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { chartTheme } from '../charts/theme';
import { required, type Dispose } from '../islands/kit';
import { headsChartStrings } from './strings';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

interface Series {
  label: string;
  /** Index of the head in the full figure: its colour stays the same when the figure shows fewer heads. */
  colour?: number;
  trainLoss: number[];
  valLoss: number[];
}

export function mount(root: HTMLElement): Dispose {
  const t = headsChartStrings.en;
  const canvas = required<HTMLCanvasElement>(root, 'canvas');
  const series = JSON.parse(root.dataset['series'] ?? '[]') as Series[];
  const c = chartTheme(root);
  const points = (ys: number[]): { x: number; y: number }[] => ys.map((y, i) => ({ x: i + 1, y }));
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: series.flatMap((s, index) => {
        const i = s.colour ?? index;
        return [
          {
            label: t.validation(s.label),
            data: points(s.valLoss),
            borderColor: c.series[i % 3],
            backgroundColor: c.series[i % 3],
            pointRadius: 3,
          },
          {
            label: t.training(s.label),
            data: points(s.trainLoss),
            borderColor: c.series[i % 3],
            backgroundColor: c.series[i % 3],
            borderDash: [5, 4],
            pointRadius: 0,
          },
        ];
      }),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { legend: { labels: { color: c.text, boxWidth: 24 } } },
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: t.axisEpoch, color: c.text },
          ticks: { color: c.text, stepSize: 1 },
          grid: { color: c.grid },
        },
        y: {
          type: 'linear',
          title: { display: true, text: t.axisLoss, color: c.text },
          ticks: { color: c.text },
          grid: { color: c.grid },
          min: 0,
        },
      },
    },
  });
  return () => chart.destroy();
}
