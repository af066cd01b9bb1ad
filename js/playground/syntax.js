// Syntax highlighting for the editor: which grammar suits a file, and colours that follow the page's theme
// (CSS variables switched by prefers-color-scheme, so one highlight style serves light and dark).
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { tags } from '@lezer/highlight';

/** HCL (Terraform, .terraform.lock.hcl): comments, strings, numbers, block types and attribute names. */
const hcl = StreamLanguage.define({
  name: 'hcl',
  startState: () => ({ inBlockComment: false }),
  token(stream, state) {
    if (state.inBlockComment) {
      if (stream.skipTo('*/')) {
        stream.match('*/');
        state.inBlockComment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('/*')) {
      state.inBlockComment = true;
      return 'comment';
    }
    if (stream.match('#') || stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^-?\d+(?:\.\d+)?/)) return 'number';
    if (stream.match(/^(?:true|false|null)\b/)) return 'atom';
    const firstOnLine = stream.column() === stream.indentation();
    if (stream.match(/^[A-Za-z_][\w-]*/)) {
      if (stream.match(/^\s*=(?!=)/, false)) return 'propertyName';
      return firstOnLine ? 'keyword' : 'variableName';
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#', block: { open: '/*', close: '*/' } } },
});

const GRAMMARS = {
  yaml: () => yaml(),
  json: () => json(),
  dockerfile: () => StreamLanguage.define(dockerFile),
  hcl: () => hcl,
};

/**
 * The grammar to highlight a file with: from the kind the core gave it, else from its name's extension.
 * Display only: what the file is for checking is the core's decision.
 */
export function grammarFor(kind, fileName) {
  const lower = fileName.toLowerCase();
  if (kind === 'dockerfile') return 'dockerfile';
  if (kind?.startsWith('terraform') && kind !== 'terraform-plan') return 'hcl';
  if (kind === 'terraform-plan' || lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.tf') || lower.endsWith('.hcl')) return 'hcl';
  return 'yaml';
}

export const grammar = (name) => GRAMMARS[name]();

export const highlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: [tags.keyword, tags.definitionKeyword, tags.modifier], color: 'var(--syntax-keyword)' },
    { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--syntax-property)' },
    { tag: [tags.string, tags.special(tags.string), tags.content], color: 'var(--syntax-string)' },
    { tag: [tags.number, tags.bool, tags.atom, tags.null], color: 'var(--syntax-atom)' },
    { tag: [tags.comment, tags.meta], color: 'var(--syntax-comment)', fontStyle: 'italic' },
    { tag: [tags.variableName, tags.labelName, tags.typeName], color: 'var(--syntax-variable)' },
    { tag: [tags.punctuation, tags.separator, tags.bracket], color: 'var(--syntax-punctuation)' },
  ]),
);
