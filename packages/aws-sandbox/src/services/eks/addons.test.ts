import {
  CreateAddonCommand,
  DeleteAddonCommand,
  DescribeAddonCommand,
  DescribeAddonVersionsCommand,
  ListAddonsCommand,
  waitUntilAddonActive,
} from '@aws-sdk/client-eks';
import { EKS_ADDON_NAMES } from './addonCatalog';
import {
  createActiveCluster,
  EksTestSandbox,
  FAST_WAITER,
  freezeClock,
  startEksTestSandbox,
} from './testSandbox';

const CLUSTER = 'addon-cluster';

describe('aws-sandbox EKS add-ons', () => {
  let t: EksTestSandbox;
  beforeAll(async () => {
    t = await startEksTestSandbox();
    // Created as the product creates clusters: no unmanaged add-ons to take over.
    await createActiveCluster(t, CLUSTER, {
      bootstrapSelfManagedAddons: false,
    });
  });
  afterAll(() => t.sandbox.close());

  it('describes the six add-ons with versions per Kubernetes version and one default each', async () => {
    const { addons = [] } = await t.eks.send(
      new DescribeAddonVersionsCommand({ kubernetesVersion: '1.35' }),
    );
    expect(addons.map(addon => addon.addonName)).toEqual(EKS_ADDON_NAMES);
    for (const addon of addons) {
      const versions = addon.addonVersions ?? [];
      expect(versions.length).toBeGreaterThanOrEqual(2);
      const defaults = versions.filter(v =>
        v.compatibilities?.some(
          c => c.clusterVersion === '1.35' && c.defaultVersion,
        ),
      );
      expect(defaults).toHaveLength(1);
    }
    const kubeProxy = addons.find(addon => addon.addonName === 'kube-proxy');
    expect(kubeProxy?.addonVersions?.map(v => v.addonVersion)).toEqual([
      'v1.35.3-eksbuild.5',
      'v1.35.0-eksbuild.2',
    ]);
    const storage = await t.eks.send(
      new DescribeAddonVersionsCommand({ types: ['storage'], maxResults: 1 }),
    );
    expect(storage.addons?.map(addon => addon.addonName)).toEqual([
      'aws-ebs-csi-driver',
    ]);
    const next = await t.eks.send(
      new DescribeAddonVersionsCommand({
        types: ['storage'],
        maxResults: 1,
        nextToken: storage.nextToken,
      }),
    );
    expect(next.addons?.map(addon => addon.addonName)).toEqual([
      'aws-efs-csi-driver',
    ]);
  });

  it('creates an add-on at the default version with its configuration values', async () => {
    const created = await t.eks.send(
      new CreateAddonCommand({
        clusterName: CLUSTER,
        addonName: 'coredns',
        configurationValues: '{"replicaCount":3}',
        clientRequestToken: 'addon-token',
      }),
    );
    expect(created.addon).toMatchObject({
      addonName: 'coredns',
      clusterName: CLUSTER,
      status: 'CREATING',
      addonVersion: 'v1.12.4-eksbuild.1',
      configurationValues: '{"replicaCount":3}',
    });
    const again = await t.eks.send(
      new CreateAddonCommand({
        clusterName: CLUSTER,
        addonName: 'coredns',
        clientRequestToken: 'addon-token',
      }),
    );
    expect(again.addon?.addonArn).toBe(created.addon?.addonArn);
    await waitUntilAddonActive(
      { client: t.eks, ...FAST_WAITER },
      { clusterName: CLUSTER, addonName: 'coredns' },
    );
    const described = await t.eks.send(
      new DescribeAddonCommand({ clusterName: CLUSTER, addonName: 'coredns' }),
    );
    expect(described.addon?.status).toBe('ACTIVE');
  });

  it('refuses a duplicate add-on, an unknown one and a version the cluster cannot run', async () => {
    await expect(
      t.eks.send(
        new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'coredns' }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message: 'Addon already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      t.eks.send(
        new CreateAddonCommand({
          clusterName: CLUSTER,
          addonName: 'kube-proxy',
          addonVersion: 'v1.29.0-eksbuild.2',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Addon version specified is not supported',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      t.eks.send(
        new CreateAddonCommand({
          clusterName: CLUSTER,
          addonName: 'not-an-addon',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      t.eks.send(
        new CreateAddonCommand({ clusterName: 'ghost', addonName: 'vpc-cni' }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'No cluster found for name: ghost.',
    });
  });

  it('lists and deletes add-ons', async () => {
    await t.eks.send(
      new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni' }),
    );
    const listed = await t.eks.send(
      new ListAddonsCommand({ clusterName: CLUSTER }),
    );
    expect(listed.addons).toEqual(['coredns', 'vpc-cni']);
    const clock = freezeClock(t);
    const deleted = await t.eks.send(
      new DeleteAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni' }),
    );
    expect(deleted.addon?.status).toBe('DELETING');
    clock.advance(60_000);
    await expect(
      t.eks.send(
        new DescribeAddonCommand({
          clusterName: CLUSTER,
          addonName: 'vpc-cni',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `No addon: vpc-cni found in cluster: ${CLUSTER}`,
    });
    expect(
      (await t.eks.send(new ListAddonsCommand({ clusterName: CLUSTER })))
        .addons,
    ).toEqual(['coredns']);
  });
});
