/**
 * A plain-text rendering of an `InspectReport` for the terminal: one aligned row per
 * layer (#, name, layer, output shape, params, MACs), the totals, then the errors
 * with their line and column.
 */
import type { Shape } from '../types';
import { formatError, type InspectReport, type LayerRow } from './inspect';

/** 61100840 → "61,100,840". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function shapeCell(shape: Shape | null): string {
  return shape === null ? '—' : `[${shape.join(', ')}]`;
}

function layerCell(row: LayerRow): string {
  const args = row.args.length > 48 ? `${row.args.slice(0, 47)}…` : row.args;
  return `${row.type}(${args})`;
}

const MARK: Record<LayerRow['status'], string> = { ok: '', corrected: '  ✗', error: '  ✗', 'not-computed': '' };

export function formatTable(report: InspectReport): string {
  const out: string[] = [];
  const header = ['#', 'name', 'layer', 'output shape', 'params', 'MACs'];
  const body = report.layers.map((row) => [
    String(row.index),
    row.name,
    layerCell(row),
    shapeCell(row.outputShape),
    row.params === null ? '—' : formatCount(row.params.trainable),
    row.macs === null ? '—' : formatCount(row.macs),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => (r[c] as string).length)));
  const right = new Set([0, 4, 5]);
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (right.has(c) ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number)))
      .join('  ')
      .trimEnd();
  if (report.input !== null)
    out.push(
      `input ${shapeCell(report.input)}${report.format === null ? '' : `  (${report.format === 'print' ? 'print(model) text' : 'nn.Sequential code'})`}`,
    );
  if (body.length > 0) {
    out.push(line(header));
    out.push(widths.map((w) => '-'.repeat(w)).join('  '));
    report.layers.forEach((row, i) => out.push(line(body[i] as string[]) + MARK[row.status]));
    out.push('');
    const t = report.totals;
    const partial = t.complete ? '' : ' (only the layers computed)';
    out.push(`total parameters:      ${formatCount(t.parameters)}${partial}`);
    out.push(`trainable parameters:  ${formatCount(t.trainable)}`);
    if (t.buffers > 0) out.push(`buffers:               ${formatCount(t.buffers)}`);
    out.push(`MACs per sample:       ${formatCount(t.macs)}`);
    out.push(`size (float32):        ${t.sizeMB.toFixed(2)} MB`);
    if (report.output !== null) out.push(`output shape:          ${shapeCell(report.output)}`);
  }
  const notes = [...report.notes, ...report.layers.flatMap((r) => r.notes.map((n) => `\`${r.name}\` (line ${r.line}): ${n}`))];
  if (notes.length > 0) {
    out.push('', 'notes:');
    for (const n of notes) out.push(`  - ${n}`);
  }
  if (report.errors.length > 0) {
    out.push('', `${report.errors.length} error${report.errors.length === 1 ? '' : 's'}:`);
    for (const e of report.errors) {
      out.push(`  ${formatError(e)}`);
      if (e.detail !== undefined) out.push(`      ${e.detail}`);
      if (e.fix !== undefined) out.push(`      fix: ${e.fix}`);
    }
  } else {
    out.push('', 'no errors: the model is consistent with this input.');
  }
  return `${out.join('\n')}\n`;
}
