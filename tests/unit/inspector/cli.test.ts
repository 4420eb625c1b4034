/**
 * The command line (scripts/inspect.ts), run as `tsx scripts/inspect.ts` with the
 * Node that runs the tests.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const fixture = (name: string): string => `content/models/${name}`;

function run(args: string[], stdin?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [tsxCli, 'scripts/inspect.ts', ...args], {
    cwd: root,
    input: stdin ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run inspect', () => {
  it('exits 0 for a consistent model and prints the table', () => {
    const r = run(['--input', '3,224,224', fixture('alexnet.txt')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('total parameters:      61,100,840');
    expect(r.stdout).toMatch(/classifier\.6\s+Linear\(in_features=4096, out_features=1000, bias=True\)\s+\[1, 1000\]/);
  });

  it('exits 1 for a model with an error and names the line', () => {
    const r = run(['--input=1,28,28', fixture('mnist-cnn.py')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('line 12, column 15: mat1 and mat2 shapes cannot be multiplied (1x1600 and 3136x128)');
  });

  it('reads the model from standard input and prints parseable JSON with --json', () => {
    const r = run(['--json', '--input', '1,32,32'], `import torch.nn as nn\nnn.Sequential(nn.Flatten(), nn.Linear(1024, 10))\n`);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; totals: { parameters: number }; output: number[] };
    // 1·32·32 = 1024 features; 1024·10 + 10 = 10,250 parameters
    expect(report).toMatchObject({ ok: true, totals: { parameters: 10_250 }, output: [1, 10] });
  });

  it('exits 2 with a usage message on bad usage', () => {
    const cases: string[][] = [
      ['--input', '3,224,224', '--frobnicate', fixture('alexnet.txt')], // unknown flag
      [fixture('alexnet.txt')], // missing --input
      ['--input', '3,two,224', fixture('alexnet.txt')], // garbled --input
      ['--input', '3,224,224', 'no/such/model.txt'], // unreadable file
    ];
    for (const args of cases) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^inspect: /);
      expect(r.stderr).toContain('usage: npm run inspect -- --input SHAPE');
      expect(r.stdout).toBe('');
    }
  });

  it('prints help with --help and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('exit status: 0 consistent, 1 the model has an error, 2 bad usage');
  });
});
