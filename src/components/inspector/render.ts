/**
 * HTML for the model inspector's report, as strings, with no DOM access: the Astro
 * component renders the default example at build time with these functions (the
 * no-JavaScript fallback) and the island re-renders with the same ones as you type.
 */
import { formatShape } from '../../lib/shapes';
import { formatCount, type InspectError, type InspectReport, type LayerRow } from '../../lib/inspector';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Escapes text and shows its `backticked` names as code, as the inspector writes them. */
export function textWithCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const STATUS_LABEL: Record<LayerRow['status'], string> = {
  ok: '',
  corrected: 'does not fit its input — see the error above; computed with the fix',
  error: 'could not be computed',
  'not-computed': 'not computed (after an error)',
};

function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatCount(n);
}

function row(r: LayerRow): string {
  const notes = [...(STATUS_LABEL[r.status] ? [STATUS_LABEL[r.status]] : []), ...r.notes];
  const args = r.args.length > 60 ? `${r.args.slice(0, 59)}…` : r.args;
  return `<tr class="status-${r.status}">
<td class="num">${r.index}</td>
<td><code>${escapeHtml(r.name)}</code></td>
<td><code>${escapeHtml(r.type)}(${escapeHtml(args)})</code> <span class="line-ref">line ${r.line}</span></td>
<td><code>${r.outputShape ? escapeHtml(formatShape(r.outputShape)) : '—'}</code></td>
<td class="num">${count(r.params?.trainable)}</td>
<td class="num">${count(r.macs)}</td>
<td>${notes.map((n) => `<span class="note">${textWithCode(n)}</span>`).join(' ')}</td>
</tr>`;
}

/** The per-layer table with its totals in the footer. */
export function renderTable(report: InspectReport): string {
  if (report.layers.length === 0) return '';
  const t = report.totals;
  const partial = t.complete ? '' : ' (computed layers only)';
  return `<table class="inspector-table">
<caption>Layer by layer, for an input of shape <code>${report.input ? escapeHtml(formatShape(report.input)) : '—'}</code>${partial}</caption>
<thead><tr><th scope="col" class="num">#</th><th scope="col">Name</th><th scope="col">Layer</th><th scope="col">Output shape</th><th scope="col" class="num">Parameters</th><th scope="col" class="num">MACs</th><th scope="col">Notes</th></tr></thead>
<tbody>${report.layers.map(row).join('')}</tbody>
<tfoot><tr><th scope="row" colspan="4">Total${partial}</th><td class="num">${count(t.parameters)}</td><td class="num">${count(t.macs)}</td><td></td></tr></tfoot>
</table>`;
}

/** One line of totals, as a sentence. */
export function renderSummary(report: InspectReport): string {
  const t = report.totals;
  if (report.layers.length === 0) return '';
  const parts = [
    `<strong>${count(t.parameters)}</strong> parameters`,
    `${count(t.buffers)} buffer elements`,
    `${count(t.macs)} multiply–accumulates per image`,
    `${t.sizeMB.toFixed(2)} MB at float32`,
  ];
  const output = report.output ? `; output <code>${escapeHtml(formatShape(report.output))}</code>` : '';
  const linears = report.linears
    .filter((l) => l.requiredInFeatures !== null)
    .map((l) => `<code>${escapeHtml(l.name)}</code> needs in_features = <strong>${count(l.requiredInFeatures)}</strong>${l.ok === false ? ' (the model says ' + count(l.inFeatures) + ')' : ''}`);
  return `<p>${parts.join(', ')}${output}.</p>${linears.length > 0 ? `<p>Linear layers: ${linears.join('; ')}.</p>` : ''}`;
}

/** The errors, each with its place and a button that moves the cursor there. */
export function renderErrors(errors: readonly InspectError[]): string {
  if (errors.length === 0) return '';
  const items = errors.map((e, i) => {
    const place =
      e.line === null
        ? ''
        : `<button type="button" class="goto" data-error-index="${i}">Line ${e.line}, column ${e.column}</button> `;
    const detail = e.detail ? `<br><span class="detail">${textWithCode(e.detail)}</span>` : '';
    const fix = e.fix ? `<br>Fix: <code>${escapeHtml(e.fix)}</code>` : '';
    return `<li>${place}<span class="message">${textWithCode(e.message)}</span>${detail}${fix}</li>`;
  });
  return `<ul class="inspector-errors">${items.join('')}</ul>`;
}

/** Assumptions the report rests on. */
export function renderNotes(notes: readonly string[]): string {
  return notes.length === 0 ? '' : `<ul class="inspector-notes">${notes.map((n) => `<li>${textWithCode(n)}</li>`).join('')}</ul>`;
}
