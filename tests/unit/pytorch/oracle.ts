/**
 * Runs cases through real PyTorch (scripts/pytorch/oracle.py, one Python process per
 * call) so that unit tests compare the book's library with PyTorch itself. Without a
 * Python that can import torch, it throws with the install command: the PyTorch checks
 * never skip silently.
 */
import { spawnSync } from 'node:child_process';
import { findPytorch, PYTORCH_INSTALL_HINT } from '../../../scripts/find-pytorch.mjs';

export interface OracleCase {
  /** A class of torch.nn, e.g. "MaxPool2d". */
  module: string;
  kwargs: Record<string, unknown>;
  /** The shape of the tensor fed to it: zeros, or 0, 1, 2, … in row-major order when `values`. */
  input: number[];
  /** Feed 0, 1, 2, … and return the output's values too. */
  values?: boolean;
}

export type OracleResult = { shape: number[]; values?: number[] } | { error: string };

/** JSON has no infinities: oracle.py writes them as "inf" and "-inf". */
function revive(_key: string, value: unknown): unknown {
  return value === 'inf' ? Infinity : value === '-inf' ? -Infinity : value;
}

function oracle(args: string[], input: string): string {
  const found = findPytorch();
  if (!found) throw new Error(PYTORCH_INSTALL_HINT);
  const run = spawnSync(found.python, ['scripts/pytorch/oracle.py', ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`scripts/pytorch/oracle.py failed (exit ${run.status}):\n${run.stderr}`);
  return run.stdout;
}

/** PyTorch's verdict on every case, in order, and the torch version that gave it. */
export function runPytorch(cases: OracleCase[]): { torch: string; results: OracleResult[] } {
  return JSON.parse(oracle([], JSON.stringify(cases)), revive) as { torch: string; results: OracleResult[] };
}

/**
 * Runs Python source (a listing of the book followed by checks) in real PyTorch; the
 * source calls `report(name, value)` for what the test should see.
 */
export function runPythonListing(source: string): { reported: Record<string, unknown> } | { error: string } {
  return JSON.parse(oracle(['--script'], source), revive) as { reported: Record<string, unknown> } | { error: string };
}
