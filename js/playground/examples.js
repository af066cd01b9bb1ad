// One realistic example per file kind, each tripping several rules. The page offers those whose kind the
// core knows (kinds()), so an example waits for its kind's source module without breaking the menu.
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
import helmValues from './examples/values.yaml' with { type: 'text' };

/** `name` is the file name the example is checked under: the core classifies by name first. */
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
];
