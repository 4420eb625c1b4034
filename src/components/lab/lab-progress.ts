/**
 * How far a run of the Lab has got: the progress bar and the line beside it (epoch,
 * step, throughput, time left, backend), the per-epoch data table, and the live
 * status line, which screen readers hear sparingly (the start, every 25 %, each
 * epoch and the end; never every mini-batch).
 */
import { required } from '../islands/kit';
import type { EpochEvent, StartEvent, StepEvent } from '../../train/messages';
import { labStrings, type LabStrings } from './strings';

/** What a step's progress line needs to know about the run. */
export interface RunShape {
  epochs: number;
  batchSize: number;
}

/** Mini-batches done so far, counting every epoch's steps. */
export const stepsDone = (s: StepEvent): number => (s.epoch - 1) * s.stepsPerEpoch + s.step;

/** "Epoch 1 of 3, step 20 of 100 · 950 samples/s · about 12 s left · backend: wasm". */
export function stepLine(s: StepEvent, run: RunShape, totalSteps: number, backend: string, t: LabStrings = labStrings.en): string {
  const secondsLeft = s.samplesPerSecond > 0 ? ((totalSteps - stepsDone(s)) * run.batchSize) / s.samplesPerSecond : Number.NaN;
  return t.progress.step({
    epoch: s.epoch,
    epochs: run.epochs,
    step: s.step,
    steps: s.stepsPerEpoch,
    samplesPerSecond: s.samplesPerSecond,
    secondsLeft,
    backend,
  });
}

/** The quarter (1, 2 or 3) newly reached after `done` of `total` steps, or 0 when none is. */
export function quarterReached(done: number, total: number, lastAnnounced: number): number {
  const quarter = Math.floor((done / Math.max(1, total)) * 4);
  return quarter > lastAnnounced && quarter < 4 ? quarter : 0;
}

/** The data table's cells for one epoch. */
export function epochCells(e: EpochEvent, t: LabStrings = labStrings.en): string[] {
  return [
    String(e.epoch),
    e.trainLoss.toFixed(4),
    t.percent(e.trainAccuracy),
    e.valLoss.toFixed(4),
    t.percent(e.valAccuracy),
    e.seconds.toFixed(1),
  ];
}

export interface LabProgress {
  /** Puts `text` in the live status line. */
  say(text: string): void;
  /** While the code (`restart`: the bar back to 0) or the digits load. */
  loading(what: 'code' | 'digits'): void;
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

export function labProgress(root: HTMLElement, t: LabStrings = labStrings.en): LabProgress {
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
    cell.colSpan = t.table.headers.length;
    cell.textContent = note;
    row.append(cell);
    table.replaceChildren(row);
  };

  return {
    say,
    loading(what) {
      if (what === 'code') bar.value = 0;
      text.textContent = what === 'code' ? t.progress.loadingCode : t.progress.loadingDigits;
    },
    begin() {
      tableNote(t.table.training);
      lastAnnounced = 0;
    },
    start(msg, backend) {
      totalSteps = msg.stepsPerEpoch * msg.epochs;
      say(t.status.started({ params: msg.paramCount, digits: msg.trainSize, backend }));
    },
    step(s, run, backend) {
      const done = stepsDone(s);
      bar.value = totalSteps > 0 ? done / totalSteps : 0;
      text.textContent = stepLine(s, run, totalSteps, backend, t);
      const quarter = quarterReached(done, totalSteps, lastAnnounced);
      if (quarter > 0) {
        lastAnnounced = quarter;
        say(t.status.quarter(quarter * 25, s.loss));
      }
    },
    epoch(e, first) {
      if (first) table.textContent = '';
      const row = document.createElement('tr');
      for (const cell of epochCells(e, t)) {
        const td = document.createElement('td');
        td.textContent = cell;
        row.append(td);
      }
      table.append(row);
      say(t.status.epoch(e.epoch, t.percent(e.valAccuracy), e.valLoss));
    },
    end(outcome, complete, last) {
      if (complete) bar.value = 1;
      say(last ? t.status.withAccuracy(outcome, t.percent(last.valAccuracy)) : outcome);
    },
    reset() {
      totalSteps = 0;
      bar.value = 0;
      text.textContent = t.progress.reset;
      tableNote(t.table.empty);
    },
  };
}
