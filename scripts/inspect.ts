/**
 * The model inspector on the command line.
 *
 *   npm run inspect -- --input 3,224,224 model.txt
 *   python -c "import torchvision; print(torchvision.models.alexnet())" | npm run inspect -- --input 3,224,224
 *
 * Exit status: 0 when the model is consistent with the input, 1 when it has an
 * error, 2 on bad usage (unknown flag, missing or garbled --input, unreadable file).
 */
import { readFileSync } from 'node:fs';
import { formatTable, inspect, parseInputShape, type SourceFormat } from '../src/lib/inspector/index.ts';

const USAGE = `usage: npm run inspect -- --input SHAPE [--json] [--format auto|code|print] [FILE | -]

Reads a PyTorch model, as nn.Sequential(...) code or as the text print(model)
prints, from FILE (or standard input), and prints each layer's output shape,
parameters and MACs, with the errors a forward pass would hit.

  --input SHAPE   the input: C,H,W (e.g. 3,224,224), N,C,H,W, or a feature count F
  --json          print the report as JSON
  --format F      auto (default), code or print
  -h, --help      show this help

exit status: 0 consistent, 1 the model has an error, 2 bad usage`;

function usageError(message: string): never {
  process.stderr.write(`inspect: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function main(argv: string[]): number {
  let input: string | undefined;
  let json = false;
  let format: SourceFormat | 'auto' = 'auto';
  let file: string | undefined;
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const takeValue = (name: string): string => {
      const eq = arg.indexOf('=');
      if (eq !== -1) return arg.slice(eq + 1);
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) usageError(`${name} needs a value`);
      i += 1;
      return value;
    };
    if (!onlyFiles && (arg === '-h' || arg === '--help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (!onlyFiles && (arg === '--input' || arg.startsWith('--input='))) {
      input = takeValue('--input');
    } else if (!onlyFiles && arg === '--json') {
      json = true;
    } else if (!onlyFiles && (arg === '--format' || arg.startsWith('--format='))) {
      const f = takeValue('--format');
      if (f !== 'auto' && f !== 'code' && f !== 'print') usageError(`--format must be auto, code or print, not '${f}'`);
      format = f;
    } else if (!onlyFiles && arg === '--') {
      onlyFiles = true;
    } else if (!onlyFiles && arg.startsWith('-') && arg !== '-') {
      usageError(`unknown option '${arg}'`);
    } else {
      if (file !== undefined) usageError(`only one model file can be given (got '${file}' and '${arg}')`);
      file = arg;
    }
  }
  if (input === undefined) usageError('missing --input (e.g. --input 3,224,224)');
  const shape = parseInputShape(input);
  if ('error' in shape) usageError(`bad --input: ${shape.error}`);

  let source: string;
  if (file === undefined || file === '-') {
    if (file === undefined && process.stdin.isTTY) usageError('no model file given and nothing on standard input');
    try {
      source = readFileSync(0, 'utf8');
    } catch (e) {
      usageError(`cannot read standard input: ${(e as Error).message}`);
    }
  } else {
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      usageError(`cannot read '${file}'${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a directory' : `: ${(e as Error).message}`}`);
    }
  }

  const report = inspect(source, input, { format });
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatTable(report));
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
