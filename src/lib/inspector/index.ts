/**
 * The model inspector: reads nn.Sequential(...) code or the text print(model)
 * prints, and reports per-layer shapes, parameters, MACs and actionable errors.
 * Pure TypeScript (no DOM); the shape math is the layer library's.
 */
export {
  inspect,
  parseInputShape,
  formatError,
  MAX_SOURCE_LENGTH,
  MAX_LAYERS,
  type InspectReport,
  type InspectOptions,
  type InspectError,
  type InspectErrorCode,
  type LayerRow,
  type LayerStatus,
  type LinearCheck,
  type Totals,
  type SourceEdit,
  type SourceFormat,
} from './inspect';
export { formatTable, formatCount } from './format';
export { detectFormat, MAX_NESTING } from './parser';
export { SUPPORTED_LAYERS } from './modules';
