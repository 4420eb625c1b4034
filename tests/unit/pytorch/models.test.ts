/**
 * The book's example models (content/models/, the inspector's ready examples) built and
 * run in real PyTorch: parameter and buffer counts, output shape, or PyTorch's error,
 * against the inspector's report. The `print(model)` examples of torchvision's networks
 * are compared with torchvision's own printout.
 */
import { describe, expect, it } from 'vitest';
import { examples } from '../../../src/components/inspector/examples';
import { inspect } from '../../../src/lib/inspector';
import { runPythonListing } from './oracle';

/** Build `model` from the example's source (or torchvision), run a zero batch of one, and report. */
function pytorchReport(source: string, input: string, torchvision: string | null): Record<string, unknown> {
  const program = [
    'import torch',
    torchvision ? `import torchvision\nmodel = torchvision.models.${torchvision}()` : source,
    'report("printed", str(model))',
    'report("parameters", sum(p.numel() for p in model.parameters()))',
    'report("buffers", sum(b.numel() for b in model.buffers()))',
    'model.eval()',
    'try:',
    `    report("output", list(model(torch.zeros(1, ${input})).shape))`,
    'except Exception as error:',
    '    report("error", str(error).splitlines()[0])',
  ].join('\n');
  const result = runPythonListing(program);
  if (!('reported' in result)) throw new Error(`${result.error}\n${program}`);
  return result.reported;
}

/** torchvision's constructor for the print(model) examples that come from torchvision. */
const TORCHVISION: Record<string, string> = { alexnet: 'alexnet', vgg16: 'vgg16' };

describe.each(examples.map((e) => [e.id, e] as const))('example %s against PyTorch', (id, example) => {
  const torchvision = TORCHVISION[id] ?? null;
  const isCode = !example.source.trimStart().startsWith('Sequential(') && /nn\.Sequential\(/.test(example.source);
  if (!isCode && !torchvision) {
    it('is a print(model) text that PyTorch cannot rebuild here (no torchvision model)', () => {
      expect(id).toBe('lenet5');
    });
    return;
  }
  const torch = pytorchReport(example.source, example.input, torchvision);
  const report = inspect(example.source, example.input);

  if (torchvision) {
    it('is what print(torchvision.models.…()) prints', () => expect(example.source.trim()).toBe(String(torch.printed).trim()));
  }

  it('has PyTorch’s parameter and buffer counts', () => {
    expect(report.totals.parameters).toBe(torch.parameters);
    expect(report.totals.buffers).toBe(torch.buffers);
  });

  it('gives PyTorch’s output shape, or fails where PyTorch fails, with its message', () => {
    if ('error' in torch) {
      expect(report.ok).toBe(false);
      expect(report.errors.map((e) => e.message).join('\n')).toContain(String(torch.error));
    } else {
      expect(report.errors).toEqual([]);
      expect(report.output).toEqual(torch.output);
    }
  });
});
