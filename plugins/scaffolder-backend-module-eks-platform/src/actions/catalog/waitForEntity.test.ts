import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createCatalogWaitAction } from './waitForEntity';
import { waitForEntityExamples } from './waitForEntity.examples';

const cluster = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'acme-dev-cluster', namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/acme' },
};

describe('eks-platform:catalog:wait', () => {
  it('returns once the entity is in the catalog, asking as the task initiator', async () => {
    const catalog = catalogServiceMock({ entities: [cluster] });
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    const ctx = createMockActionContext({
      input: {
        entityRef: 'resource:default/acme-dev-cluster',
        pollSeconds: 0.01,
      },
    });
    await createCatalogWaitAction({ catalog }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/acme-dev-cluster',
    );
    expect(lookups).toHaveBeenCalledWith('resource:default/acme-dev-cluster', {
      credentials: await ctx.getInitiatorCredentials(),
    });
  });

  it('keeps looking until the discovery has registered the entity', async () => {
    const catalog = catalogServiceMock();
    let lookups = 0;
    jest.spyOn(catalog, 'getEntityByRef').mockImplementation(async () => {
      lookups += 1;
      return lookups < 3 ? undefined : cluster;
    });
    const ctx = createMockActionContext({
      input: { entityRef: 'acme-dev-cluster', pollSeconds: 0.01 },
    });
    await createCatalogWaitAction({ catalog }).handler(ctx);
    expect(lookups).toBe(3);
    // A bare name is a resource in the default namespace.
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/acme-dev-cluster',
    );
  });

  it('fails after the timeout naming the entity and what to check', async () => {
    const catalog = catalogServiceMock();
    const ctx = createMockActionContext({
      input: {
        entityRef: 'resource:default/missing-cluster',
        timeoutSeconds: 1,
        pollSeconds: 0.2,
      },
    });
    await expect(
      createCatalogWaitAction({ catalog }).handler(ctx),
    ).rejects.toThrow(
      /resource:default\/missing-cluster did not appear in the catalog within 1s.*clusterDiscovery/,
    );
  });

  it('rejects a malformed reference naming the field', async () => {
    const catalog = catalogServiceMock();
    const ctx = createMockActionContext({
      input: { entityRef: 'resource:default/Not A Name' },
    });
    await expect(
      createCatalogWaitAction({ catalog }).handler(ctx),
    ).rejects.toThrow(/^entityRef: 'resource:default\/Not A Name'/);
  });

  it('makes no catalog call in a dry run', async () => {
    const catalog = catalogServiceMock();
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    const ctx = {
      ...createMockActionContext({
        input: { entityRef: 'resource:default/acme-dev-cluster' },
      }),
      isDryRun: true,
    };
    await createCatalogWaitAction({ catalog }).handler(ctx);
    expect(lookups).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/acme-dev-cluster',
    );
  });

  it('runs its example', async () => {
    const catalog = catalogServiceMock({ entities: [cluster] });
    const [step] = yaml.parse(waitForEntityExamples[0].example).steps;
    const ctx = createMockActionContext({ input: step.input });
    await createCatalogWaitAction({ catalog }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/acme-dev-cluster',
    );
  });
});
