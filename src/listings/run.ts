/**
 * Runs the code of a runnable listing and collects what it prints. One function,
 * {@link runListing}, used by the browser's listing worker
 * (`src/components/listing/listing.worker.ts`) and by the Node test that checks
 * every listing in `content/` (`tests/unit/listings/content.test.ts`).
 *
 * Steps:
 *  1. Transpile with sucrase (lazily imported): TypeScript types are removed
 *     (`lang="ts"`), and `import` statements become `require(…)` calls (both
 *     languages). Sucrase keeps every line on its line, so line numbers survive.
 *  2. Check the imports against the allow-list (`modules.ts`) and load them.
 *  3. Build an async function from the code (the `AsyncFunction` constructor, i.e.
 *     evaluation: in the browser this happens only inside the listing worker) whose
 *     parameters shadow `console`, `require`, the network APIs, and provide `plot`.
 *     Top-level `await` and a top-level `return` (the listing's value) both work.
 *  4. Run it; format every console line and the returned value (`format.ts`);
 *     dispose every tensor the run created.
 *  5. Errors: the line (and column) in the reader's code, by subtracting the lines
 *     that the function constructor puts before the body (measured once, so it is
 *     right in every engine).
 */
import { describePlot, formatArgs, formatValue, toPoints, type PlotPoint } from './format';
import { ALLOWED_MODULES, ALLOWED_SPECIFIERS, TFJS } from './modules';

export type ListingLang = 'ts' | 'js';

type LineKind = 'log' | 'warn' | 'error' | 'value' | 'plot';

/** One line (or block) of a listing's output. */
export interface OutputLine {
  kind: LineKind;
  text: string;
}

export interface ListingError {
  /** `SyntaxError`, `TypeError`, …, or `ImportError` for a module outside the allow-list. */
  name: string;
  message: string;
  /** 1-based line in the reader's code, when known. */
  line?: number;
  column?: number;
}

export interface ListingPlot {
  label?: string;
  points: PlotPoint[];
}

export interface RunResult {
  lines: OutputLine[];
  plots: ListingPlot[];
  error?: ListingError;
  /** Milliseconds spent running (transpiling and loading modules included). */
  ms: number;
  /** Tensors still allocated after the run (0 unless the code keeps some with tf.keep). */
  tensorsLeft: number;
}

export interface RunOptions {
  /** Called as each line is printed (the worker streams output). */
  onLine?: (line: OutputLine) => void;
  /** Called for each plot. */
  onPlot?: (plot: ListingPlot) => void;
  /** Called when the reader's code starts (after transpiling and loading its imports). */
  onStart?: () => void;
}

/** The name the evaluated code gets in stack traces. */
const SOURCE_URL = 'fully-connected-listing.js';

/** Parameters of the evaluated function: what they shadow is listed in `blockedGlobals`. */
const PARAMS = [
  'console',
  'plot',
  'require',
  'exports',
  'module',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
] as const;

type AsyncFunctionConstructor = new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as AsyncFunctionConstructor;

/** A message for any attempt to use the network from a listing. */
const NETWORK_BLOCKED = 'listings run without network access';

/** Stand-ins for the network and storage APIs (also installed on the worker's global scope). */
export function blockedGlobals(): Record<(typeof PARAMS)[number] & string, unknown> & Record<string, unknown> {
  const refuse = (what: string) =>
    function blocked(): never {
      throw new Error(`${what} is blocked: ${NETWORK_BLOCKED}`);
    };
  return {
    fetch: (input: unknown) => Promise.reject(new Error(`fetch(${formatValue(String(input), true)}) is blocked: ${NETWORK_BLOCKED}`)),
    XMLHttpRequest: refuse('XMLHttpRequest'),
    WebSocket: refuse('WebSocket'),
    EventSource: refuse('EventSource'),
    importScripts: refuse('importScripts'),
    indexedDB: undefined,
    caches: undefined,
  } as never;
}

/** Lines the function constructor adds before the body, measured once. */
let headerLines: number | undefined;

/** The position of the evaluated code's innermost frame in an error's stack (engine lines). */
function stackPosition(error: unknown): { line: number; column: number } | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  const at = stack.indexOf(SOURCE_URL);
  if (at < 0) return undefined;
  const match = /^:(\d+):(\d+)/.exec(stack.slice(at + SOURCE_URL.length));
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

