/**
 * The CAM viewer's logic, without DOM access (the Astro component renders the
 * default view with it at build time; the island re-renders on every choice).
 * All the mathematics — the forward pass and the class activation maps — comes
 * from src/lib/cam.ts; this file only chooses, describes and colours. Its words
 * come from strings.ts (`t`, English by default).
 */
import { camOf, checkGapNet, classActivationMaps, gapNetForward, mapMean, mapPeak, type GapNet } from '../../lib/cam';
import { escapeHtml } from '../islands/html';
import { camViewerStrings, type CamViewerStrings } from './strings';

/** The shape of content/figures/gap-model.json that the viewer reads. */
interface GapModelFile {
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
export function loadCamData(file: unknown, t: CamViewerStrings = camViewerStrings.en): Outcome<CamData> {
  const f = file as Partial<GapModelFile> | null;
  const problem = checkGapNet(f?.net);
  if (problem) return { ok: false, message: t.damaged(problem) };
  const d = f?.digits;
  if (!d || typeof d.pixels !== 'string' || !Array.isArray(d.labels) || d.rows !== d.cols || d.rows !== f?.net?.inputSize) {
    return { ok: false, message: t.noDigits };
  }
  let images: Uint8Array;
  try {
    images = fromBase64(d.pixels);
  } catch {
    return { ok: false, message: t.badBase64 };
  }
  const size = d.rows;
  if (images.length !== d.count * size * size || d.labels.length !== d.count || d.count < 1) {
    return { ok: false, message: t.wrongSize(d.count, size, images.length, d.labels.length) };
  }
  return { ok: true, value: { net: f.net as GapNet, count: d.count, size, labels: d.labels, images } };
}

/** Digit n's pixels scaled to 0…1, as the network was trained. */
export function digitPixels(data: CamData, n: number): Float32Array {
  const area = data.size * data.size;
  return Float32Array.from(data.images.subarray(n * area, (n + 1) * area), (b) => b / 255);
}

/** Runs the network on digit `index` and takes the map of the chosen class (Eq. cam). */
export function computeView(
  data: CamData,
  index: number,
  choice: ClassChoice,
  t: CamViewerStrings = camViewerStrings.en,
): Outcome<CamView> {
  if (!Number.isInteger(index) || index < 0 || index >= data.count) {
    return { ok: false, message: t.noSuchDigit(String(index + 1), data.count) };
  }
  const classes = data.net.head.classes;
  if (choice !== 'predicted' && (!Number.isInteger(choice) || choice < 0 || choice >= classes)) {
    return { ok: false, message: t.noSuchClass(String(choice), classes - 1) };
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
const pct = (p: number, t: CamViewerStrings = camViewerStrings.en): string => t.percent(p);
const num = (x: number): string => (Math.abs(x) < 0.005 ? '0.00' : x.toFixed(2)).replace('-', '−');

/** Where a cell of an h × w grid lies, in words: "upper left", "centre", "lower middle"… */
export function regionWords(row: number, col: number, h: number, w: number, t: CamViewerStrings = camViewerStrings.en): string {
  const third = (i: number, n: number): 0 | 1 | 2 => (i < n / 3 ? 0 : i >= (2 * n) / 3 ? 2 : 1);
  const v = third(row, h);
  const hz = third(col, w);
  if (v === 1 && hz === 1) return t.centre;
  return t.place(t.rows[v], t.cols[hz]);
}

/** The classes sorted by probability, highest first. */
export function ranking(view: CamView): number[] {
  return view.probabilities.map((_, c) => c).sort((a, b) => (view.probabilities[b] ?? 0) - (view.probabilities[a] ?? 0));
}

/** The view in words: the text alternative of the two pictures. */
export function describeView(view: CamView, count: number, t: CamViewerStrings = camViewerStrings.en): string {
  const [first = 0, second = 0] = ranking(view);
  const { row, col } = view.peak;
  const y0 = row * view.stride;
  const x0 = col * view.stride;
  return t.describe({
    digit: view.index + 1,
    count,
    label: view.label,
    first,
    firstP: pct(view.probabilities[first] ?? 0, t),
    correct: view.predicted === view.label,
    second,
    secondP: pct(view.probabilities[second] ?? 0, t),
    cls: view.cls,
    row,
    col,
    height: view.height,
    width: view.width,
    region: regionWords(row, col, view.height, view.width, t),
    y0,
    y1: y0 + view.stride - 1,
    x0,
    x1: x0 + view.stride - 1,
    mean: num(view.mean),
    bias: num(view.bias),
    score: num(view.logits[view.cls] ?? 0),
  });
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

/** The map as an HTML table, each cell coloured by its value (the static picture and the data table in one). */
export function renderMapTable(view: CamView, idBase: string, t: CamViewerStrings = camViewerStrings.en): string {
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
    `<table class="cam-map" aria-labelledby="${escapeHtml(idBase)}-map-caption"><caption id="${escapeHtml(idBase)}-map-caption">` +
    escapeHtml(t.mapCaption(view.cls, view.height, view.width)) +
    `</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** The ten classes with their score, probability and map mean, as an HTML table. */
export function renderProbTable(view: CamView, idBase: string, t: CamViewerStrings = camViewerStrings.en): string {
  const e = escapeHtml;
  const rows = view.probabilities.map((p, c) => {
    const cls = [c === view.predicted ? 'predicted' : '', c === view.cls ? 'shown' : ''].filter(Boolean).join(' ');
    return (
      `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${c}${c === view.predicted ? e(t.predictedMark) : ''}</th>` +
      `<td>${num(view.logits[c] ?? 0)}</td><td>${e(pct(p, t))}</td>` +
      `<td><span class="cam-bar" style="inline-size:${(100 * p).toFixed(1)}%"></span></td></tr>`
    );
  });
  return (
    `<table class="cam-probs" aria-labelledby="${e(idBase)}-probs-caption"><caption id="${e(idBase)}-probs-caption">${e(t.probsCaption)}</caption>` +
    `<thead><tr><th scope="col">${e(t.headClass)}</th><th scope="col">${e(t.headScore)}</th><th scope="col">${e(t.headProbability)}</th>` +
    `<th scope="col"><span class="visually-hidden">${e(t.headBar)}</span></th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** The option labels of the digit chooser: "1 — labelled 7". */
export function digitOptions(data: CamData, t: CamViewerStrings = camViewerStrings.en): string[] {
  return data.labels.map((l, n) => t.digitOption(n + 1, l));
}

/** Reads the class select's value: 'predicted' or a class index. */
export function parseChoice(value: string): ClassChoice {
  return value === 'predicted' ? 'predicted' : Number(value);
}
