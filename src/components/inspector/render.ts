/**
 * HTML for the model inspector's report, as strings, with no DOM access: the Astro
 * component renders the default example at build time with these functions (the
 * no-JavaScript fallback) and the island re-renders with the same ones as you type.
 * Their words come from the widget's string table (`strings.ts`).
 */
import { formatShape } from '../../lib/shapes';
import { formatCount, type InspectError, type InspectReport, type LayerRow } from '../../lib/inspector';
import { escapeHtml } from '../islands/html';
import { inspectorStrings, type InspectorStrings } from './strings';

/** Escapes text and shows its `backticked` names as code, as the inspector writes them. */
export function textWithCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatCount(n);
}

function row(r: LayerRow, t: InspectorStrings): string {
  const label = r.status === 'ok' ? undefined : t.statusLabel[r.status];
  const notes = [...(label ? [label] : []), ...r.notes];
  const args = r.args.length > 60 ? `${r.args.slice(0, 59)}…` : r.args;
  return `<tr class="status-${r.status}">
<td class="num">${r.index}</td>
<td><code>${escapeHtml(r.name)}</code></td>
<td><code>${escapeHtml(r.type)}(${escapeHtml(args)})</code> <span class="line-ref">${escapeHtml(t.lineRef(r.line))}</span></td>
<td><code>${r.outputShape ? escapeHtml(formatShape(r.outputShape)) : '—'}</code></td>
<td class="num">${count(r.params?.trainable)}</td>
<td class="num">${count(r.macs)}</td>
<td>${notes.map((n) => `<span class="note">${textWithCode(n)}</span>`).join(' ')}</td>
</tr>`;
}

/** The per-layer table with its totals in the footer. */
export function renderTable(report: InspectReport, t: InspectorStrings = inspectorStrings.en): string {
  if (report.layers.length === 0) return '';
  const totals = report.totals;
  const partial = totals.complete ? '' : escapeHtml(t.computedOnly);
  const h = Object.fromEntries(Object.entries(t.headers).map(([k, v]) => [k, escapeHtml(v)])) as InspectorStrings['headers'];
  return `<table class="inspector-table">
<caption>${t.tableCaption(report.input ? escapeHtml(formatShape(report.input)) : '—', partial)}</caption>
<thead><tr><th scope="col" class="num">${h.index}</th><th scope="col">${h.name}</th><th scope="col">${h.layer}</th><th scope="col">${h.output}</th><th scope="col" class="num">${h.parameters}</th><th scope="col" class="num">${h.macs}</th><th scope="col">${h.notes}</th></tr></thead>
<tbody>${report.layers.map((r) => row(r, t)).join('')}</tbody>
<tfoot><tr><th scope="row" colspan="4">${t.total(partial)}</th><td class="num">${count(totals.parameters)}</td><td class="num">${count(totals.macs)}</td><td></td></tr></tfoot>
</table>`;
}

/** One line of totals, as a sentence. */
export function renderSummary(report: InspectReport, t: InspectorStrings = inspectorStrings.en): string {
  const totals = report.totals;
  if (report.layers.length === 0) return '';
  const parts = [
    t.parameters(`<strong>${count(totals.parameters)}</strong>`),
    t.buffers(count(totals.buffers)),
    t.macsPerImage(count(totals.macs)),
    t.sizeAtFloat32(totals.sizeMB.toFixed(2)),
  ];
  const output = report.output ? t.output(escapeHtml(formatShape(report.output))) : '';
  const linears = report.linears
    .filter((l) => l.requiredInFeatures !== null)
    .map(
      (l) =>
        `${t.needsInFeatures(escapeHtml(l.name), count(l.requiredInFeatures))}${l.ok === false ? t.modelSays(count(l.inFeatures)) : ''}`,
    );
  return `<p>${parts.join(', ')}${output}.</p>${linears.length > 0 ? `<p>${t.linearLayers(linears.join('; '))}</p>` : ''}`;
}

/** The errors, each with its place and a button that moves the cursor there. */
export function renderErrors(errors: readonly InspectError[], t: InspectorStrings = inspectorStrings.en): string {
  if (errors.length === 0) return '';
  const items = errors.map((e, i) => {
    const place =
      e.line === null ? '' : `<button type="button" class="goto" data-error-index="${i}">${escapeHtml(t.goto(e.line, e.column))}</button> `;
    const detail = e.detail ? `<br><span class="detail">${textWithCode(e.detail)}</span>` : '';
    const fix = e.fix ? `<br>${t.fix(escapeHtml(e.fix))}` : '';
    return `<li>${place}<span class="message">${textWithCode(e.message)}</span>${detail}${fix}</li>`;
  });
  return `<ul class="inspector-errors">${items.join('')}</ul>`;
}

/** Assumptions the report rests on. */
export function renderNotes(notes: readonly string[]): string {
  return notes.length === 0 ? '' : `<ul class="inspector-notes">${notes.map((n) => `<li>${textWithCode(n)}</li>`).join('')}</ul>`;
}

/**
 * The status line: no errors (with the parameter count once the widget is live, as
 * the build-time line leaves it out), or how many errors there are.
 */
export function statusText(report: InspectReport, withCount: boolean, t: InspectorStrings = inspectorStrings.en): string {
  const n = report.errors.length;
  if (n > 0) return t.errorCount(n);
  return withCount ? t.noErrorsWithCount(report.totals.parameters) : t.noErrors;
}
