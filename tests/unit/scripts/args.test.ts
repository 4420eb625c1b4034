/** scripts/lib/args.ts: usage on --help and on every mistake, numbers checked. */
import { describe, expect, it, vi } from 'vitest';
import { parseScriptArgs, usageText } from '../../../scripts/lib/args';

const options = {
  port: { type: 'string', value: 'N', description: 'the port', default: '4321' },
  quick: { type: 'boolean', description: 'skip the slow part' },
} as const;

/** Runs the parser with `argv`; an exit becomes a thrown { code }, and what it printed is kept. */
function run(argv: string[]) {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void printed.push(s));
  const err = vi.spyOn(console, 'error').mockImplementation((s: string) => void printed.push(s));
  try {
    const exit = (code: number): never => {
      throw Object.assign(new Error('exit'), { code });
    };
    return { args: parseScriptArgs('npm run serve -- [options]', options, { argv, exit }), printed };
  } catch (error) {
    return { code: (error as { code?: number }).code, printed };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('parseScriptArgs', () => {
  it('reads options and checks whole numbers', () => {
    const { args } = run(['--port', '4399', '--quick']);
    expect(args?.integer('port', 4321, 1, 65535)).toBe(4399);
    expect(args?.values.quick).toBe(true);
    expect(run([]).args?.integer('port', 4321, 1, 65535)).toBe(4321);
  });

  it('answers a NaN port, an unknown option and a stray argument with the usage, exit 2', () => {
    const nan = run(['--port', 'x']);
    expect(() => nan.args?.integer('port', 4321, 1, 65535)).toThrow('exit');
    for (const argv of [['--prot', '1'], ['extra']]) {
      const r = run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.printed.join('\n')).toContain('usage: npm run serve -- [options]');
    }
  });

  it('prints the usage on --help and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.printed[0]).toBe(usageText('npm run serve -- [options]', options));
    expect(r.printed[0]).toContain('--port N');
    expect(r.printed[0]).toContain('(default 4321)');
  });

  it('names the script in each complaint when given a name, prints what it does, and takes -h', () => {
    const printed: string[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation((x: string) => void printed.push(x));
    const log = vi.spyOn(console, 'log').mockImplementation((x: string) => void printed.push(x));
    const exit = (code: number): never => {
      throw Object.assign(new Error('exit'), { code });
    };
    try {
      const settings = { name: 'inspect', about: 'Reads a model.', positionals: 1, exit };
      expect(() => parseScriptArgs('npm run inspect -- FILE', options, { ...settings, argv: ['a', 'b'] })).toThrow('exit');
      expect(printed[0]).toMatch(/^inspect: unexpected argument "b"\n\nusage: npm run inspect -- FILE\n\nReads a model\.\n\noptions:/);
      expect(() => parseScriptArgs('npm run inspect -- FILE', options, { ...settings, argv: ['-h'] })).toThrow('exit');
      expect(printed[1]).toBe(usageText('npm run inspect -- FILE', options, 'Reads a model.'));
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
  });
});
