/**
 * A small line chart for `plot(points, label?)` in a listing (Chart.js, loaded only
 * when a listing plots). Its text alternative is the table of points beside it (in a
 * <details>) and the summary line that `plot` also prints in the output.
 */
import { Chart, LineController, LineElement, PointElement, LinearScale, Tooltip } from 'chart.js';
import { chartTheme } from '../charts/theme';
import { describePlot, formatNumber } from '../../listings/format';
import type { ListingPlot } from '../../listings/run';
import { listingStrings, type ListingStrings } from './strings';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

/**
 * Draws `plot` into `container` (a figure with a canvas and a table of its points);
 * returns the function that destroys its chart.
 */
export async function renderPlot(
  container: HTMLElement,
  plot: ListingPlot,
  index: number,
  t: ListingStrings = listingStrings.en,
): Promise<() => void> {
  const figure = document.createElement('figure');
  const canvas = document.createElement('canvas');
  const summary = describePlot(plot.points, plot.label).slice(1, -1);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', t.plotLabel(index, summary));
  const details = document.createElement('details');
  const title = document.createElement('summary');
  title.textContent = t.plotPoints(index);
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const axis of [t.plotX, t.plotY]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = axis;
    head.append(th);
  }
  const body = document.createElement('tbody');
  for (const p of plot.points) {
    const row = body.insertRow();
    row.insertCell().textContent = formatNumber(p.x);
    row.insertCell().textContent = formatNumber(p.y);
  }
  table.append(body);
  details.append(title, table);
  figure.append(canvas, details);
  container.append(figure);
  const theme = chartTheme(container);
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        {
          label: plot.label ?? t.plotSeries(index),
          data: plot.points,
          borderColor: theme.series[0],
          backgroundColor: theme.series[0],
          pointRadius: plot.points.length > 60 ? 0 : 2,
        },
      ],
    },
    options: {
      animation: reduce ? false : { duration: 300 },
      parsing: false,
      maintainAspectRatio: false,
      scales: {
        x: { type: 'linear', ticks: { color: theme.text }, grid: { color: theme.grid } },
        y: { type: 'linear', ticks: { color: theme.text }, grid: { color: theme.grid } },
      },
      plugins: { tooltip: { enabled: true } },
    },
  });
  await Promise.resolve();
  return () => chart.destroy();
}
