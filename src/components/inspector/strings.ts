/**
 * Every word the model inspector widget shows, keyed, one table per edition. The
 * inspector library's own messages (errors, notes: `src/lib/inspector`) are not here;
 * these are the widget's labels, status lines and the report's frame. Texts with
 * `backticked` names show them as code (`textWithCode`).
 */
import type { StringTable } from '../islands/i18n';
import type { LayerRow } from '../../lib/inspector';

export const inspectorStrings: StringTable<{
  caption: string;
  exampleLabel: string;
  loadExample: string;
  /** The code box's label; `backticked` parts are code. */
  codeLabel: string;
  inputLabel: string;
  /** The input field's hint; `backticked` parts are code. */
  inputHint: string;
  applyFix: string;
  copyCode: string;
  copyLink: string;
  /** Accessible names of the regions (a numbered widget's figure name follows them). */
  errorsRegion: string;
  tableRegion: string;
  /** The status line. */
  noErrors: string;
  noErrorsWithCount: (parameters: number) => string;
  errorCount: (n: number) => string;
  fixApplied: (status: string) => string;
  codeCopied: string;
  codeNotCopied: string;
  linkCopied: string;
  linkNotCopied: string;
  /** A shared link whose `code=` part cannot be decoded. */
  damagedLink: string;
  /** The table. */
  tableCaption: (shapeHtml: string, partial: string) => string;
  computedOnly: string;
  headers: { index: string; name: string; layer: string; output: string; parameters: string; macs: string; notes: string };
  total: (partial: string) => string;
  lineRef: (line: number) => string;
  /** A row's note for its status (an `ok` row has none). */
  statusLabel: Record<Exclude<LayerRow['status'], 'ok'>, string>;
  /** The summary. */
  parameters: (countHtml: string) => string;
  buffers: (count: string) => string;
  macsPerImage: (count: string) => string;
  sizeAtFloat32: (mb: string) => string;
  output: (shapeHtml: string) => string;
  needsInFeatures: (nameHtml: string, required: string) => string;
  modelSays: (count: string) => string;
  linearLayers: (list: string) => string;
  /** The errors. */
  goto: (line: number, column: number | null) => string;
  fix: (codeHtml: string) => string;
}> = {
  en: {
    caption:
      'The model inspector. Shapes and counts are computed by the book’s layer library with PyTorch’s rules; nothing you paste leaves your browser.',
    exampleLabel: 'Example',
    loadExample: 'Load example',
    codeLabel: 'Model: `nn.Sequential(…)` code or what `print(model)` prints',
    inputLabel: 'Input shape (C, H, W)',
    inputHint: 'e.g. `3,224,224`; add a batch size in front: `64,3,224,224`',
    applyFix: 'Apply the fix',
    copyCode: 'Copy corrected code',
    copyLink: 'Copy link to this model',
    errorsRegion: 'Errors',
    tableRegion: 'Layer table',
    noErrors: 'No errors.',
    noErrorsWithCount: (parameters) => `No errors. ${parameters.toLocaleString('en-US')} parameters.`,
    errorCount: (n) => `${n} ${n === 1 ? 'error' : 'errors'} — see below.`,
    fixApplied: (status) => `Fix applied. ${status}`,
    codeCopied: 'The corrected code was copied to the clipboard.',
    codeNotCopied: 'The corrected code could not be copied: your browser did not allow it. Select the text and copy it by hand.',
    linkCopied: 'The link was copied to the clipboard.',
    linkNotCopied: 'The link could not be copied: your browser did not allow it. Select the text and copy it by hand.',
    damagedLink: 'The link’s model could not be read (the code= part is damaged); the default example is shown instead.',
    tableCaption: (shapeHtml, partial) => `Layer by layer, for an input of shape <code>${shapeHtml}</code>${partial}`,
    computedOnly: ' (computed layers only)',
    headers: { index: '#', name: 'Name', layer: 'Layer', output: 'Output shape', parameters: 'Parameters', macs: 'MACs', notes: 'Notes' },
    total: (partial) => `Total${partial}`,
    lineRef: (line) => `line ${line}`,
    statusLabel: {
      corrected: 'does not fit its input — see the error above; computed with the fix',
      error: 'could not be computed',
      'not-computed': 'not computed (after an error)',
    },
    parameters: (countHtml) => `${countHtml} parameters`,
    buffers: (count) => `${count} buffer elements`,
    macsPerImage: (count) => `${count} multiply–accumulates per image`,
    sizeAtFloat32: (mb) => `${mb} MB at float32`,
    output: (shapeHtml) => `; output <code>${shapeHtml}</code>`,
    needsInFeatures: (nameHtml, required) => `<code>${nameHtml}</code> needs in_features = <strong>${required}</strong>`,
    modelSays: (count) => ` (the model says ${count})`,
    linearLayers: (list) => `Linear layers: ${list}.`,
    goto: (line, column) => `Line ${line}, column ${column}`,
    fix: (codeHtml) => `Fix: <code>${codeHtml}</code>`,
  },
};

export type InspectorStrings = (typeof inspectorStrings)['en'];
