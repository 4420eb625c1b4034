/**
 * The test digits after a run: each digit as the model saw it (painted by the kit's
 * `paintGrey`), its label and the model's prediction, wrong ones marked.
 */
import { paintGrey, required } from '../islands/kit';
import type { PredictionsMessage } from '../../train/messages';

/** What a digit's caption and its accessible name say. */
export function digitText(label: number, predicted: number | undefined): { ok: boolean; caption: string; name: string } {
  const ok = predicted === label;
  return ok
    ? { ok, caption: `${label} ✓`, name: `A ${label}, predicted correctly` }
    : { ok, caption: `${predicted} ✗ (is ${label})`, name: `A ${label}, predicted as ${predicted}` };
}

export interface LabPredictions {
  /** Draws the digits of `msg`; returns the line for the status region. */
  show(msg: PredictionsMessage): string;
  /** Hides the digits (`clear`: and removes them). */
  hide(clear?: boolean): void;
}

export function labPredictions(root: HTMLElement): LabPredictions {
  const box = required<HTMLElement>(root, '[data-predictions]');
  const list = required<HTMLElement>(root, '[data-digits]');
  return {
    show({ images, size, labels, predicted }) {
      let right = 0;
      const items = labels.map((label, i) => {
        const item = document.createElement('li');
        const canvas = document.createElement('canvas');
        paintGrey(canvas, images, size, size, i * size * size);
        canvas.setAttribute('aria-hidden', 'true');
        const t = digitText(label, predicted[i]);
        if (t.ok) right += 1;
        item.className = t.ok ? 'right' : 'wrong';
        const caption = document.createElement('span');
        caption.textContent = t.caption;
        item.append(canvas, document.createElement('br'), caption);
        item.setAttribute('aria-label', t.name);
        return item;
      });
      list.replaceChildren(...items);
      box.hidden = false;
      return `${right} of ${labels.length} test digits predicted correctly.`;
    },
    hide(clear = false) {
      box.hidden = true;
      if (clear) list.textContent = '';
    },
  };
}
