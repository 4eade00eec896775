import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DeleteAccessEntryCommand, EKSClient } from '@aws-sdk/client-eks';
import {
  removePodIdentityAssociation,
  settledApplications,
} from '../__testUtils__/argoCdSync';
import { useSandboxActionFixture } from '../__testUtils__/sandboxActionFixture';
import {
  argocdRoleOf,
  createEnvironment,
  DEV,
  registerWithArgoCd,
} from '../destroy/__testUtils__/destroyTestUtils';

jest.setTimeout(30_000);

const CLUSTER = 'dpj-dev-cluster';

/**
 * ArgoCD reaches the cluster as its IAM role: the access entry the cluster step gives that
 * role decides, as EKS decides on AWS, whether the applications sync.
 */
describe("ArgoCD's access to a new environment's cluster", () => {
  const fixture = useSandboxActionFixture();

  beforeEach(async () => {
    await fixture.reset();
    await createEnvironment(fixture.aws, DEV);
  });

  const settled = () => settledApplications(fixture.sandbox.url);

  it('syncs every application with the entry the cluster step made', async () => {
    await registerWithArgoCd(fixture, DEV, CLUSTER);
    const apps = await settled();
    expect(apps.length).toBeGreaterThanOrEqual(6);
    expect(new Set(apps.map(app => app.status.sync.status))).toEqual(
      new Set(['Synced']),
    );
  });

  it('syncs nothing without it, and says ArgoCD is Unauthorized as its role', async () => {
    const eks = await fixture.aws.create(EKSClient, {
      accountId: DEV.account,
      region: 'eu-west-3',
    });
    await eks
      .send(
        new DeleteAccessEntryCommand({
          clusterName: CLUSTER,
          principalArn: argocdRoleOf(DEV.account),
        }),
      )
      .finally(() => eks.destroy());
    await registerWithArgoCd(fixture, DEV, CLUSTER);
    const apps = await settled();
    expect(apps.length).toBeGreaterThanOrEqual(6);
    for (const app of apps) {
      expect(app.status.sync.status).toBe('Unknown');
      expect(app.status.conditions[0].message).toContain(
        `Unauthorized: ${argocdRoleOf(
          DEV.account,
        )} has no access entry on ${CLUSTER}`,
      );
    }
  });

  it("ships the cluster's logs only through Fluent Bit's association", async () => {
    const target = { accountId: DEV.account, region: 'eu-west-3' };
    const [eks, logs] = await Promise.all([
      fixture.aws.create(EKSClient, target),
      fixture.aws.create(CloudWatchLogsClient, target),
    ]);
    try {
      await removePodIdentityAssociation(eks, CLUSTER, 'fluent-bit', 'logging');
      await registerWithArgoCd(fixture, DEV, CLUSTER);
      await settled();
      const { logStreams = [] } = await logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: `/aws/eks/${CLUSTER}/containers`,
        }),
      );
      // Synced, but with no credentials Fluent Bit writes nothing.
      expect(logStreams).toEqual([]);
    } finally {
      eks.destroy();
      logs.destroy();
    }
  });
});
