/**
 * How far a run of the Lab has got: the progress bar and the line beside it (epoch,
 * step, throughput, time left, backend), the per-epoch data table, and the live
 * status line, which screen readers hear sparingly (the start, every 25 %, each
 * epoch and the end; never every mini-batch).
 */
import { required } from '../islands/kit';
import type { EpochEvent, StartEvent, StepEvent } from '../../train/messages';

/** What a step's progress line needs to know about the run. */
export interface RunShape {
  epochs: number;
  batchSize: number;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** Mini-batches done so far, counting every epoch's steps. */
export const stepsDone = (s: StepEvent): number => (s.epoch - 1) * s.stepsPerEpoch + s.step;

/** "Epoch 1 of 3, step 20 of 100 · 950 samples/s · about 12 s left · backend: wasm". */
export function stepLine(s: StepEvent, run: RunShape, totalSteps: number, backend: string): string {
  const remaining = s.samplesPerSecond > 0 ? ((totalSteps - stepsDone(s)) * run.batchSize) / s.samplesPerSecond : Number.NaN;
  return (
    `Epoch ${s.epoch} of ${run.epochs}, step ${s.step} of ${s.stepsPerEpoch} · ${Math.round(s.samplesPerSecond)} samples/s · ` +
    `${Number.isFinite(remaining) ? `about ${Math.ceil(remaining)} s left` : 'estimating time left'} · backend: ${backend}`
  );
}

/** The quarter (1, 2 or 3) newly reached after `done` of `total` steps, or 0 when none is. */
export function quarterReached(done: number, total: number, lastAnnounced: number): number {
  const quarter = Math.floor((done / Math.max(1, total)) * 4);
  return quarter > lastAnnounced && quarter < 4 ? quarter : 0;
}

/** The data table's cells for one epoch. */
export function epochCells(e: EpochEvent): string[] {
  return [String(e.epoch), e.trainLoss.toFixed(4), pct(e.trainAccuracy), e.valLoss.toFixed(4), pct(e.valAccuracy), e.seconds.toFixed(1)];
}

export interface LabProgress {
  /** Puts `text` in the live status line. */
  say(text: string): void;
  /** Before a run: the bar back to 0, `text` beside it. */
  loading(text: string, options?: { restart?: boolean }): void;
  /** A run begins: the table waits for its first epoch. */
  begin(): void;
  start(msg: StartEvent, backend: string): void;
  step(s: StepEvent, run: RunShape, backend: string): void;
  epoch(e: EpochEvent, first: boolean): void;
  /** The run ended with `outcome`; `complete` fills the bar; `last` is its last epoch. */
  end(outcome: string, complete: boolean, last: EpochEvent | undefined): void;
  /** No run: the bar at 0, the table empty. */
  reset(): void;
}

export function labProgress(root: HTMLElement): LabProgress {
  const bar = required<HTMLProgressElement>(root, '[data-progress]');
  const text = required<HTMLElement>(root, '[data-progress-text]');
  const status = required<HTMLElement>(root, '[data-status]');
  const table = required<HTMLElement>(root, '[data-table-body]');
  let totalSteps = 0;
  let lastAnnounced = 0;

  const say = (line: string): void => {
    status.textContent = line;
  };
  const tableNote = (note: string): void => {
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.colSpan = 6;
    cell.textContent = note;
    row.append(cell);
    table.replaceChildren(row);
  };

  return {
    say,
    loading(line, options = {}) {
      if (options.restart) bar.value = 0;
      text.textContent = line;
    },
    begin() {
      tableNote('Training…');
      lastAnnounced = 0;
    },
    start(msg, backend) {
      totalSteps = msg.stepsPerEpoch * msg.epochs;
      say(`Training ${msg.paramCount.toLocaleString('en-US')} parameters on ${msg.trainSize.toLocaleString('en-US')} digits with the ${backend} backend.`);
    },
    step(s, run, backend) {
      const done = stepsDone(s);
      bar.value = totalSteps > 0 ? done / totalSteps : 0;
      text.textContent = stepLine(s, run, totalSteps, backend);
      const quarter = quarterReached(done, totalSteps, lastAnnounced);
      if (quarter > 0) {
        lastAnnounced = quarter;
        say(`${quarter * 25} % trained; last mini-batch loss ${s.loss.toFixed(3)}.`);
      }
    },
    epoch(e, first) {
      if (first) table.textContent = '';
      const row = document.createElement('tr');
      for (const cell of epochCells(e)) {
        const td = document.createElement('td');
        td.textContent = cell;
        row.append(td);
      }
      table.append(row);
      say(`Epoch ${e.epoch}: validation accuracy ${pct(e.valAccuracy)}, validation loss ${e.valLoss.toFixed(3)}.`);
    },
    end(outcome, complete, last) {
      if (complete) bar.value = 1;
      say(last ? `${outcome} Validation accuracy ${(100 * last.valAccuracy).toFixed(1)} %.` : outcome);
    },
    reset() {
      totalSteps = 0;
      bar.value = 0;
      text.textContent = 'Not started.';
      tableNote('No run yet.');
    },
  };
}
