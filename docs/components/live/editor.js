// editor: the CodeMirror 6 editor a cell opens in place. Loaded with import() on the first Edit,
// so a page that is only read never fetches CodeMirror. (The npm package "codemirror" installed
// here is CodeMirror 5 republished as 6.65.7, so the editor is assembled from @codemirror/*.)

import {EditorState, StateEffect, StateField} from "@codemirror/state";
import {EditorView, Decoration, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection} from "@codemirror/view";
import {defaultKeymap, history, historyKeymap} from "@codemirror/commands";
import {bracketMatching, indentOnInput, syntaxHighlighting, defaultHighlightStyle} from "@codemirror/language";
import {javascript} from "@codemirror/lang-javascript";

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
        syntaxHighlighting(defaultHighlightStyle, {fallback: true}),
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
