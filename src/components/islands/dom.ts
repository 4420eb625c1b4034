/** Small DOM helpers shared by the islands. */

/** The element matching `selector` inside `root`; a widget whose markup lacks it is a bug, so this throws. */
export function required<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`widget markup is missing ${selector}`);
  return el;
}
