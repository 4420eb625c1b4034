/**
 * One command-line parser for the scripts: node:util's parseArgs, with a usage text
 * that `--help` prints and that every mistake (an unknown option, a missing or
 * malformed value) prints after a one-line reason, exiting with status 2 instead of a
 * stack trace. Numbers are checked here, so a script never runs with NaN.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One line for the usage text. */
  description: string;
  /** The value's name in the usage text, e.g. N or FILE. */
  value?: string;
  default?: string | boolean;
}

export interface ScriptArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** A whole number option (or `fallback`), refused with the usage text unless min ≤ n ≤ max. */
  integer(name: string, fallback: number, min: number, max: number): number;
  /** Stops with the usage text and `reason`. */
  fail(reason: string): never;
}

/** The usage text: the command line, what the script does (`about`, when given), then one line per option. */
export function usageText(usage: string, options: Record<string, OptionSpec>, about?: string): string {
  const lines = Object.entries(options).map(([name, o]) => {
    const flag = `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    const fallback = o.default !== undefined && o.type === 'string' ? ` (default ${o.default})` : '';
    return `  ${flag.padEnd(26)} ${o.description}${fallback}`;
  });
  const intro = about === undefined ? '' : `${about}\n\n`;
  return `usage: ${usage}\n\n${intro}options:\n${[...lines, `  ${'-h, --help'.padEnd(26)} this text`].join('\n')}`;
}

export interface ParseSettings {
  /** The arguments (default: the script's). */
  argv?: string[];
  /** How many positional arguments the script takes at most. */
  positionals?: number;
  /** Printed in the usage text between the command line and the options. */
  about?: string;
  /** The script's name, to start each complaint with (`inspect: …`) instead of `✖`. */
  name?: string;
  exit?: (code: number) => never;
}

/** Parses the script's arguments (or `settings.argv`) against `options`. */
export function parseScriptArgs(usage: string, options: Record<string, OptionSpec>, settings: ParseSettings = {}): ScriptArgs {
  const { argv = process.argv.slice(2), positionals = 0, about, name, exit = (code: number): never => process.exit(code) } = settings;
  const text = usageText(usage, options, about);
  const fail = (reason: string): never => {
    console.error(`${name === undefined ? '✖' : `${name}:`} ${reason}\n\n${text}`);
    return exit(2);
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: positionals > 0,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type, default: o.default } as never])),
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  if (parsed.values.help) {
    console.log(text);
    exit(0);
  }
  if (parsed.positionals.length > positionals) fail(`unexpected argument ${JSON.stringify(parsed.positionals[positionals])}`);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  return {
    values,
    positionals: parsed.positionals,
    fail,
    integer(name, fallback, min, max) {
      const raw = values[name];
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || n < min || n > max) {
        return fail(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
      }
      return n;
    },
  };
}
