/**
 * The editor of a runnable listing: swaps the build-time highlighted code for a
 * CodeMirror 6 editor. Loaded by `listing.client.ts` right after the listing's runner
 * has mounted, so a Run clicked before the editor is ready runs the code as shown and
 * does not wait for CodeMirror (docs/authoring.md#runnable-listings).
 */
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  Decoration,
  type DecorationSet,
} from '@codemirror/view';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { tags } from '@lezer/highlight';
import type { ListingLang } from '../../listings/run';
import { adoptStyles } from './adopted-styles';
import { listingStrings, type ListingStrings } from './strings';

// CodeMirror's styles go into an adopted stylesheet: the page's CSP blocks inline <style>.
adoptStyles();

/** Syntax colours from CSS variables set per theme in Listing.astro (contrast-checked in light and dark). */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.modifier, tags.operatorKeyword, tags.controlKeyword], color: 'var(--listing-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--listing-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--listing-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--listing-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: 'var(--listing-type)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--listing-function)' },
]);

/** Marks the line of the last error in the editor. */
const setErrorLine = StateEffect.define<number | null>();
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = tr.docChanged ? Decoration.none : value;
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const n = effect.value;
      next =
        n !== null && n >= 1 && n <= tr.state.doc.lines
          ? Decoration.set([Decoration.line({ class: 'cm-error-line' }).range(tr.state.doc.line(n).from)])
          : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** What the runner needs of the editor. */
export interface ListingEditor {
  /** The code as the reader has it now. */
  code(): string;
  /** Replaces the code (Reset). */
  setCode(code: string): void;
  /** Marks line `n` (1-based) as the error's, or clears the mark. */
  markErrorLine(n: number | null): void;
  /** Removes the editor and shows the build-time code again. */
  destroy(): void;
}

export interface EditorOptions {
  code: string;
  lang: ListingLang;
  /** The listing's name, for the editor's accessible label. */
  name: string;
  /** Ctrl/Cmd+Enter. */
  run: () => void;
  /** Esc: where the focus goes (the Run button), so nobody is trapped in the editor. */
  leave: () => void;
  strings?: ListingStrings;
}

/** Replaces `staticCode` by an editor in `editorBox`; the focus follows if it was in the static code. */
export function attachEditor(staticCode: HTMLElement, editorBox: HTMLElement, options: EditorOptions): ListingEditor {
  const t = options.strings ?? listingStrings.en;
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    syntaxHighlighting(highlight),
    javascript({ typescript: options.lang === 'ts' }),
    errorLine,
    keymap.of([
      { key: 'Mod-Enter', run: () => (options.run(), true) },
      { key: 'Escape', run: () => (options.leave(), true) },
      ...defaultKeymap,
      ...historyKeymap,
    ]),
    // Tab is left to move focus (WCAG 2.1.2): no indentWithTab; indentation comes from Enter.
    EditorView.contentAttributes.of({ 'aria-label': t.editorLabel(options.name) }),
    EditorView.lineWrapping,
  ];
  const view = new EditorView({ state: EditorState.create({ doc: options.code, extensions }), parent: editorBox });
  const focusEditor = staticCode.contains(document.activeElement);
  staticCode.hidden = true;
  editorBox.hidden = false;
  if (focusEditor) view.focus();
  return {
    code: () => view.state.doc.toString(),
    setCode: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code }, effects: setErrorLine.of(null) }),
    markErrorLine: (n) => view.dispatch({ effects: setErrorLine.of(n) }),
    destroy: () => {
      view.destroy();
      editorBox.hidden = true;
      staticCode.hidden = false;
    },
  };
}
