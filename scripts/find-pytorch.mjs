// @ts-check
/**
 * Finds the Python with PyTorch that the book's PyTorch checks run against: Debian's
 * `/usr/bin/python3` with `python3-torch` and `python3-torchvision` (PyTorch 1.13,
 * torchvision 0.14), or $PYTORCH_PYTHON. Never installs anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTORCH_INSTALL_HINT =
  "No Python with PyTorch found for the PyTorch checks. Install Debian's with\n" +
  '    sudo apt-get update && sudo apt-get install -y python3-torch python3-torchvision\n' +
  'or point PYTORCH_PYTHON at a Python that can `import torch, torchvision`, e.g.\n' +
  '    PYTORCH_PYTHON=/path/to/python3 npm test';

/**
 * The Python interpreter to use, with the versions it reports, or null when none has
 * PyTorch. $PYTORCH_PYTHON first (an error if it cannot import torch), then
 * /usr/bin/python3.
 * @returns {{ python: string, torch: string, torchvision: string } | null}
 */
export function findPytorch() {
  const fromEnv = process.env.PYTORCH_PYTHON;
  const candidates = fromEnv ? [fromEnv] : ['/usr/bin/python3'];
  for (const python of candidates) {
    if (!existsSync(python)) continue;
    const probe = spawnSync(python, ['-c', 'import torch, torchvision; print(torch.__version__, torchvision.__version__)'], {
      encoding: 'utf8',
    });
    if (probe.status === 0) {
      const [torch = '', torchvision = ''] = probe.stdout.trim().split(/\s+/);
      return { python, torch, torchvision };
    }
  }
  if (fromEnv) throw new Error(`PYTORCH_PYTHON is set to ${fromEnv}, but it cannot import torch and torchvision.\n${PYTORCH_INSTALL_HINT}`);
  return null;
}
