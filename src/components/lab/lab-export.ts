/** A run of the Lab as plain data, and its export as CSV (no DOM). */
import type { TrainSettings } from '../../train/settings';
import type { EpochEvent, StepEvent } from '../../train/messages';

export interface RunRecord {
  settings: TrainSettings;
  url: string;
  backend: string;
  paramCount: number;
  steps: StepEvent[];
  epochs: EpochEvent[];
  outcome: string;
}

const csvCell = (v: string | number): string => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * CSV with the settings as `#` comment lines, then one row per mini-batch and one
 * per epoch: `kind,epoch,step,train_loss,train_accuracy,val_loss,val_accuracy`.
 */
export function runToCsv(run: RunRecord): string {
  const lines = [
    `# Fully Connected — Lab run`,
    `# url: ${run.url}`,
    `# settings: ${JSON.stringify(run.settings)}`,
    `# backend: ${run.backend}; parameters: ${run.paramCount}; outcome: ${run.outcome}`,
    'kind,epoch,step,train_loss,train_accuracy,val_loss,val_accuracy',
  ];
  for (const s of run.steps) lines.push(['step', s.epoch, s.step, s.loss, '', '', ''].map(csvCell).join(','));
  for (const e of run.epochs)
    lines.push(['epoch', e.epoch, '', e.trainLoss, e.trainAccuracy, e.valLoss, e.valAccuracy].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}
