/**
 * Python listings of the book run in real PyTorch, where what they claim is a fact
 * PyTorch decides (shapes, equalities), not a matter of reading the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listingIn } from '../chapters/listing';
import { runPythonListing } from './oracle';

describe('Chapter 6, class activation maps (cam.py)', () => {
  const file = 'content/chapters/06-global-average-pooling.mdx';
  const mdx = readFileSync(file, 'utf8');
  const source = [
    'import torch',
    listingIn(mdx, 'book_cnn_gap.py', file),
    'x = torch.randn(4, 1, 28, 28)',
    listingIn(mdx, 'cam.py', file),
    'report("f", list(f.shape))',
    'report("cams", list(cams.shape))',
    // Eq. gap-cam-mean: the mean of each class map plus the bias is the model's output.
    'report("diff", (cams.mean(dim=(2, 3)) + model[8].bias - model(x)).abs().max().item())',
    // Eq. gap-cam: M_k(x, y) = Σ_c w_kc f_c(x, y), written out for one class and position.
    'report("one", abs((model[8].weight[3] * f[1, :, 2, 5]).sum().item() - cams[1, 3, 2, 5].item()))',
  ].join('\n');
  const result = runPythonListing(source);

  it('runs', () => expect(result).not.toHaveProperty('error'));

  it('gives the shapes of its comments and the equations of the chapter', () => {
    if (!('reported' in result)) throw new Error(JSON.stringify(result));
    const { f, cams, diff, one } = result.reported as { f: number[]; cams: number[]; diff: number; one: number };
    expect(f).toEqual([4, 16, 7, 7]);
    expect(cams).toEqual([4, 10, 7, 7]);
    expect(diff).toBeLessThan(1e-5);
    expect(one).toBeLessThan(1e-5);
  });
});

describe('Chapter 3, porting a dense layer to Keras (port_dense_to_keras.py)', () => {
  const file = 'content/chapters/03-flattening.mdx';
  const mdx = readFileSync(file, 'utf8');
  // Keras's Dense computes y = flatten_NHWC(x) · kernel + bias; without Keras at hand,
  // `dense.set_weights` records the kernel and the check computes that product.
  const source = [
    'import torch',
    'import torch.nn as nn',
    'fc = nn.Linear(64 * 5 * 5, 7)',
    'class Dense:',
    '    def set_weights(self, weights): self.kernel, self.bias = weights',
    'dense = Dense()',
    listingIn(mdx, 'port_dense_to_keras.py', file),
    'x = torch.randn(3, C, H, W)',
    'k = torch.from_numpy(dense.kernel)',
    'keras_y = x.permute(0, 2, 3, 1).reshape(3, -1) @ k + torch.from_numpy(dense.bias)',
    'report("kernel", list(k.shape))',
    'report("ported", (keras_y - fc(x.flatten(1))).abs().max().item())',
    'report("naive", (x.permute(0, 2, 3, 1).reshape(3, -1) @ fc.weight.detach().T + fc.bias - fc(x.flatten(1))).abs().max().item())',
  ].join('\n');
  const result = runPythonListing(source);

  it('gives Keras the kernel that reproduces PyTorch’s output; weight.T alone does not', () => {
    if (!('reported' in result)) throw new Error(JSON.stringify(result));
    const { kernel, ported, naive } = result.reported as { kernel: number[]; ported: number; naive: number };
    expect(kernel).toEqual([64 * 5 * 5, 7]);
    expect(ported).toBeLessThan(1e-5);
    expect(naive).toBeGreaterThan(0.1);
  });
});
