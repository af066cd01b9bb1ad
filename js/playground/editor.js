// The CodeMirror editors: the manifest (with fixity's findings as diagnostics) and the .fixity.yml pane.
import { basicSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { grammar, highlighting } from './syntax.js';

/** Editor colours come from the page's CSS variables, so the editors follow its light or dark theme. */
const theme = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--editor-bg)', height: '100%' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--gutter-bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '.cm-tooltip': { backgroundColor: 'var(--panel-bg)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-panels': { backgroundColor: 'var(--panel-bg)', color: 'var(--fg)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
});

export class CodeEditor {
  /** `onChange()` is called after every edit of the text. */
  constructor(parent, { text, grammarName, label, onChange }) {
    this.language = new Compartment();
    this.grammarName = grammarName;
    this.extensions = [
      basicSetup,
      lintGutter(),
      theme,
      highlighting,
      EditorView.contentAttributes.of({ 'aria-label': label }),
      EditorView.updateListener.of((update) => update.docChanged && onChange()),
    ];
    this.view = new EditorView({ parent, state: this.newDocument(text) });
  }

  /** A document of its own (a file's tab), with its own undo history, to show with `document = …`. */
  newDocument(text) {
    return EditorState.create({ doc: text, extensions: [...this.extensions, this.language.of(grammar(this.grammarName ?? 'yaml'))] });
  }

  /** The document shown, with its text, selection and undo history. */
  get document() {
    return this.view.state;
  }

  /** Shows another document (no change event: its text did not change). */
  set document(state) {
    this.view.setState(state);
    this.grammarName = null; // unknown until the next setGrammar, which then applies one
  }

  get text() {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (an example, a share link); undo brings the previous text back. */
  set text(text) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  setGrammar(name) {
    if (name === this.grammarName) return;
    this.grammarName = name;
    this.view.dispatch({ effects: this.language.reconfigure(grammar(name)) });
  }

  setDiagnostics(diagnostics) {
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  /** The offset of a 1-based line and column, columns counted in Unicode scalar values as the core counts them. */
  offsetOf(line, column) {
    const doc = this.view.state.doc;
    if (line > doc.lines) return doc.length;
    const { from, text } = doc.line(Math.max(1, line));
    let offset = 0;
    for (let chars = 1; chars < column && offset < text.length; chars++) offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
    return from + offset;
  }

  /** Selects a range, scrolls it into the middle of the view and gives the editor the focus. */
  select(from, to) {
    this.view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
    this.view.focus();
  }
}
