/** The Git repository ArgoCD syncs the environment from. */
import type { SpecRule } from '../options';
import { problem, ValidationProblem } from '../problems';

/** Simplified git check-ref-format: no whitespace nor ~ ^ : ? * [ or backslash, no "..", "@{" or "//", no leading "-". */
const INVALID_BRANCH = /[\s~^:?*[\\]|\.\.|@\{|^[-/.]|[/.]$|\.lock$|\/\//;

function repoUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `gitops.repoUrl "${text}" is not a URL`;
  }
  if (url.protocol !== 'https:') {
    return `gitops.repoUrl must use https, got ${url.protocol.replace(
      /:$/,
      '',
    )}`;
  }
  // Credentials belong in ArgoCD's repository secrets, never in a spec stored in the catalog.
  if (url.username || url.password) {
    return 'gitops.repoUrl must not embed credentials';
  }
  return undefined;
}

export const checkGitOps: SpecRule = ({ gitops }) => {
  if (!gitops) return [];
  const problems: ValidationProblem[] = [];
  const urlProblem =
    gitops.repoUrl === undefined ? undefined : repoUrlProblem(gitops.repoUrl);
  if (urlProblem) {
    problems.push(problem('gitops.repoUrl', 'gitops-repo-url', urlProblem));
  }
  if (gitops.branch !== undefined && INVALID_BRANCH.test(gitops.branch)) {
    problems.push(
      problem(
        'gitops.branch',
        'gitops-branch',
        `gitops.branch "${gitops.branch}" is not a valid git branch name`,
      ),
    );
  }
  const path = gitops.path;
  if (
    path !== undefined &&
    (path.startsWith('/') || path.split('/').includes('..'))
  ) {
    problems.push(
      problem(
        'gitops.path',
        'gitops-path',
        `gitops.path "${path}" must be relative to the repository root and must not contain ".."`,
      ),
    );
  }
  return problems;
};
