/** Draws the "three heads" figure's loss curves with Chart.js (loaded lazily). */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { chartTheme } from '../charts/theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

interface Series {
  label: string;
  /** Index of the head in the full figure: its colour stays the same when the figure shows fewer heads. */
  colour?: number;
  trainLoss: number[];
  valLoss: number[];
}

export function mount(root: HTMLElement): void {
  const canvas = root.querySelector('canvas');
  if (!canvas) return;
  const series = JSON.parse(root.dataset['series'] ?? '[]') as Series[];
  const c = chartTheme(root);
  const points = (ys: number[]): { x: number; y: number }[] => ys.map((y, i) => ({ x: i + 1, y }));
  new Chart(canvas, {
    type: 'line',
    data: {
      datasets: series.flatMap((s, index) => {
        const i = s.colour ?? index;
        return [
        {
          label: `${s.label}: validation`,
          data: points(s.valLoss),
          borderColor: c.series[i % 3],
          backgroundColor: c.series[i % 3],
          pointRadius: 3,
        },
        {
          label: `${s.label}: training`,
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
          title: { display: true, text: 'epoch', color: c.text },
          ticks: { color: c.text, stepSize: 1 },
          grid: { color: c.grid },
        },
        y: {
          type: 'linear',
          title: { display: true, text: 'cross-entropy loss', color: c.text },
          ticks: { color: c.text },
          grid: { color: c.grid },
          min: 0,
        },
      },
    },
  });
}
