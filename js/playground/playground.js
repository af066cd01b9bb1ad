// The playground page: editors, findings, report views, share links. It does I/O and display only: what
// a file is and what is wrong with it comes from the core, which runs in a Web Worker (worker.js).
import { CodeEditor } from './editor.js';
import { EXAMPLES, exampleFiles, exampleTitle } from './examples.js';
import { formatView } from './labels.js';
import { LintWorker } from './lint-worker.js';
import { inline, renderMarkdown } from './markdown.js';
import { MAX_LINK_CHARS, decodeState, encodeState, isShareFragment } from './share.js';
import { grammarFor } from './syntax.js';

/** A burst of keystrokes is one lint. */
const LINT_DELAY_MS = 50;
/** The address bar follows the input, a little behind it (compressing a large text is not free). */
const LINK_DELAY_MS = 400;
/** Beyond this many, findings are counted but not listed or marked: the report views hold them all. */
const MAX_SHOWN_FINDINGS = 1000;
/** Longer texts (reports, the lock) are cut on screen; copy and download still give the whole text. */
const MAX_SHOWN_OUTPUT_CHARS = 1_000_000;
/** The core's severities as CodeMirror's. */
const DIAGNOSTIC_SEVERITY = { error: 'error', warning: 'warning', note: 'info' };
/** The config pane's errors are `.fixity.yml:LINE:COLUMN: message` (see src/wasm.rs). */
const CONFIG_ERROR_POSITION = /^[^:]*:(\d+):(\d+): /;
/** The tabs that are not report formats (formats are labelled in labels.js). */
const VIEW_LABELS = { findings: 'Findings', lock: 'Lock', rules: 'Rules' };
/** The report formats and the lock are one text each, shown in the format view with copy and download. */
const isOutputView = (view) => view !== 'findings' && view !== 'rules';

const $ = (id) => document.getElementById(id);
const ui = {
  about: $('about'),
  notice: $('notice'),
  noticeText: $('notice-text'),
  examples: $('examples'),
  share: $('share'),
  files: $('files'),
  addFile: $('add-file'),
  fileName: $('file-name'),
  kind: $('kind'),
  detected: $('detected'),
  configPane: $('config-pane'),
  configState: $('config-state'),
  configError: $('config-error'),
  tabs: $('views'),
  summary: $('summary'),
  findingsView: $('findings-view'),
  findings: $('findings'),
  findingsNote: $('findings-note'),
  formatView: $('format-view'),
  outputActions: $('output-actions'),
  outputMessage: $('output-message'),
  output: $('format-output'),
  lockNote: $('lock-note'),
  copy: $('copy'),
  download: $('download'),
  rulesView: $('rules-view'),
};

let core = null; // {version, kinds: [{name, label, lockable}], formats, rules} once the worker has loaded the core
/** The files, checked together as one folder: `{name, kind, document}` (`kind`: the picker's choice, null:
 * the core detects it; `document`: the editor's state for it, text and undo history). */
let files = [];
let current = 0; // the file shown in the editor
let lastResult = null; // the newest check ({findings, shown, paths, detected, lockPath}), shown again when the tab changes
let currentView = 'findings'; // 'findings', 'rules', 'lock' or a report format
let currentOutput = { text: '', file: '' }; // the whole text shown in the format view, for copy and download
let generation = 0; // counts input changes: a result for an older input is stale
let restoringState = false; // set while a share link fills the inputs, so the link is not rewritten
let lintTimer;
let linkTimer;

const editor = new CodeEditor($('editor'), { text: '', grammarName: 'yaml', label: 'Manifest', onChange: () => inputChanged() });
files = [{ name: '', kind: null, document: editor.document }];
const configEditor = new CodeEditor($('config-editor'), { text: '', grammarName: 'yaml', label: '.fixity.yml', onChange: () => inputChanged() });
const checker = new LintWorker(new URL('./worker.js', import.meta.url), { onReady: coreReady, onResult: showResult, onFailure: lintFailed });

