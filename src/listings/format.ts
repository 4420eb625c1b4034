/**
 * How a runnable listing's output is written as text: console arguments, the
 * returned value, tensors (with dtype and shape) and plots. The same functions run
 * in the browser's listing worker and in the Node test that checks every listing's
 * expected output, so the two cannot disagree.
 */

/** The parts of a TensorFlow.js tensor the formatter reads (no tfjs import here). */
interface TensorLike {
  shape: number[];
  dtype: string;
  arraySync(): unknown;
  dispose(): void;
  isDisposed?: boolean;
}

/** True for a TensorFlow.js tensor (or anything shaped like one). */
function isTensorLike(value: unknown): value is TensorLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as TensorLike).shape) &&
    typeof (value as TensorLike).dtype === 'string' &&
    typeof (value as TensorLike).arraySync === 'function'
  );
}

/**
 * A number as the listings print it: integers as they are, other values rounded to
 * at most 4 decimals (so float32 noise such as 0.30000001 prints as 0.3), and
 * -0 as 0.
 */
export function formatNumber(x: number): string {
  if (Object.is(x, -0)) return '0';
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  const rounded = Number(x.toFixed(4));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A nested array of a tensor's values, one bracket level per dimension. */
function formatNested(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatNested).join(', ')}]`;
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** A tensor: `Tensor float32 [2, 2]` then its values, e.g. `[[1, 2], [3, 4]]`. */
function formatTensor(t: TensorLike): string {
  if (t.isDisposed) return `Tensor ${t.dtype} [${t.shape.join(', ')}] (disposed)`;
  return `Tensor ${t.dtype} [${t.shape.join(', ')}]\n${formatNested(t.arraySync())}`;
}

/**
 * Any value as one piece of text, the way `console.log` in the listings shows it:
 * strings as they are (at the top level), numbers by {@link formatNumber}, arrays as
 * `[1, 2]`, plain objects as `{ a: 1, b: 'x' }`, typed arrays as arrays, tensors by
 * {@link formatTensor}, errors as `Name: message`. Deterministic: the same value
 * gives the same text in Node and in every browser.
 */
export function formatValue(value: unknown, nested = false, seen: Set<object> = new Set()): string {
  if (typeof value === 'string') return nested ? `'${value}'` : value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'symbol') return String(value);
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (isTensorLike(value)) return formatTensor(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      return `[${Array.from(value as unknown as ArrayLike<number>, (x) => formatValue(x, true, seen)).join(', ')}]`;
    }
    if (Array.isArray(value)) return `[${value.map((x) => formatValue(x, true, seen)).join(', ')}]`;
    if (value instanceof Map) {
      return `Map { ${[...value].map(([k, v]) => `${formatValue(k, true, seen)} => ${formatValue(v, true, seen)}`).join(', ')} }`;
    }
    if (value instanceof Set) return `Set { ${[...value].map((x) => formatValue(x, true, seen)).join(', ')} }`;
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${formatValue(v, true, seen)}`).join(', ')} }`;
  } finally {
    seen.delete(value);
  }
}

/** `console.log(a, b, …)`: each argument formatted, separated by spaces. */
export function formatArgs(args: readonly unknown[]): string {
  return args.map((a) => formatValue(a)).join(' ');
}

/** A point of a plot. */
export interface PlotPoint {
  x: number;
  y: number;
}

/**
 * The points given to `plot(…)`: numbers (y, with x = 0, 1, 2, …), `[x, y]` pairs or
 * `{ x, y }` objects. Throws a TypeError naming the first bad entry.
 */
export function toPoints(data: unknown): PlotPoint[] {
  const values: unknown = isTensorLike(data) ? data.arraySync() : data;
  const list = ArrayBuffer.isView(values) ? Array.from(values as unknown as ArrayLike<number>) : values;
  if (!Array.isArray(list)) throw new TypeError('plot(points) needs an array: numbers, [x, y] pairs or { x, y } objects');
  return list.map((entry: unknown, i): PlotPoint => {
    if (typeof entry === 'number') return { x: i, y: entry };
    if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'number' && typeof entry[1] === 'number') {
      return { x: entry[0], y: entry[1] };
    }
    if (
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as PlotPoint).x === 'number' &&
      typeof (entry as PlotPoint).y === 'number'
    ) {
      return { x: (entry as PlotPoint).x, y: (entry as PlotPoint).y };
    }
    throw new TypeError(`plot(points): entry ${i} is ${formatValue(entry, true)}, not a number, an [x, y] pair or an { x, y } object`);
  });
}

/** The text line that stands for a plot in the output (and its text alternative). */
export function describePlot(points: readonly PlotPoint[], label?: string): string {
  const name = label ? `plot "${label}"` : 'plot';
  if (points.length === 0) return `[${name}: no points]`;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const range = (v: number[]): string => `${formatNumber(Math.min(...v))} to ${formatNumber(Math.max(...v))}`;
  return `[${name}: ${points.length} points, x from ${range(xs)}, y from ${range(ys)}]`;
}
