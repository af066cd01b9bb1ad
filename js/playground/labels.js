// Friendly names for the report formats the core lists by machine name (formats() decides what is
// offered; a name missing here still shows, spelled out). Kinds come with their labels from the core.


/** Label and download file name of each report format's view. */
const FORMAT_VIEWS = {
  text: { label: 'Text', file: 'fixity.txt' },
  json: { label: 'JSON', file: 'fixity.json' },
  sarif: { label: 'SARIF', file: 'fixity.sarif' },
  gitlab: { label: 'GitLab Code Quality', file: 'gl-code-quality-report.json' },
  github: { label: 'GitHub annotations', file: 'fixity-annotations.txt' },
  junit: { label: 'JUnit', file: 'fixity-junit.xml' },
  markdown: { label: 'Markdown', file: 'fixity.md' },
};

const spelledOut = (name) => name.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const formatView = (format) => FORMAT_VIEWS[format] ?? { label: spelledOut(format), file: `fixity-${format}.txt` };
