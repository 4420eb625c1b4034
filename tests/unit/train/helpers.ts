/** Shared fixtures for the training tests: the real digits (loaded once per file) and tiny settings. */
import { splitDigits, takeDigits } from '../../../src/train/data';
import type { Digits, DigitSplit } from '../../../src/train/data';
import { loadDigitsNode } from '../../../src/train/data-node';
import { makeSettings } from '../../../src/train/settings';
import type { TrainSettings } from '../../../src/train/settings';
import type { TrainerEvent } from '../../../src/train/messages';

let cached: { all: Digits; split: DigitSplit } | null = null;

/** The 10,000 digits (from public/data if built, else from the mnist package) and the book's split. */
export function digits(): { all: Digits; split: DigitSplit } {
  if (!cached) {
    const all = loadDigitsNode();
    cached = { all, split: splitDigits(all) };
  }
  return cached;
}

/** A tiny CNN (4 filters 3×3 → pool 2 → FC 16) on a few digits: trains in well under a second. */
export function tinySettings(overrides: Partial<TrainSettings> = {}): TrainSettings {
  return makeSettings({
    model: { trunk: [{ filters: 4, kernel: 3, pool: 2 }], head: { kind: 'fc', hidden: 16, dropout: 0 } },
    optimizer: 'adam',
    learningRate: 0.01,
    epochs: 1,
    batchSize: 16,
    seed: 7,
    trainSize: 64,
    valSize: 32,
    ...overrides,
  });
}

export function tinyData(s: TrainSettings): { train: Digits; val: Digits } {
  const { split } = digits();
  return { train: takeDigits(split.train, s.trainSize), val: takeDigits(split.val, s.valSize) };
}

export const stepLosses = (events: TrainerEvent[]): number[] => events.flatMap((e) => (e.type === 'step' ? [e.loss] : []));
