/**
 * The inspector's state — which example, or the reader's own code, and the input
 * shape — serialised to the URL's hash, so that a model can be shared as a link:
 *
 *   #example=vgg16&input=3,224,224
 *   #code=<base64url of the UTF-8 source>&input=1,28,28
 */
import { inspectorStrings, type InspectorStrings } from './strings';

export { hasSharedState } from './shared-state';

export interface InspectorState {
  /** An example's id, when the code is an unedited example. */
  example: string | null;
  /** The reader's code, when it is not an unedited example. */
  code: string | null;
  input: string;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string | null {
  try {
    const binary = atob(encoded.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function encodeState(state: InspectorState): string {
  const params = new URLSearchParams();
  if (state.example !== null) params.set('example', state.example);
  else if (state.code !== null) params.set('code', toBase64Url(state.code));
  params.set('input', state.input);
  return `#${params.toString()}`;
}

/** Reads a hash; anything missing or unreadable is `null` (the caller keeps its default). */
export function decodeState(
  hash: string,
  t: Pick<InspectorStrings, 'damagedLink'> = inspectorStrings.en,
): Partial<InspectorState> & { problem?: string } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const out: Partial<InspectorState> & { problem?: string } = {};
  const example = params.get('example');
  if (example) out.example = example;
  const code = params.get('code');
  if (code !== null) {
    const decoded = fromBase64Url(code);
    if (decoded === null) out.problem = t.damagedLink;
    else out.code = decoded;
  }
  const input = params.get('input');
  if (input !== null) out.input = input;
  return out;
}
