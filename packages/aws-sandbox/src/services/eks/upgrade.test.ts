import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  DescribeInsightCommand,
  DescribeUpdateCommand,
  EKSClient,
  ListInsightsCommand,
  UpdateAddonCommand,
  UpdateClusterVersionCommand,
  UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { defaultSandboxServices } from '../../defaultServices';
import { RunningSandbox, startSandbox } from '../../server';

const STAGING = 'dpj-staging-cluster';

describe('aws-sandbox EKS upgrades and upgrade insights', () => {
  let sandbox: RunningSandbox;
  const clients: EKSClient[] = [];
  const eksOf = (accessKeyId: string) => {
    const client = new EKSClient({
      region: 'eu-west-3',
      endpoint: sandbox.url,
      credentials: { accessKeyId, secretAccessKey: 'sandbox' },
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    // The control plane update lasts 600 AWS seconds: 0.6 s here.
    sandbox = await startSandbox({
      timeScale: 0.001,
      ...defaultSandboxServices({ seed: true }),
    });
  });
  afterAll(async () => {
    clients.forEach(c => c.destroy());
    await sandbox.close();
  });

  it('moves the control plane one minor version at a time, UPDATING until done', async () => {
    const eks = eksOf('AKIDSANDBOXSTAGING');
    await expect(
      eks.send(
        new UpdateClusterVersionCommand({ name: STAGING, version: '1.37' }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Unsupported Kubernetes minor version update from 1.35 to 1.37',
    });
    await expect(
      eks.send(
        new UpdateClusterVersionCommand({ name: STAGING, version: '1.34' }),
      ),
    ).rejects.toMatchObject({
      message: 'Unsupported Kubernetes minor version update from 1.35 to 1.34',
    });
    const { update } = await eks.send(
      new UpdateClusterVersionCommand({
        name: STAGING,
        version: '1.36',
        clientRequestToken: 'upgrade-1',
      }),
    );
    expect(update).toMatchObject({
      type: 'VersionUpdate',
      status: 'InProgress',
      params: [
        { type: 'Version', value: '1.36' },
        { type: 'PlatformVersion', value: 'eks.1' },
      ],
    });
    const during = await eks.send(
      new DescribeClusterCommand({ name: STAGING }),
    );
    expect(during.cluster).toMatchObject({
      status: 'UPDATING',
      version: '1.35',
    });
    // The same request again is the same update; another one is refused.
    expect(
      (
        await eks.send(
          new UpdateClusterVersionCommand({
            name: STAGING,
            version: '1.36',
            clientRequestToken: 'upgrade-1',
          }),
        )
      ).update?.id,
    ).toBe(update?.id);
    await expect(
      eks.send(
        new UpdateClusterVersionCommand({ name: STAGING, version: '1.36' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceInUseException' });

    await sleep(700);
    const after = await eks.send(new DescribeClusterCommand({ name: STAGING }));
    expect(after.cluster).toMatchObject({ status: 'ACTIVE', version: '1.36' });
    const done = await eks.send(
      new DescribeUpdateCommand({ name: STAGING, updateId: update?.id }),
    );
    expect(done.update?.status).toBe('Successful');
  });

  it("lists staging's blocking deprecated-API finding, dev's warning and production's passing check", async () => {
    const staging = eksOf('AKIDSANDBOXSTAGING');
    const { insights: errors = [] } = await staging.send(
      new ListInsightsCommand({
        clusterName: STAGING,
        filter: { categories: ['UPGRADE_READINESS'], statuses: ['ERROR'] },
      }),
    );
    expect(errors.map(i => [i.name, i.insightStatus?.status])).toEqual([
      ['Deprecated APIs removed in Kubernetes v1.36', 'ERROR'],
    ]);
    const { insight } = await staging.send(
      new DescribeInsightCommand({ clusterName: STAGING, id: errors[0].id }),
    );
    expect(insight?.recommendation).toContain('before upgrading');
    expect(
      insight?.categorySpecificSummary?.deprecationDetails?.[0],
    ).toMatchObject({
      usage: '/apis/dpj.example/v1beta1/ledgersnapshots',
      clientStats: [{ userAgent: 'dpj-ledger-exporter/2.3.1' }],
    });

    const dev = await eksOf('AKIDSANDBOXDEV').send(
      new ListInsightsCommand({ clusterName: 'dpj-dev-cluster' }),
    );
    expect(dev.insights?.map(i => i.insightStatus?.status)).toEqual([
      'WARNING',
    ]);
    const prod = await eksOf('AKIDSANDBOXPROD').send(
      new ListInsightsCommand({ clusterName: 'dpj-prod-cluster' }),
    );
    expect(prod.insights?.map(i => [i.name, i.insightStatus?.status])).toEqual([
      ['Deprecated APIs removed in Kubernetes v1.36', 'PASSING'],
    ]);
    await expect(
      staging.send(
        new DescribeInsightCommand({ clusterName: STAGING, id: 'nope' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('then updates add-ons and rolls node groups to the new version, never past it', async () => {
    // Staging's control plane is on 1.36 since the first test.
    const eks = eksOf('AKIDSANDBOXSTAGING');
    const { update: addonUpdate } = await eks.send(
      new UpdateAddonCommand({
        clusterName: STAGING,
        addonName: 'vpc-cni',
        addonVersion: 'v1.20.5-eksbuild.1',
        resolveConflicts: 'OVERWRITE',
      }),
    );
    expect(addonUpdate).toMatchObject({
      type: 'AddonUpdate',
      params: [
        { type: 'AddonVersion', value: 'v1.20.5-eksbuild.1' },
        { type: 'ResolveConflicts', value: 'OVERWRITE' },
      ],
    });
    const { addon } = await eks.send(
      new DescribeAddonCommand({ clusterName: STAGING, addonName: 'vpc-cni' }),
    );
    expect(addon?.status).toBe('UPDATING');
    await expect(
      eks.send(
        new UpdateAddonCommand({
          clusterName: STAGING,
          addonName: 'coredns',
          addonVersion: 'v1.11.4-eksbuild.22',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Addon version specified is not supported',
    });

    await expect(
      eks.send(
        new UpdateNodegroupVersionCommand({
          clusterName: STAGING,
          nodegroupName: 'system',
          version: '1.37',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const { update: roll } = await eks.send(
      new UpdateNodegroupVersionCommand({
        clusterName: STAGING,
        nodegroupName: 'system',
      }),
    );
    expect(roll?.params).toEqual([
      { type: 'Version', value: '1.36' },
      { type: 'ReleaseVersion', value: expect.stringMatching(/^1\.36\./) },
    ]);
    const rolling = await eks.send(
      new DescribeNodegroupCommand({
        clusterName: STAGING,
        nodegroupName: 'system',
      }),
    );
    expect(rolling.nodegroup).toMatchObject({
      status: 'UPDATING',
      version: '1.35',
    });
    await sleep(400);
    const rolled = await eks.send(
      new DescribeNodegroupCommand({
        clusterName: STAGING,
        nodegroupName: 'system',
      }),
    );
    expect(rolled.nodegroup).toMatchObject({
      status: 'ACTIVE',
      version: '1.36',
    });
    const done = await eks.send(
      new DescribeUpdateCommand({
        name: STAGING,
        nodegroupName: 'system',
        updateId: roll?.id,
      }),
    );
    expect(done.update?.status).toBe('Successful');
  });
});
