/**
 * The CAM viewer's logic, without DOM access (the Astro component renders the
 * default view with it at build time; the island re-renders on every choice).
 * All the mathematics — the forward pass and the class activation maps — comes
 * from src/lib/cam.ts; this file only chooses, describes and colours.
 */
import { camOf, checkGapNet, classActivationMaps, gapNetForward, mapMean, mapPeak, type GapNet } from '../../lib/cam';

/** The shape of content/figures/gap-model.json that the viewer reads. */
export interface GapModelFile {
  net: GapNet;
  digits: { count: number; rows: number; cols: number; labels: number[]; pixels: string };
}

export interface CamData {
  net: GapNet;
  count: number;
  size: number;
  labels: number[];
  /** uint8 pixels, digit after digit. */
  images: Uint8Array;
}

/** Which class's map to show: a class index, or whatever the network predicts. */
export type ClassChoice = number | 'predicted';

export interface CamView {
  /** 0-based index of the digit among the shipped ones. */
  index: number;
  label: number;
  predicted: number;
  probabilities: number[];
  logits: number[];
  /** The class whose map is shown. */
  cls: number;
  /** M_cls, row-major, height × width. */
  map: Float32Array;
  height: number;
  width: number;
  mean: number;
  bias: number;
  peak: { row: number; col: number; value: number };
  min: number;
  /** Input pixels covered by one map cell along each axis (size / height). */
  stride: number;
  size: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** Decodes base64 to bytes (atob exists in browsers and in Node ≥ 16). */
function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

/** Checks and unpacks the model file; a malformed file gives a message naming what is wrong. */
export function loadCamData(file: unknown): Outcome<CamData> {
  const f = file as Partial<GapModelFile> | null;
  const problem = checkGapNet(f?.net);
  if (problem) return { ok: false, message: `The GAP model file content/figures/gap-model.json is damaged: ${problem} Regenerate it with npm run figures.` };
  const d = f?.digits;
  if (!d || typeof d.pixels !== 'string' || !Array.isArray(d.labels) || d.rows !== d.cols || d.rows !== f?.net?.inputSize) {
    return { ok: false, message: 'The GAP model file has no usable digits (labels, square images of the model’s input size, base64 pixels). Regenerate it with npm run figures.' };
  }
  let images: Uint8Array;
  try {
    images = fromBase64(d.pixels);
  } catch {
    return { ok: false, message: 'The digits in the GAP model file are not valid base64. Regenerate it with npm run figures.' };
  }
  const size = d.rows;
  if (images.length !== d.count * size * size || d.labels.length !== d.count || d.count < 1) {
    return { ok: false, message: `The GAP model file promises ${d.count} digits of ${size}×${size} pixels but holds ${images.length} pixels and ${d.labels.length} labels. Regenerate it with npm run figures.` };
  }
  return { ok: true, value: { net: f.net as GapNet, count: d.count, size, labels: d.labels, images } };
}

/** Digit n's pixels scaled to 0…1, as the network was trained. */
export function digitPixels(data: CamData, n: number): Float32Array {
  const area = data.size * data.size;
  return Float32Array.from(data.images.subarray(n * area, (n + 1) * area), (b) => b / 255);
}

/** Runs the network on digit `index` and takes the map of the chosen class (Eq. cam). */
export function computeView(data: CamData, index: number, choice: ClassChoice): Outcome<CamView> {
  if (!Number.isInteger(index) || index < 0 || index >= data.count) {
    return { ok: false, message: `There is no digit ${String(index + 1)}: choose one from 1 to ${data.count}.` };
  }
  const classes = data.net.head.classes;
  if (choice !== 'predicted' && (!Number.isInteger(choice) || choice < 0 || choice >= classes)) {
    return { ok: false, message: `There is no class ${String(choice)}: choose a digit class from 0 to ${classes - 1}, or "predicted".` };
  }
  const out = gapNetForward(data.net, digitPixels(data, index));
  const predicted = out.logits.indexOf(Math.max(...out.logits));
  const cls = choice === 'predicted' ? predicted : choice;
  const cam = classActivationMaps(data.net, out.features);
  const map = camOf(cam, cls);
  return {
    ok: true,
    value: {
      index,
      label: data.labels[index] ?? -1,
      predicted,
      probabilities: out.probabilities,
      logits: out.logits,
      cls,
      map,
      height: cam.height,
      width: cam.width,
      mean: mapMean(map),
      bias: data.net.head.bias[cls] ?? 0,
      peak: mapPeak(map, cam.width),
      min: Math.min(...map),
      stride: data.size / cam.height,
      size: data.size,
    },
  };
}

/** A probability as a percentage with one decimal. */
export const pct = (p: number): string => `${(100 * p).toFixed(1)} %`;
const num = (x: number): string => (Math.abs(x) < 0.005 ? '0.00' : x.toFixed(2)).replace('-', '−');

/** Where a cell of an h × w grid lies, in words: "upper left", "centre", "lower middle"… */
export function regionWords(row: number, col: number, h: number, w: number): string {
  const third = (i: number, n: number): 0 | 1 | 2 => (i < n / 3 ? 0 : i >= (2 * n) / 3 ? 2 : 1);
  const v = ['upper', 'middle', 'lower'][third(row, h)] as string;
  const hz = ['left', 'middle', 'right'][third(col, w)] as string;
  if (v === 'middle' && hz === 'middle') return 'centre';
  if (v === 'middle') return `middle ${hz}`;
  return `${v} ${hz}`;
}

/** The classes sorted by probability, highest first. */
export function ranking(view: CamView): number[] {
  return view.probabilities.map((_, c) => c).sort((a, b) => (view.probabilities[b] ?? 0) - (view.probabilities[a] ?? 0));
}

/** The view in words: the text alternative of the two pictures. */
export function describeView(view: CamView, count: number): string {
  const [first = 0, second = 0] = ranking(view);
  const verdict = view.predicted === view.label ? 'correct' : `wrong: it is labelled ${view.label}`;
  const { row, col } = view.peak;
  const y0 = row * view.stride;
  const x0 = col * view.stride;
  return (
    `Digit ${view.index + 1} of ${count} is labelled ${view.label}. The network predicts ${first} with probability ${pct(view.probabilities[first] ?? 0)} (${verdict}); ` +
    `next is ${second} with ${pct(view.probabilities[second] ?? 0)}. ` +
    `The class activation map of class ${view.cls} is highest at row ${row}, column ${col} of its ${view.height}×${view.width} grid (counting from 0), ` +
    `in the ${regionWords(row, col, view.height, view.width)} of the image, where that cell sits over pixels ${y0}–${y0 + view.stride - 1} down and ${x0}–${x0 + view.stride - 1} across. ` +
    `The mean of the map, ${num(view.mean)}, plus the bias ${num(view.bias)} is the class score ${num(view.logits[view.cls] ?? 0)}.`
  );
}

/**
 * The colour scale of the maps: t in [0, 1] → an sRGB triple from dark purple
 * through red and orange to pale yellow (monotone in lightness, readable in grey).
 */
export function heatColour(t: number): [number, number, number] {
  const stops: Array<[number, number, number]> = [
    [20, 11, 52],
    [120, 28, 109],
    [200, 60, 80],
    [246, 139, 30],
    [252, 240, 160],
  ];
  const x = Math.min(Math.max(Number.isFinite(t) ? t : 0, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(x), stops.length - 2);
  const f = x - i;
  const a = stops[i] as [number, number, number];
  const b = stops[i + 1] as [number, number, number];
  return [0, 1, 2].map((k) => Math.round((a[k] ?? 0) + ((b[k] ?? 0) - (a[k] ?? 0)) * f)) as [number, number, number];
}

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Black or white, whichever contrasts more with the background (always ≥ 4.5:1). */
export function textOn(rgb: [number, number, number]): '#000' | '#fff' {
  const l = luminance(rgb);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

/** A map value scaled to 0…1 between the map's own minimum and maximum (all 0 for a flat map). */
export function normalise(v: number, min: number, max: number): number {
  return max > min ? (v - min) / (max - min) : 0;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The map as an HTML table, each cell coloured by its value (the static picture and the data table in one). */
export function renderMapTable(view: CamView, idBase: string): string {
  const rows: string[] = [];
  for (let i = 0; i < view.height; i++) {
    const cells: string[] = [];
    for (let j = 0; j < view.width; j++) {
      const v = view.map[i * view.width + j] ?? 0;
      const rgb = heatColour(normalise(v, view.min, view.peak.value));
      const peak = i === view.peak.row && j === view.peak.col;
      cells.push(`<td style="background:rgb(${rgb.join(',')});color:${textOn(rgb)}"${peak ? ' class="peak"' : ''}>${num(v)}</td>`);
    }
    rows.push(`<tr><th scope="row">${i}</th>${cells.join('')}</tr>`);
  }
  const head = `<tr><td></td>${Array.from({ length: view.width }, (_, j) => `<th scope="col">${j}</th>`).join('')}</tr>`;
  return (
    `<table class="cam-map" aria-labelledby="${idBase}-map-caption"><caption id="${idBase}-map-caption">` +
    esc(`Class activation map of class ${view.cls} (rows and columns of the ${view.height}×${view.width} grid; the peak is outlined)`) +
    `</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** The ten classes with their score, probability and map mean, as an HTML table. */
export function renderProbTable(view: CamView, idBase: string): string {
  const rows = view.probabilities.map((p, c) => {
    const cls = [c === view.predicted ? 'predicted' : '', c === view.cls ? 'shown' : ''].filter(Boolean).join(' ');
    return (
      `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${c}${c === view.predicted ? ' (predicted)' : ''}</th>` +
      `<td>${num(view.logits[c] ?? 0)}</td><td>${pct(p)}</td>` +
      `<td><span class="cam-bar" style="inline-size:${(100 * p).toFixed(1)}%"></span></td></tr>`
    );
  });
  return (
    `<table class="cam-probs" aria-labelledby="${idBase}-probs-caption"><caption id="${idBase}-probs-caption">Scores and probabilities of the ten classes</caption>` +
    `<thead><tr><th scope="col">Class</th><th scope="col">Score z</th><th scope="col">Probability</th><th scope="col"><span class="visually-hidden">Bar</span></th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** The option labels of the digit chooser: "1 — labelled 7". */
export function digitOptions(data: CamData): string[] {
  return data.labels.map((l, n) => `${n + 1} — labelled ${l}`);
}

/** Reads the class select's value: 'predicted' or a class index. */
export function parseChoice(value: string): ClassChoice {
  return value === 'predicted' ? 'predicted' : Number(value);
}
