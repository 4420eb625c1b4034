/**
 * DOM glue for ModelInspector.astro: re-inspect as the reader types (debounced),
 * mark error lines in the gutter, move the cursor to an error, apply or copy the
 * fix, and keep the model in the URL so it can be shared.
 */
import { copyText, required, Scope, type Dispose } from '../islands/kit';
import { inspect, type InspectReport } from '../../lib/inspector';
import { examples } from './examples';
import { renderErrors, renderNotes, renderSummary, renderTable, statusText } from './render';
import { decodeState, encodeState, hasSharedState } from './state';
import { inspectorStrings } from './strings';

const DEBOUNCE_MS = 150;

const rendered = new WeakMap<HTMLElement, string>();

function setHtml(el: HTMLElement, html: string): void {
  if (rendered.get(el) === html) return;
  rendered.set(el, html);
  el.innerHTML = html;
}

export function mount(root: HTMLElement): Dispose {
  const t = inspectorStrings.en;
  const scope = new Scope();
  const select = required<HTMLSelectElement>(root, '[data-example]');
  const description = required<HTMLElement>(root, '[data-description]');
  const code = required<HTMLTextAreaElement>(root, '[data-code]');
  const gutter = required<HTMLElement>(root, '[data-gutter]');
  const input = required<HTMLInputElement>(root, '[data-input]');
  const status = required<HTMLElement>(root, '[data-status]');
  const errorsBox = required<HTMLElement>(root, '[data-errors]');
  const summary = required<HTMLElement>(root, '[data-summary]');
  const table = required<HTMLElement>(root, '[data-table]');
  const notes = required<HTMLElement>(root, '[data-notes]');
  const applyButton = required<HTMLButtonElement>(root, '[data-apply]');
  const copyButton = required<HTMLButtonElement>(root, '[data-copy]');
  const shareButton = required<HTMLButtonElement>(root, '[data-share]');

  /** The example whose unedited text is in the box, if any (for short URLs). */
  let exampleId: string | null = root.dataset['start'] ?? null;
  let report: InspectReport | null = null;
  let timer: number | undefined;
  scope.add(() => window.clearTimeout(timer));
  // Only the first inspector on a page owns the URL.
  const ownsUrl = document.querySelector('[data-widget="inspector"]') === root;

  const renderGutter = (): void => {
    const lines = code.value.split('\n').length;
    const bad = new Set((report?.errors ?? []).map((e) => e.line).filter((l): l is number => l !== null));
    setHtml(
      gutter,
      Array.from({ length: lines }, (_, i) => (bad.has(i + 1) ? `<span class="bad">✗${i + 1}</span>` : String(i + 1))).join('\n'),
    );
    gutter.scrollTop = code.scrollTop;
  };

  const update = (): void => {
    performance.mark('inspector-update-start');
    report = inspect(code.value, input.value);
    const inputError = report.errors.some((e) => e.code === 'bad-input-shape');
    input.setAttribute('aria-invalid', String(inputError));
    code.setAttribute('aria-invalid', String(report.errors.some((e) => e.line !== null)));
    status.textContent = statusText(report, true, t);
    // Rewrite a region only when its HTML changed: typing inside a comment, say,
    // changes nothing, and re-laying out a 40-row table costs tens of milliseconds.
    setHtml(errorsBox, renderErrors(report.errors, t));
    setHtml(summary, renderSummary(report, t));
    setHtml(table, renderTable(report, t));
    setHtml(notes, renderNotes(report.notes));
    applyButton.disabled = report.correctedSource === null;
    copyButton.disabled = report.correctedSource === null;
    renderGutter();
    if (ownsUrl) {
      const exampleUnedited = exampleId !== null && examples.find((e) => e.id === exampleId)?.source === code.value;
      history.replaceState(
        history.state,
        '',
        encodeState({ example: exampleUnedited ? exampleId : null, code: code.value, input: input.value }),
      );
    }
    // Measured by `npm run bench` (the main thread must not block for long while typing).
    performance.measure('inspector-update', 'inspector-update-start');
  };

  const schedule = (): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, DEBOUNCE_MS);
  };

  const load = (id: string): void => {
    const example = examples.find((e) => e.id === id);
    if (!example) return;
    exampleId = example.id;
    select.value = example.id;
    code.value = example.source;
    input.value = example.input;
    description.textContent = example.description;
    update();
  };

  const copy = async (text: string, copied: string, notCopied: string): Promise<void> => {
    const ok = await copyText(text);
    if (!scope.isDisposed) status.textContent = ok ? copied : notCopied;
  };

  scope.on(code, 'input', schedule);
  scope.on(input, 'input', schedule);
  scope.on(code, 'scroll', () => {
    gutter.scrollTop = code.scrollTop;
  });
  scope.on(select, 'change', () => {
    const example = examples.find((e) => e.id === select.value);
    if (example) description.textContent = example.description;
  });
  scope.on(required<HTMLButtonElement>(root, '[data-load]'), 'click', () => load(select.value));
  scope.on(applyButton, 'click', () => {
    if (!report?.correctedSource) return;
    code.value = report.correctedSource;
    update();
    status.textContent = t.fixApplied(status.textContent ?? '');
  });
  scope.on(copyButton, 'click', () => {
    if (report?.correctedSource) void copy(report.correctedSource, t.codeCopied, t.codeNotCopied);
  });
  scope.on(shareButton, 'click', () => void copy(location.href, t.linkCopied, t.linkNotCopied));
  scope.on(errorsBox, 'click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-error-index]');
    const error = button ? report?.errors[Number(button.dataset['errorIndex'])] : undefined;
    if (!error || error.start === null) return;
    code.focus();
    code.setSelectionRange(error.start, error.end ?? error.start);
    // Scroll the offending line into view: line height × (line − a few).
    const lineHeight = parseFloat(getComputedStyle(code).lineHeight) || 20;
    code.scrollTop = Math.max(0, ((error.line ?? 1) - 3) * lineHeight);
  });

  // A choice of example made while this code was loading.
  if (select.value !== exampleId) description.textContent = examples.find((e) => e.id === select.value)?.description ?? '';

  // A shared link restores its model.
  if (ownsUrl && hasSharedState(location.hash)) {
    const state = decodeState(location.hash, t);
    if (state.example && examples.some((e) => e.id === state.example)) {
      load(state.example);
    } else if (state.code !== undefined && state.code !== null) {
      exampleId = null;
      code.value = state.code;
    }
    if (state.input !== undefined) input.value = state.input;
    update();
    if (state.problem) status.textContent = state.problem;
  } else {
    update();
  }
  return scope.dispose;
}
