import { ENVIRONMENTS } from '@internal/plugin-eks-platform-common';
import { argoCdEnvironmentFor } from './__testUtils__/argoCdEnvironments';
import { validateAgainstArgoCdSchemas } from './__testUtils__/argoCdSchemas';
import { renderArgoCdManifests } from './renderManifests';

function renderedObjects(
  overrides: Parameters<typeof argoCdEnvironmentFor>[1] = {},
) {
  return ENVIRONMENTS.flatMap(environment => {
    const rendered = renderArgoCdManifests(
      argoCdEnvironmentFor(environment, overrides),
    );
    return [rendered.project, rendered.root, ...rendered.applications];
  });
}

describe('ArgoCD CRD schemas (@kubernetes-models/argo-cd validate())', () => {
  it('accepts the AppProject, the root and every component Application of every environment', () => {
    const objects = [
      ...renderedObjects(),
      // Manual sync: no automated block.
      ...renderedObjects({
        syncPolicy: { automated: false, prune: false, selfHeal: false },
      }),
    ];
    // 3 environments x (project + root + 6 components + namespace policies), twice.
    expect(objects).toHaveLength(54);
    const verdicts = validateAgainstArgoCdSchemas(objects);
    const failures = objects
      .map((object, index) => ({
        name: `${object.kind} ${object.metadata.name}`,
        verdict: verdicts[index],
      }))
      .filter(({ verdict }) => verdict !== undefined);
    expect(failures).toEqual([]);
  });

  it('refuses objects broken on purpose, so the check above can fail', () => {
    const rendered = renderArgoCdManifests(argoCdEnvironmentFor('dev'));
    const application = () => structuredClone(rendered.applications[0]);
    const project = () => structuredClone(rendered.project);

    const withoutDestination = application();
    delete withoutDestination.spec.destination;
    const pruneAsString = application();
    pruneAsString.spec.syncPolicy.automated.prune = 'true';
    const numericBackoff = application();
    numericBackoff.spec.syncPolicy.retry.backoff.duration = 10;
    const chartVersionAsNumber = application();
    chartVersionAsNumber.spec.source.targetRevision = 1.12;
    const wrongApiVersion = application();
    wrongApiVersion.apiVersion = 'argoproj.io/v1';
    const sourceReposAsString = project();
    sourceReposAsString.spec.sourceRepos = 'https://aws.github.io/eks-charts';
    const whitelistWithoutKind = project();
    delete whitelistWithoutKind.spec.clusterResourceWhitelist[0].kind;

    const broken = [
      withoutDestination,
      pruneAsString,
      numericBackoff,
      chartVersionAsNumber,
      wrongApiVersion,
      sourceReposAsString,
      whitelistWithoutKind,
    ];
    const verdicts = validateAgainstArgoCdSchemas(broken);
    expect(verdicts).toEqual([
      expect.stringMatching(/spec must have required property destination/),
      expect.stringMatching(/automated\/prune must be boolean/),
      expect.stringMatching(/backoff\/duration must be string/),
      expect.stringMatching(/source\/targetRevision must be string/),
      expect.stringMatching(
        /apiVersion must be equal to one of the allowed values/,
      ),
      expect.stringMatching(/sourceRepos must be array/),
      expect.stringMatching(/must have required property kind/),
    ]);
  });

  it('only validates kinds it has a model for', () => {
    const rendered = renderArgoCdManifests(argoCdEnvironmentFor('dev'));
    expect(validateAgainstArgoCdSchemas([rendered.clusterSecret])).toEqual([
      'no ArgoCD model for kind "Secret"',
    ]);
  });
});