function element(tag, className, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function showNotice(message) {
  ui.noticeText.textContent = message;
  ui.notice.hidden = false;
}

/** Schedules a lint (and a link update) after any change of the input or of the view that needs one. */
function inputChanged({ updateLink = !restoringState } = {}) {
  generation++;
  document.body.dataset.lint = 'pending';
  clearTimeout(lintTimer);
  lintTimer = setTimeout(requestLint, LINT_DELAY_MS);
  if (updateLink) scheduleLink();
}

/** A file's path in the run: its name, or '-' for none (the core then goes by content, as for standard input). */
const pathOf = (file) => file.name.trim() || '-';
const textOf = (index) => (index === current ? editor.text : files[index].document.doc.toString());

function requestLint() {
  // Two tabs of one name would be one file on disk: the first is checked, and the page says so.
  const paths = files.map(pathOf);
  const twice = paths.find((path, i) => paths.indexOf(path) !== i);
  if (twice) showNotice(`Two files are named “${twice === '-' ? '' : twice}”: only the first is checked. Rename one.`);
  checker.lint({
    generation,
    files: files.map((file, i) => ({ path: paths[i], text: textOf(i), kind: file.kind })).filter((file, i) => paths.indexOf(file.path) === i),
    config: configEditor.text,
    format: core?.formats.includes(currentView) ? currentView : 'json',
    lock: currentView === 'lock', // a second run over the input: only while its view is open
  });
}

/** What people call a kind, as the core names it. */
const kindLabel = (kind) => core?.kinds.find((k) => k.name === kind)?.label ?? kind;
const hasKind = (kind) => core?.kinds.some((k) => k.name === kind) ?? false;

function coreReady(info) {
  core = info;
  ui.about.textContent = `fixity ${info.version} · ${info.rules.length} rules`;
  for (const kind of info.kinds) ui.kind.append(new Option(kind.label, kind.name));
  const unknown = files.filter((file) => file.kind !== null && !hasKind(file.kind));
  if (unknown.length) showNotice(`This version of fixity has no file kind “${unknown[0].kind}”: the kind is detected instead.`);
  for (const file of unknown) file.kind = null;
  ui.kind.value = files[current].kind ?? '';
  EXAMPLES.forEach((example, index) => {
    if (hasKind(example.kind)) ui.examples.append(new Option(`${kindLabel(example.kind)}: ${exampleTitle(example)}`, String(index)));
  });
  for (const view of ['findings', ...info.formats, 'lock', 'rules']) {
    const tab = element('button', 'tab', [VIEW_LABELS[view] ?? formatView(view).label]);
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.dataset.view = view;
    tab.addEventListener('click', () => selectView(view));
    ui.tabs.append(tab);
  }
  for (const rule of info.rules) {
    const heading = element('h2', null, [element('code', null, [rule.name]), ' ', element('span', `severity ${rule.severity}`, [rule.severity])]);
    const article = element('article', 'rule', [heading, renderMarkdown(rule.docs, 2)]);
    article.id = `rule-${rule.name}`;
    ui.rulesView.append(article);
  }
  selectView(currentView);
}

function selectView(view) {
  const changed = view !== currentView;
  currentView = view;
  for (const tab of ui.tabs.children) tab.setAttribute('aria-selected', String(tab.dataset.view === view));
  ui.findingsView.hidden = view !== 'findings';
  ui.rulesView.hidden = view !== 'rules';
  ui.formatView.hidden = !isOutputView(view);
  if (changed && isOutputView(view)) {
    showOutput({});
    inputChanged({ updateLink: false });
  }
}

/** Opens a rule's documentation in the Rules view. */
function showRule(name) {
  selectView('rules');
  const article = document.getElementById(`rule-${name}`);
  if (!article) return;
  article.scrollIntoView({ block: 'start' });
  article.classList.remove('flash');
  void article.offsetWidth; // restarts the highlight animation
  article.classList.add('flash');
}

function ruleLink(name) {
  const link = element('button', 'rule-link', [name]);
  link.type = 'button';
  link.title = `What ${name} means and how to fix it`;
  link.addEventListener('click', () => showRule(name));
  return link;
}

function findingRange(finding) {
  const from = editor.offsetOf(finding.line, finding.column);
  return { from, to: Math.max(from, editor.offsetOf(finding.end_line ?? finding.line, finding.end_column ?? finding.column)) };
}

function toDiagnostic(finding) {
  return {
    ...findingRange(finding),
    severity: DIAGNOSTIC_SEVERITY[finding.severity] ?? 'info',
    message: `${finding.rule}: ${finding.message}`,
    renderMessage: () => element('span', 'diagnostic', [ruleLink(finding.rule), ': ', ...inline(finding.message)]),
  };
}

function findingItem(finding) {
  const location = element('button', 'finding', [
    element('span', `severity ${finding.severity}`, [finding.severity]),
    element('span', 'path', [finding.path === '-' ? '' : finding.path]),
    element('span', 'position', [`${finding.line}:${finding.column}`]),
    element('span', 'message', inline(finding.message)),
  ]);
  location.type = 'button';
  location.addEventListener('click', () => {
    const index = files.findIndex((file) => pathOf(file) === finding.path);
    if (index >= 0 && index !== current) openFile(index);
    const { from, to } = findingRange(finding);
    editor.select(from, to);
  });
  return element('li', null, [location, ruleLink(finding.rule)]);
}

/** The core's summary line, or, when it checked nothing, how to make it check. */
function summaryText({ summary }, line) {
  return summary.files === 0 ? 'fixity checks nothing in this text: give it a file name or pick a kind.' : line;
}

function showConfigError(message) {
  ui.configError.hidden = message === null;
  ui.configError.textContent = message === null ? '' : `${message}. The run goes on without the configuration.`;
  ui.configState.textContent = message !== null ? 'error: not applied' : configEditor.text === '' ? 'none' : 'applied';
  if (message !== null) ui.configPane.open = true;
  const position = message?.match(CONFIG_ERROR_POSITION);
  const at = position ? configEditor.offsetOf(Number(position[1]), Number(position[2])) : 0;
  configEditor.setDiagnostics(message === null ? [] : [{ from: at, to: at, severity: 'error', message }]);
}

/** Shows one text (a report, the lock) ready to copy and download as `file`; or, instead, a one-line `message`. */
function showOutput({ text = '', file = '', message = null, secretsNote = false }) {
  currentOutput = { text, file };
  ui.outputActions.hidden = message !== null;
  ui.output.hidden = message !== null;
  ui.outputMessage.hidden = message === null;
  ui.outputMessage.textContent = message ?? '';
  ui.lockNote.hidden = !secretsNote;
  ui.output.textContent = text.length > MAX_SHOWN_OUTPUT_CHARS ? `${text.slice(0, MAX_SHOWN_OUTPUT_CHARS)}\n… (cut here: copy or download for the whole text)` : text;
}

/** The Lock view: the lock file the CLI would write for these files, or why there is none. `kind`: the
 * input's, when it is one file. */
function lockOutput({ file: path, text, report }, kind) {
  const file = path.split('/').pop(); // the configuration's `lock:` may name a folder too
  if (text === null) {
    const at = (f) => (files.length > 1 ? `${f.path}:${f.line}:${f.column}` : `${f.line}:${f.column}`);
    const why = JSON.parse(report).findings.map((f) => `${at(f)} ${f.message}`).join('; ');
    return { message: `No lock is made for a file that fails to parse or declares a resource twice (a lock is never partial): ${why}.` };
  }
  if (Object.keys(JSON.parse(text).resources).length === 0) {
    const input = files.length > 1 ? 'these files have' : kind ? `this input (${kindLabel(kind)}) has` : 'this input has';
    const lockable = core.kinds.filter((k) => k.lockable).map((k) => k.label);
    const kinds = lockable.length > 1 ? `${lockable.slice(0, -1).join(', ')} and ${lockable.at(-1)}` : lockable.join('');
    return { message: `Nothing to lock: ${file} records the resources of ${kinds}, and ${input} none.` };
  }
  return { text, file, secretsNote: true };
}

/** What the newest check says about the file shown: its kind, its grammar, its findings in the editor. */
function showCurrentFile() {
  const file = files[current];
  const path = pathOf(file);
  const checked = lastResult?.paths.indexOf(path) ?? -1;
  const detected = checked >= 0 ? lastResult.detected[checked] : null;
  if (lastResult && path === lastResult.lockPath) ui.detected.textContent = 'the lock: verified against the other files';
  else if (lastResult) ui.detected.textContent = detected ? `detected: ${kindLabel(detected)}` : 'not recognized';
  editor.setGrammar(grammarFor(file.kind ?? detected, file.name));
  editor.setDiagnostics((lastResult?.shown ?? []).filter((finding) => finding.path === path).map(toDiagnostic));
}

/** The file tabs: one per file, the shown one selected, each with its number of findings. */
function showFileTabs() {
  const counts = new Map();
  for (const finding of lastResult?.findings ?? []) counts.set(finding.path, (counts.get(finding.path) ?? 0) + 1);
  ui.files.replaceChildren(
    ...files.map((file, index) => {
      const count = counts.get(pathOf(file)) ?? 0;
      const open = element('button', 'file-open', [element('span', 'file-label', [file.name || 'untitled']), ...(count ? [' ', element('span', 'file-count', [String(count)])] : [])]);
      open.type = 'button';
      open.setAttribute('role', 'tab');
      open.setAttribute('aria-selected', String(index === current));
      open.title = count ? `${file.name || 'untitled'}: ${count} finding${count === 1 ? '' : 's'}` : file.name || 'untitled';
      open.addEventListener('click', () => openFile(index));
      const close = element('button', 'file-close', ['×']);
      close.type = 'button';
      close.hidden = files.length === 1; // the playground always holds a file
      close.setAttribute('aria-label', `Delete ${file.name || 'untitled'}`);
      close.addEventListener('click', () => deleteFile(index));
      return element('div', index === current ? 'file-tab current' : 'file-tab', [open, close]);
    }),
  );
}

/** Shows file `index` in the editor, its name and kind in the toolbar (the file shown before is kept). */
function openFile(index) {
  files[current].document = editor.document;
  display(index);
  if (!restoringState) scheduleLink();
}

function display(index) {
  current = index;
  editor.document = files[index].document;
  ui.fileName.value = files[index].name;
  ui.kind.value = files[index].kind ?? '';
  showFileTabs();
  showCurrentFile();
}

function addFile() {
  const taken = new Set(files.map((file) => file.name));
  let n = files.length + 1;
  while (taken.has(`file${n}.yaml`)) n++;
  files.push({ name: `file${n}.yaml`, kind: null, document: editor.newDocument('') });
  openFile(files.length - 1);
  inputChanged();
  ui.fileName.focus();
  ui.fileName.select();
}

function deleteFile(index) {
  if (files.length === 1) return;
  files[current].document = editor.document;
  files.splice(index, 1);
  display(index < current ? current - 1 : Math.min(current, files.length - 1));
  inputChanged();
}

function showResult({ request, report: reportJson, summary, view, lock, detected, lockPath, configError, millis }) {
  if (request.generation !== generation) return; // a newer input is on its way
  const report = JSON.parse(reportJson);
  const shown = report.findings.slice(0, MAX_SHOWN_FINDINGS);
  lastResult = { findings: report.findings, shown, paths: request.files.map((file) => file.path), detected, lockPath };
  showFileTabs();
  showCurrentFile();
  ui.findings.classList.toggle('single', files.length === 1);
  ui.findings.replaceChildren(...shown.map(findingItem));
  ui.findingsNote.hidden = shown.length === report.findings.length;
  ui.findingsNote.textContent = `The first ${shown.length} of ${report.findings.length} findings are listed and marked; the report views hold them all.`;
  showConfigError(configError);
  showOutput(request.lock ? lockOutput(lock, files[0].kind ?? detected[0]) : { text: view, file: formatView(request.format).file });
  const roundTrip = performance.now() - request.sentAt; // from the moment the worker was asked
  ui.summary.textContent = `${summaryText(report, summary)} Checked in ${Math.round(roundTrip)} ms.`;
  ui.summary.dataset.ms = roundTrip.toFixed(1);
  ui.summary.dataset.coreMs = millis.toFixed(1);
  document.body.dataset.lint = 'done';
}

function lintFailed(request, message) {
  if (request && request.generation !== generation) return;
  editor.setDiagnostics([]);
  ui.findings.replaceChildren();
  ui.summary.textContent = 'Not checked.';
  showNotice(`${message[0].toUpperCase()}${message.slice(1)}. Your text is untouched; edit it to check again.`);
  document.body.dataset.lint = 'failed';
}

/** Puts a state (share link, example) into the inputs: `{files: [{name, text, kind}], current, config}`. */
function applyState(state, { updateLink }) {
  restoringState = !updateLink;
  try {
    const kindOf = (kind) => (core && !hasKind(kind) ? null : kind);
    files = state.files.map(({ name, text, kind }) => ({ name, kind: kindOf(kind), document: editor.newDocument(text) }));
    current = state.current;
    editor.document = files[current].document;
    ui.fileName.value = files[current].name;
    if (core) ui.kind.value = files[current].kind ?? '';
    lastResult = null;
    showFileTabs();
    showCurrentFile();
    configEditor.text = state.config;
    if (state.config !== '') ui.configPane.open = true;
    inputChanged({ updateLink });
  } finally {
    restoringState = false;
  }
}

/** An example's files opened as tabs, the first shown, with `config`. */
const exampleState = (example, config) => ({ files: exampleFiles(example).map(({ name, text }) => ({ name, text, kind: null })), current: 0, config });

const currentState = () => ({ files: files.map((file, i) => ({ name: file.name, text: textOf(i), kind: file.kind })), current, config: configEditor.text });

function scheduleLink() {
  clearTimeout(linkTimer);
  linkTimer = setTimeout(updateLink, LINK_DELAY_MS);
}

/** Keeps the address bar a link to the current input; returns false when the input is too large for one. */
async function updateLink() {
  clearTimeout(linkTimer);
  const fragment = await encodeState(currentState());
  const fits = fragment.length <= MAX_LINK_CHARS;
  history.replaceState(null, '', fits ? fragment : location.pathname + location.search);
  return fits;
}

async function openShareLink() {
  try {
    applyState(await decodeState(location.hash), { updateLink: false });
  } catch (error) {
    applyState({ files: [{ text: '', name: '', kind: null }], current: 0, config: '' }, { updateLink: false });
    showNotice(`This share link cannot be opened: ${error.message}. The editor starts empty.`);
  }
}

ui.fileName.addEventListener('input', () => {
  files[current].name = ui.fileName.value;
  showFileTabs();
  inputChanged();
});
ui.kind.addEventListener('change', () => {
  files[current].kind = ui.kind.value || null;
  inputChanged();
});
ui.addFile.addEventListener('click', addFile);
ui.examples.addEventListener('change', () => {
  const example = EXAMPLES[Number(ui.examples.value)];
  ui.examples.value = '';
  if (example) applyState(exampleState(example, configEditor.text), { updateLink: true });
});
ui.share.addEventListener('click', async () => {
  if (!(await updateLink())) {
    showNotice('This input is too large to share as a link.');
    return;
  }
  const copied = await navigator.clipboard?.writeText(location.href).then(() => true, () => false);
  ui.share.textContent = copied ? 'Link copied' : 'Link in address bar';
  setTimeout(() => (ui.share.textContent = 'Share'), 2000);
});
ui.copy.addEventListener('click', async () => {
  const copied = await navigator.clipboard?.writeText(currentOutput.text).then(() => true, () => false);
  ui.copy.textContent = copied ? 'Copied' : 'Copy failed';
  setTimeout(() => (ui.copy.textContent = 'Copy'), 1500);
});
ui.download.addEventListener('click', () => {
  const link = element('a');
  link.href = URL.createObjectURL(new Blob([currentOutput.text], { type: 'text/plain' }));
  link.download = currentOutput.file;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
});
$('notice-close').addEventListener('click', () => (ui.notice.hidden = true));
addEventListener('hashchange', () => isShareFragment(location.hash) && openShareLink());

if (isShareFragment(location.hash)) openShareLink();
else applyState(exampleState(EXAMPLES[0], ''), { updateLink: false });
