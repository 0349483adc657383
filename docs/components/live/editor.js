// editor: the CodeMirror 6 editor a cell opens in place. Loaded with import() on the first Edit,
// so a page that is only read never fetches CodeMirror. (The npm package "codemirror" installed
// here is CodeMirror 5 republished as 6.65.7, so the editor is assembled from @codemirror/*.)

import {EditorState, StateEffect, StateField} from "@codemirror/state";
import {EditorView, Decoration, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection} from "@codemirror/view";
import {defaultKeymap, history, historyKeymap} from "@codemirror/commands";
import {bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle} from "@codemirror/language";
import {javascript} from "@codemirror/lang-javascript";
import {tags as t} from "@lezer/highlight";

// The colors Framework uses for echoed code (its --syntax-* variables follow light and dark themes),
// so a cell looks the same before and after Edit.
const highlight = HighlightStyle.define([
  {tag: [t.keyword, t.operatorKeyword, t.modifier, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: "var(--syntax-keyword)"},
  {tag: [t.function(t.definition(t.variableName)), t.function(t.variableName), t.function(t.propertyName), t.typeName, t.className], color: "var(--syntax-entity)"},
  {tag: [t.number, t.bool, t.null, t.atom, t.self], color: "var(--syntax-constant)"},
  {tag: [t.string, t.special(t.string), t.regexp], color: "var(--syntax-string)"},
  {tag: [t.definition(t.variableName), t.definition(t.propertyName)], color: "var(--syntax-variable)"},
  {tag: t.comment, color: "var(--syntax-comment)", fontStyle: "italic"},
  {tag: t.invalid, color: "var(--theme-red)"}
]);

const setErrorLine = StateEffect.define();
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(lines, tr) {
    lines = lines.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setErrorLine)) {
        const n = effect.value;
        lines = n == null || n < 1 || n > tr.state.doc.lines ? Decoration.none : Decoration.set([Decoration.line({class: "live-error-line"}).range(tr.state.doc.line(n).from)]);
      }
    }
    return tr.docChanged ? Decoration.none : lines; // an edit clears the mark: the reader is fixing it
  },
  provide: (field) => EditorView.decorations.from(field)
});

/**
 * @param {{parent: Element, doc: string, lang?: string, onRun: () => void, onChange?: (code: string) => void, label?: string}} options
 */
export function editor({parent, doc, lang = "ts", onRun, onChange = () => {}, label = "Cell source"}) {
  const run = () => (onRun(), true);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(highlight),
        javascript({typescript: lang === "ts" || lang === "tsx"}),
        keymap.of([{key: "Shift-Enter", run}, {key: "Mod-Enter", run}, ...defaultKeymap, ...historyKeymap]),
        errorLine,
        EditorView.contentAttributes.of({"aria-label": label}),
        EditorView.updateListener.of((update) => update.docChanged && onChange(update.state.doc.toString()))
      ]
    })
  });
  return {
    view,
    get code() {
      return view.state.doc.toString();
    },
    set code(text) {
      view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}});
    },
    markLine(line) {
      view.dispatch({effects: setErrorLine.of(line ?? null)});
      if (line >= 1 && line <= view.state.doc.lines) view.dispatch({effects: EditorView.scrollIntoView(view.state.doc.line(line).from, {y: "nearest"})});
    },
    focus: () => view.focus(),
    destroy: () => view.destroy()
  };
}
