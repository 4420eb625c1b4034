/**
 * The test digits after a run: each digit as the model saw it (painted by the kit's
 * `paintGrey`), its label and the model's prediction, wrong ones marked.
 */
import { paintGrey, required } from '../islands/kit';
import type { PredictionsMessage } from '../../train/messages';
import { labStrings, type LabStrings } from './strings';

/** What a digit's caption and its accessible name say. */
export function digitText(
  label: number,
  predicted: number | undefined,
  t: LabStrings = labStrings.en,
): { ok: boolean; caption: string; name: string } {
  const p = t.predictions;
  const ok = predicted === label;
  return ok
    ? { ok, caption: p.right(label), name: p.rightName(label) }
    : { ok, caption: p.wrong(label, predicted), name: p.wrongName(label, predicted) };
}

export interface LabPredictions {
  /** Draws the digits of `msg`; returns the line for the status region. */
  show(msg: PredictionsMessage): string;
  /** Hides the digits (`clear`: and removes them). */
  hide(clear?: boolean): void;
}

export function labPredictions(root: HTMLElement, t: LabStrings = labStrings.en): LabPredictions {
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
        const text = digitText(label, predicted[i], t);
        if (text.ok) right += 1;
        item.className = text.ok ? 'right' : 'wrong';
        const caption = document.createElement('span');
        caption.textContent = text.caption;
        item.append(canvas, document.createElement('br'), caption);
        item.setAttribute('aria-label', text.name);
        return item;
      });
      list.replaceChildren(...items);
      box.hidden = false;
      return t.predictions.summary(right, labels.length);
    },
    hide(clear = false) {
      box.hidden = true;
      if (clear) list.textContent = '';
    },
  };
}
