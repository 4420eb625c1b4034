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
import { parseScriptArgs, type ScriptArgs } from './lib/args';

// Typed, so that TypeScript knows `args.fail` does not return.
const args: ScriptArgs = parseScriptArgs(
  'npm run inspect -- --input SHAPE [--json] [--format auto|code|print] [FILE | -]',
  {
    input: { type: 'string', value: 'SHAPE', description: 'the input: C,H,W (e.g. 3,224,224), N,C,H,W, or a feature count F' },
    json: { type: 'boolean', description: 'print the report as JSON' },
    format: { type: 'string', value: 'F', description: 'auto, code or print', default: 'auto' },
  },
  {
    positionals: 1,
    name: 'inspect',
    about:
      'Reads a PyTorch model, as nn.Sequential(...) code or as the text print(model)\n' +
      "prints, from FILE (or standard input), and prints each layer's output shape,\n" +
      'parameters and MACs, with the errors a forward pass would hit.\n\n' +
      'exit status: 0 consistent, 1 the model has an error, 2 bad usage',
  },
);

function main(): number {
  const input = args.values.input as string | undefined;
  const format = args.values.format as SourceFormat | 'auto';
  const file = args.positionals[0];
  if (!['auto', 'code', 'print'].includes(format)) args.fail(`--format must be auto, code or print, not '${format}'`);
  if (input === undefined) args.fail('missing --input (e.g. --input 3,224,224)');
  const shape = parseInputShape(input);
  if ('error' in shape) args.fail(`bad --input: ${shape.error}`);

  let source: string;
  if (file === undefined || file === '-') {
    if (file === undefined && process.stdin.isTTY) args.fail('no model file given and nothing on standard input');
    try {
      source = readFileSync(0, 'utf8');
    } catch (e) {
      args.fail(`cannot read standard input: ${(e as Error).message}`);
    }
  } else {
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      args.fail(
        `cannot read '${file}'${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a directory' : `: ${(e as Error).message}`}`,
      );
    }
  }

  const report = inspect(source, input, { format });
  process.stdout.write(args.values.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatTable(report));
  return report.ok ? 0 : 1;
}

process.exitCode = main();
