/**
 * The model inspector: reads nn.Sequential(...) code or the text print(model)
 * prints, and reports per-layer shapes, parameters, MACs and actionable errors.
 * Pure TypeScript (no DOM); the shape math is the layer library's.
 */
export { inspect, parseInputShape, type InspectReport, type InspectError, type LayerRow, type SourceFormat } from './inspect';
export { formatTable, formatCount } from './format';
