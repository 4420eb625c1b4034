/**
 * CodeMirror's styles under the book's Content-Security-Policy.
 *
 * CodeMirror styles itself through style-mod, which writes its rules into a <style>
 * element when the editor is mounted in a document. The book's policy allows no inline
 * styles without a hash, so the browser blocks that element (and reports a violation).
 * Constructable stylesheets (`document.adoptedStyleSheets`) are not subject to
 * `style-src`, and style-mod already uses one inside shadow roots; `adoptStyles` makes
 * it use one for the document as well, keeping style-mod's module order (later modules
 * take precedence, as in `StyleModule.mount`).
 */
import { StyleModule } from 'style-mod';

let installed = false;

/** Routes style-mod's document-level mounts to one adopted stylesheet. Idempotent. */
export function adoptStyles(): void {
  if (installed || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
  installed = true;
  const mountOriginal = StyleModule.mount.bind(StyleModule);
  const sheet = new CSSStyleSheet();
  const order: StyleModule[] = [];

  StyleModule.mount = (root, modules, options) => {
    if (root !== document) {
      mountOriginal(root, modules, options);
      return;
    }
    let changed = false;
    let j = 0; // position in `order` after the previous module of this call
    for (const mod of Array.isArray(modules) ? (modules as readonly StyleModule[]) : [modules as StyleModule]) {
      let index = order.indexOf(mod);
      if (index > -1 && index < j) {
        // Ordering conflict: this call wants it later than it is; move it (as style-mod does).
        order.splice(index, 1);
        j -= 1;
        index = -1;
      }
      if (index === -1) {
        order.splice(j, 0, mod);
        j += 1;
        changed = true;
      } else {
        j = index + 1;
      }
    }
    if (changed) sheet.replaceSync(order.map((m) => m.getRules()).join('\n'));
    if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
  };
}