async function measureHeader(): Promise<number> {
  if (headerLines === undefined) {
    const probe = new AsyncFunction(...PARAMS, `throw new Error('probe');\n//# sourceURL=${SOURCE_URL}`);
    try {
      await probe();
    } catch (error) {
      headerLines = (stackPosition(error)?.line ?? 1) - 1;
    }
  }
  return headerLines ?? 0;
}

/** The module specifiers in sucrase's output, with the line of each. */
function requiredModules(code: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const match of code.matchAll(/\brequire\((['"])([^'"]+)\1\)/g)) {
    found.push({ specifier: match[2] ?? '', line: code.slice(0, match.index).split('\n').length });
  }
  return found;
}

/**
 * Transpiles a listing: TypeScript → JavaScript (for `ts`) and ES imports →
 * `require` (both). Lines are kept. Throws a {@link ListingError}-shaped object for
 * a syntax error, with the reader's line and column.
 */
async function transpile(source: string, lang: ListingLang): Promise<string> {
  const { transform } = await import('sucrase');
  try {
    // The leading newline gives sucrase's helpers ("use strict", interop functions)
    // a line of their own, so the reader's line 1 keeps its columns; it is line 2 of
    // the result, which {@link toListingError} accounts for.
    return transform(`\n${source}`, {
      transforms: lang === 'ts' ? ['typescript', 'imports'] : ['imports'],
      disableESTransforms: true,
      production: true,
    }).code;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw {
      name: 'SyntaxError',
      message,
      line: loc ? loc.line - 1 : undefined,
      column: loc ? loc.column + 1 : undefined,
    } satisfies ListingError;
  }
}

function isListingError(value: unknown): value is ListingError {
  return typeof value === 'object' && value !== null && 'name' in value && 'message' in value && !(value instanceof Error);
}

/** An exception from the reader's code as a {@link ListingError}, with the reader's line. */
function toListingError(error: unknown, header: number): ListingError {
  if (isListingError(error)) return error;
  if (!(error instanceof Error)) return { name: 'Error', message: `the code threw ${formatValue(error, true)}, which is not an Error` };
  const position = stackPosition(error);
  const result: ListingError = { name: error.name, message: error.message };
  // Engine line = header lines + 1 (transpile's leading newline) + reader's line.
  if (position && position.line > header + 1) {
    result.line = position.line - header - 1;
    result.column = position.column;
  }
  return result;
}

/** The allow-listed module specifiers that `source` names in an `import … from '…'`. */
export function sourceImports(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/\bfrom\s*(['"])([^'"\n]+)\1/g)) {
    const specifier = match[2] ?? '';
    if (specifier in ALLOWED_MODULES) found.add(specifier);
  }
  return [...found];
}

/**
 * Starts loading the modules `source` imports while the transpiler loads, instead of
 * after it (a first Run of a TensorFlow.js listing waited for the two in turn). Only a
 * head start: the run itself loads, and checks, what the transpiled code requires.
 */
function prefetchImports(source: string): void {
  for (const specifier of sourceImports(source)) ALLOWED_MODULES[specifier]?.().catch(() => {});
}

/**
 * Loads what running `source` will need — the transpiler and the allow-listed modules
 * it imports — without running it, so that the reader's first Run does not wait for
 * them (the listing worker calls this when a reader starts using a listing). Errors
 * are left for the run itself to report.
 */
export async function warmUp(source: string, lang: ListingLang): Promise<void> {
  prefetchImports(source);
  try {
    const code = await transpile(source, lang);
    await Promise.all(requiredModules(code).map(({ specifier }) => ALLOWED_MODULES[specifier]?.()));
  } catch {
    // The run reports it, at the reader's line.
  }
}

/**
 * Runs a listing's `source` and returns its output. Never throws: every problem
 * (syntax, a refused import, an exception) ends up in `error`. The code runs with
 * `console.log/info/warn/error`, `plot(points, label?)`, `require` limited to the
 * allow-list and blocked network APIs; a top-level `return` gives the value shown
 * last. Tensors created during the run are disposed afterwards.
 */
export async function runListing(source: string, lang: ListingLang, options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const lines: OutputLine[] = [];
  const plots: ListingPlot[] = [];
  const emit = (kind: LineKind, text: string): void => {
    const line = { kind, text };
    lines.push(line);
    options.onLine?.(line);
  };
  const done = (error: ListingError | undefined, tensorsLeft = 0): RunResult => ({
    lines,
    plots,
    ms: performance.now() - started,
    tensorsLeft,
    ...(error ? { error } : {}),
  });

  prefetchImports(source);
  let code: string;
  try {
    code = await transpile(source, lang);
  } catch (error) {
    return done(toListingError(error, 0));
  }

  const modules = new Map<string, object>();
  for (const { specifier, line } of requiredModules(code)) {
    const load = ALLOWED_MODULES[specifier];
    if (!load) {
      return done({
        name: 'ImportError',
        message: `listings cannot import '${specifier}'; they can import ${ALLOWED_SPECIFIERS.map((s) => `'${s}'`).join(', ')}`,
        line: line - 1,
      });
    }
    if (!modules.has(specifier)) modules.set(specifier, await load());
  }

  const header = await measureHeader();
  const tf = modules.get(TFJS) as typeof import('./tf') | undefined;
  const tensorsBefore = tf?.memory().numTensors ?? 0;
  tf?.engine().startScope();
  const write =
    (kind: LineKind) =>
    (...args: unknown[]): void =>
      emit(kind, formatArgs(args));
  const sandboxConsole = { log: write('log'), info: write('log'), debug: write('log'), warn: write('warn'), error: write('error') };
  const plot = (data: unknown, label?: string): void => {
    const item: ListingPlot = { points: toPoints(data), ...(label === undefined ? {} : { label: String(label) }) };
    plots.push(item);
    options.onPlot?.(item);
    emit('plot', describePlot(item.points, item.label));
  };
  const require = (specifier: string): object => {
    const found = modules.get(specifier);
    if (!found) throw new Error(`listings cannot import '${specifier}'`);
    return found;
  };
  const blocked = blockedGlobals();
  const values: Record<(typeof PARAMS)[number], unknown> = {
    ...blocked,
    console: sandboxConsole,
    plot,
    require,
    exports: {},
    module: { exports: {} },
  } as Record<(typeof PARAMS)[number], unknown>;

  let error: ListingError | undefined;
  try {
    let fn: (...args: unknown[]) => Promise<unknown>;
    try {
      fn = new AsyncFunction(...PARAMS, `${code}\n//# sourceURL=${SOURCE_URL}`);
    } catch (compileError) {
      if (compileError instanceof EvalError) {
        throw {
          name: 'EvalError',
          message: `this page's Content-Security-Policy does not let the listing worker evaluate code (it needs 'unsafe-eval' for the worker script)`,
        } satisfies ListingError;
      }
      throw compileError;
    }
    options.onStart?.();
    const value = await fn(...PARAMS.map((p) => values[p]));
    if (value !== undefined) emit('value', `=> ${formatValue(value)}`);
  } catch (thrown) {
    error = toListingError(thrown, header);
    // Sucrase keeps lines but not columns when it removes TypeScript syntax.
    if (lang === 'ts' && error.name !== 'SyntaxError') delete error.column;
  } finally {
    tf?.engine().endScope();
  }
  const tensorsLeft = tf ? Math.max(0, tf.memory().numTensors - tensorsBefore) : 0;
  return done(error, tensorsLeft);
}

/** An error as the reader sees it: `TypeError on line 3: x is not a function`. */
export function describeError(error: ListingError): string {
  const where = error.line === undefined ? '' : ` on line ${error.line}${error.column === undefined ? '' : `, column ${error.column}`}`;
  return `${error.name}${where}: ${error.message}`;
}

/**
 * The output as one text, as a listing's expected output is written in the MDX:
 * every line in order, then the error (if any) as `describeError` writes it.
 */
export function outputText(result: Pick<RunResult, 'lines' | 'error'>): string {
  const parts = result.lines.map((l) => l.text);
  if (result.error) parts.push(describeError(result.error));
  return parts.join('\n');
}
