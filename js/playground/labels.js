// Friendly names for what the core lists by machine name. The core's lists (kinds(), formats()) decide
// what is offered; a name missing here still shows, spelled out from its machine name.

const KIND_LABELS = {
  kubernetes: 'Kubernetes',
  kustomization: 'Kustomization',
  compose: 'Docker Compose',
  'compose-env': 'Compose .env',
  dockerfile: 'Dockerfile',
  'github-workflow': 'GitHub workflow',
  'github-action': 'GitHub action.yml',
  'gitlab-ci': 'GitLab CI',
  terraform: 'Terraform',
  'terraform-lock': 'Terraform .terraform.lock.hcl',
  'terraform-plan': 'Terraform plan (JSON)',
  'helm-chart': 'Helm Chart.yaml',
  'helm-lock': 'Helm Chart.lock',
};

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

export const kindLabel = (kind) => KIND_LABELS[kind] ?? spelledOut(kind);

export const formatView = (format) => FORMAT_VIEWS[format] ?? { label: spelledOut(format), file: `fixity-${format}.txt` };
