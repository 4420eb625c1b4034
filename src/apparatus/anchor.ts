/** The link icon of Starlight's heading anchors (Starlight, MIT licence), reused for every copy-link control. */
export const LINK_ICON_PATH =
  'm12.11 15.39-3.88 3.88a2.52 2.52 0 0 1-3.5 0 2.47 2.47 0 0 1 0-3.5l3.88-3.88a1 1 0 1 0-1.42-1.42l-3.88 3.89a4.48 4.48 0 0 0 6.33 6.33l3.89-3.88a1 1 0 0 0-1.42-1.42m8.58-12.08a4.49 4.49 0 0 0-6.33 0l-3.89 3.88a1 1 0 1 0 1.42 1.42l3.88-3.88a2.52 2.52 0 0 1 3.5 0 2.47 2.47 0 0 1 0 3.5l-3.88 3.88a1 1 0 0 0 0 1.42 1 1 0 0 0 1.42 0l3.88-3.89a4.49 4.49 0 0 0 0-6.33M8.83 15.17a1 1 0 0 0 .71.29 1 1 0 0 0 .71-.29l4.92-4.92a1 1 0 1 0-1.42-1.42l-4.92 4.92a1 1 0 0 0 0 1.42';

/** Words for difficulty levels 1–3 of an exercise. */
const DIFFICULTY = {
  1: { stars: '★☆☆', label: 'easy' },
  2: { stars: '★★☆', label: 'medium' },
  3: { stars: '★★★', label: 'hard' },
} as const;

export function difficultyOf(value: unknown): { stars: string; label: string; level: 1 | 2 | 3 } {
  const named: Record<string, 1 | 2 | 3> = { easy: 1, medium: 2, hard: 3 };
  const n = typeof value === 'string' && value in named ? named[value] : Number(value);
  const level = (n === 1 || n === 2 || n === 3 ? n : 1) as 1 | 2 | 3;
  return { ...DIFFICULTY[level], level };
}
