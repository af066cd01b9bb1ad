// Realistic examples, each tripping several rules: one per file kind, and a few folders whose files are
// checked together (cross-file rules). The page offers those whose kind the core knows (kinds()), so an
// example waits for its kind's source module without breaking the menu.
import azurePipelines from './examples/azure-pipelines.yml' with { type: 'text' };
import compose from './examples/compose.yaml' with { type: 'text' };
import dockerfile from './examples/Dockerfile' with { type: 'text' };
import githubAction from './examples/github-action.yml' with { type: 'text' };
import githubWorkflow from './examples/github-workflow.yml' with { type: 'text' };
import gitlabCi from './examples/gitlab-ci.yml' with { type: 'text' };
import kubernetes from './examples/kubernetes.yaml' with { type: 'text' };
import kustomization from './examples/kustomization.yaml' with { type: 'text' };
import tekton from './examples/tekton.yaml' with { type: 'text' };
import terraform from './examples/terraform.tf' with { type: 'text' };
import composeFolder from './examples/compose-env/compose.yaml' with { type: 'text' };
import composeEnv from './examples/compose-env/.env' with { type: 'text' };
import chart from './examples/helm-chart/Chart.yaml' with { type: 'text' };
import chartLock from './examples/helm-chart/Chart.lock' with { type: 'text' };
import lockedDeployment from './examples/lock-verify/web.yaml' with { type: 'text' };
import fixityLock from './examples/lock-verify/fixity.lock.json' with { type: 'text' };
import terraformRoot from './examples/terraform-folder/main.tf' with { type: 'text' };
import terraformLock from './examples/terraform-folder/.terraform.lock.hcl' with { type: 'text' };
import helmValues from './examples/values.yaml' with { type: 'text' };

/**
 * The examples menu, in order. A one-file example is `{kind, name, text}`: `name` is the file name it is
 * checked under (the core classifies by name first). A folder is `{kind, title, files: [{name, text}]}`,
 * its files opened as tabs, the first shown. `kind` is the kind the menu files it under.
 */
export const EXAMPLES = [
  { kind: 'kubernetes', name: 'deploy/api.yaml', text: kubernetes },
  { kind: 'kustomization', name: 'overlays/prod/kustomization.yaml', text: kustomization },
  { kind: 'compose', name: 'compose.yaml', text: compose },
  { kind: 'dockerfile', name: 'Dockerfile', text: dockerfile },
  { kind: 'github-workflow', name: '.github/workflows/ci.yml', text: githubWorkflow },
  { kind: 'github-action', name: 'action.yml', text: githubAction },
  { kind: 'gitlab-ci', name: '.gitlab-ci.yml', text: gitlabCi },
  { kind: 'terraform', name: 'main.tf', text: terraform },
  { kind: 'azure-pipelines', name: 'azure-pipelines.yml', text: azurePipelines },
  { kind: 'kubernetes', name: 'tekton/release.yaml', text: tekton },
  { kind: 'helm-values', name: 'chart/values.yaml', text: helmValues },
  {
    kind: 'terraform',
    title: 'a root module and its provider lock',
    files: [{ name: 'main.tf', text: terraformRoot }, { name: '.terraform.lock.hcl', text: terraformLock }],
  },
  { kind: 'helm-chart', title: 'a chart and its Chart.lock', files: [{ name: 'Chart.yaml', text: chart }, { name: 'Chart.lock', text: chartLock }] },
  { kind: 'compose', title: 'a compose file and its .env', files: [{ name: 'compose.yaml', text: composeFolder }, { name: '.env', text: composeEnv }] },
  {
    kind: 'kubernetes',
    title: 'a manifest changed since fixity.lock.json',
    files: [{ name: 'deploy/web.yaml', text: lockedDeployment }, { name: 'fixity.lock.json', text: fixityLock }],
  },
];

/** An example's files, as `{name, text}`. */
export const exampleFiles = (example) => example.files ?? [{ name: example.name, text: example.text }];

/** How the menu names an example. */
export const exampleTitle = (example) => example.title ?? example.name;
