/** The CAM viewer's DOM-free logic: loading the model file, the view of a digit and class, its words, colours and tables. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { camOf, classActivationMaps, gapNetForward } from '../../../src/lib/cam';
import { REPO_ROOT } from '../../../src/train/data-node';
import {
  computeView,
  describeView,
  digitOptions,
  digitPixels,
  heatColour,
  loadCamData,
  parseChoice,
  ranking,
  regionWords,
  renderMapTable,
  renderProbTable,
  textOn,
  type CamData,
} from '../../../src/components/cam-viewer/cam-viewer';

const file = JSON.parse(readFileSync(join(REPO_ROOT, 'content', 'figures', 'gap-model-smoke.json'), 'utf8'));

function data(): CamData {
  const loaded = loadCamData(file);
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.value;
}

/** WCAG contrast ratio of two sRGB colours. */
function contrast(a: [number, number, number], b: [number, number, number]): number {
  const lum = ([r, g, bl]: [number, number, number]) => {
    const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('loadCamData', () => {
  it('unpacks the shipped digits and labels', () => {
    const d = data();
    expect(d.count).toBe(file.digits.count);
    expect(d.size).toBe(28);
    expect(d.images).toHaveLength(d.count * 784);
    expect(digitOptions(d)[0]).toBe(`1 — labelled ${d.labels[0]}`);
    const px = digitPixels(d, 1);
    expect(px).toHaveLength(784);
    expect(Math.max(...px)).toBeLessThanOrEqual(1);
    expect(px[300]).toBeCloseTo((d.images[784 + 300] ?? 0) / 255, 6);
  });

  it('refuses a damaged file with a message that says what and how to fix it', () => {
    const noBias = { ...file, net: { ...file.net, head: { ...file.net.head, bias: [1, 2] } } };
    expect(loadCamData(noBias)).toEqual({
      ok: false,
      message:
        'The GAP model file content/figures/gap-model.json is damaged: head.bias must have 10 numbers, but has 2. Regenerate it with npm run figures.',
    });
    const short = { ...file, digits: { ...file.digits, pixels: file.digits.pixels.slice(0, 400) } };
    const outcome = loadCamData(short);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/promises 30 digits of 28×28 pixels but holds 300 pixels/);
    expect(loadCamData({ ...file, digits: { ...file.digits, pixels: '***' } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not valid base64/),
    });
    expect(loadCamData(null)).toMatchObject({ ok: false });
  });
});

describe('computeView', () => {
  const d = data();

  it('shows the predicted class by default, and the map is that class’s CAM from src/lib/cam', () => {
    const outcome = computeView(d, 2, 'predicted');
    if (!outcome.ok) throw new Error(outcome.message);
    const v = outcome.value;
    const forward = gapNetForward(d.net, digitPixels(d, 2));
    const best = forward.logits.indexOf(Math.max(...forward.logits));
    expect(v.predicted).toBe(best);
    expect(v.cls).toBe(best);
    expect(Array.from(v.map)).toEqual(Array.from(camOf(classActivationMaps(d.net, forward.features), best)));
    expect([v.height, v.width, v.stride]).toEqual([7, 7, 4]);
    expect(v.mean + v.bias).toBeCloseTo(v.logits[v.cls]!, 5);
    expect(v.label).toBe(d.labels[2]);
  });

  it('shows any chosen class, and refuses a digit or class that does not exist', () => {
    const v = computeView(d, 0, 4);
    expect(v.ok && v.value.cls).toBe(4);
    expect(computeView(d, d.count, 'predicted')).toEqual({
      ok: false,
      message: `There is no digit ${d.count + 1}: choose one from 1 to ${d.count}.`,
    });
    expect(computeView(d, 0, 10)).toEqual({
      ok: false,
      message: 'There is no class 10: choose a digit class from 0 to 9, or "predicted".',
    });
    expect(computeView(d, 0, parseChoice('abc'))).toMatchObject({ ok: false });
    expect(parseChoice('predicted')).toBe('predicted');
    expect(parseChoice('7')).toBe(7);
  });

  it('describes the view in words: prediction, runner-up, the peak cell, its place and pixels, and the score identity', () => {
    const outcome = computeView(d, 0, 'predicted');
    if (!outcome.ok) throw new Error(outcome.message);
    const v = outcome.value;
    const text = describeView(v, d.count);
    const [first, second] = ranking(v);
    expect(first).toBe(v.predicted);
    expect(text).toContain(`Digit 1 of ${d.count} is labelled ${d.labels[0]}.`);
    expect(text).toContain(`The network predicts ${first} with probability ${(100 * v.probabilities[first!]!).toFixed(1)} %`);
    expect(text).toContain(`next is ${second} with`);
    expect(text).toContain(`highest at row ${v.peak.row}, column ${v.peak.col} of its 7×7 grid`);
    expect(text).toContain(`over pixels ${4 * v.peak.row}–${4 * v.peak.row + 3} down and ${4 * v.peak.col}–${4 * v.peak.col + 3} across`);
    expect(text).toContain(`in the ${regionWords(v.peak.row, v.peak.col, 7, 7)} of the image`);
  });
});

describe('words, colours and tables', () => {
  it('names the nine regions of a grid', () => {
    expect(regionWords(0, 0, 7, 7)).toBe('upper left');
    expect(regionWords(3, 3, 7, 7)).toBe('centre');
    expect(regionWords(6, 3, 7, 7)).toBe('lower middle');
    expect(regionWords(3, 6, 7, 7)).toBe('middle right');
  });

  it('the colour scale gets lighter from 0 to 1, and cell text always has at least 4.5:1 contrast', () => {
    const l = (t: number) => heatColour(t).reduce((a, b) => a + b, 0);
    for (let t = 0; t < 1; t += 0.05) expect(l(t + 0.05)).toBeGreaterThan(l(t));
    for (let t = 0; t <= 1; t += 0.01) {
      const bg = heatColour(t);
      const fg: [number, number, number] = textOn(bg) === '#000' ? [0, 0, 0] : [255, 255, 255];
      expect(contrast(bg, fg)).toBeGreaterThanOrEqual(4.5);
    }
    expect(heatColour(Number.NaN)).toEqual(heatColour(0));
  });

  it('renders the map as a 7×7 table with the peak marked, and the ten classes with the predicted one marked', () => {
    const d = data();
    const outcome = computeView(d, 3, 'predicted');
    if (!outcome.ok) throw new Error(outcome.message);
    const v = outcome.value;
    const map = renderMapTable(v, 'x');
    expect(map.match(/<td style=/g)).toHaveLength(49);
    expect(map.match(/class="peak"/g)).toHaveLength(1);
    expect(map).toContain(`Class activation map of class ${v.cls} (`);
    const probs = renderProbTable(v, 'x');
    expect(probs.match(/<tr/g)).toHaveLength(11);
    expect(probs).toContain(`${v.predicted} (predicted)`);
  });
});
