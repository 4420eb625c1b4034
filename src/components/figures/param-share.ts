/**
 * Where a classic CNN's parameters are: in its fully connected (Linear) layers or
 * in the rest (convolutions, normalisation). Computed by the model inspector from
 * the architectures in content/models/ (print(model) text), no DOM.
 */
import { inspect } from '../../lib/inspector';
import { examples } from '../inspector/examples';

export interface ParamShare {
  id: string;
  title: string;
  /** The input shape the network was walked with (C,H,W). */
  input: string;
  /** Σ parameters of every layer (`sum(p.numel() for p in model.parameters())`). */
  total: number;
  /** Σ parameters of the Linear layers. */
  fc: number;
  /** total − fc: convolutions and everything else. */
  rest: number;
  /** fc / total, in [0, 1]. */
  share: number;
  /** How many Linear layers. */
  fcLayers: number;
  /** The largest single Linear layer's parameters and its share of the total. */
  largestFc: number;
  largestShare: number;
}

/** The networks of the figure, by their id in content/models/examples.json. */
const PARAM_SHARE_MODELS = ['lenet5', 'alexnet', 'vgg16'] as const;

/**
 * Splits one example network's parameters into FC and the rest:
 *
 *   share = Σ_{Linear ℓ} (in_ℓ + 1)·out_ℓ / Σ_{all ℓ} params_ℓ
 *
 * Throws if the example is missing or the inspector reports an error (a broken
 * architecture file must stop the build, not print a wrong share).
 */
export function paramShare(id: string): ParamShare {
  const example = examples.find((e) => e.id === id);
  if (!example) throw new Error(`No example network "${id}" in content/models/examples.json.`);
  const report = inspect(example.source, example.input);
  if (!report.ok || !report.totals.complete) {
    throw new Error(`The inspector could not read ${id}: ${report.errors.map((e) => e.message).join('; ')}`);
  }
  let fc = 0;
  let largestFc = 0;
  let fcLayers = 0;
  for (const row of report.layers) {
    if (row.type !== 'Linear' || !row.params) continue;
    fc += row.params.trainable;
    largestFc = Math.max(largestFc, row.params.trainable);
    fcLayers++;
  }
  const total = report.totals.parameters;
  return {
    id,
    title: example.title,
    input: example.input,
    total,
    fc,
    rest: total - fc,
    share: fc / total,
    fcLayers,
    largestFc,
    largestShare: largestFc / total,
  };
}

/** The figure's rows, in PARAM_SHARE_MODELS order. */
export function paramShares(): ParamShare[] {
  return PARAM_SHARE_MODELS.map((id) => paramShare(id));
}

/** A share as a percentage with one decimal: 0.9596 → "96.0 %". */
export function percent(share: number): string {
  return `${(100 * share).toFixed(1)} %`;
}
