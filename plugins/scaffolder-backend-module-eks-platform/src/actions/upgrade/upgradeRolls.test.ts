import {
  DescribeNodegroupCommand,
  EKSClient,
  ListUpdatesCommand,
} from '@aws-sdk/client-eks';
import {
  actionContext,
  logLines,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import { upgradeAction } from '../__testUtils__/upgradeAction';

// 600 AWS s for the control plane, 120 per node, and EKS's 900 s drain before a blocked
// roll fails: about 2 s here.
jest.setTimeout(60_000);

const CLUSTER = 'dpj-prod-cluster';
const INPUT = {
  environment: 'production' as const,
  name: 'dpj-prod',
  owner: 'group:default/platform-team',
  account: '333333333333',
  targetVersion: '1.36',
};

describe('eks-platform:cluster:upgrade when a PodDisruptionBudget blocks a roll', () => {
  const fixture = useSandboxActionFixture({ seed: true });
  const upgrade = () => upgradeAction(fixture);
  /** The cluster's Kubernetes API, as kubectl would call it. */
  const kubernetes = (method: string, path: string, body?: object) =>
    fetch(
      `${fixture.sandbox.url}/k8s/333333333333/eu-west-3/${CLUSTER}${path}`,
      {
        method,
        headers: {
          authorization: 'Bearer k8s-aws-v1.token',
          'content-type': 'application/json',
        },
        body: body && JSON.stringify(body),
      },
    );

  async function state() {
    const eks = await fixture.aws.create(EKSClient, {
      accountId: '333333333333',
      region: 'eu-west-3',
    });
    try {
      const versions: Record<string, string | undefined> = {};
      for (const nodegroupName of ['system', 'app-on-demand', 'app-spot']) {
        const { nodegroup } = await eks.send(
          new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName }),
        );
        versions[nodegroupName] = nodegroup?.version;
      }
      const { updateIds = [] } = await eks.send(
        new ListUpdatesCommand({ name: CLUSTER }),
      );
      return { versions, clusterUpdates: updateIds.length };
    } finally {
      eks.destroy();
    }
  }

  beforeEach(() => fixture.reset());

  it("names AWS's reason, lets the other groups finish, leaves the charts, and resumes once the budget allows", async () => {
    // Every dpj-api pod must stay; they run on the on-demand application nodes.
    const created = await kubernetes(
      'POST',
      '/apis/policy/v1/namespaces/dpj/poddisruptionbudgets',
      {
        metadata: { name: 'dpj-api' },
        spec: {
          minAvailable: '100%',
          selector: { matchLabels: { app: 'dpj-api' } },
        },
      },
    );
    expect(created.status).toBe(201);

    const first = actionContext({ input: INPUT, taskId: 'task-blocked' });
    const error = await upgrade()
      .handler(first)
      .catch(e => e);
    expect(error.message).toMatch(
      /^The upgrade of dpj-prod-cluster to 1\.36 stopped at the node groups: EKS reports node group app-on-demand's rolling update to 1\.36 \(update [0-9a-f-]+\) Failed \(PodEvictionFailure: Reached max retries while trying to evict pods from nodes in node group app-on-demand \(ip-[^)]+\)\)\. The control plane and add-ons run 1\.36, and so do the node groups system, app-spot; app-on-demand still runs the version before, and the charts that follow Kubernetes were left as they were\. PodEvictionFailure means a PodDisruptionBudget/,
    );
    expect(await state()).toEqual({
      versions: { system: '1.36', 'app-on-demand': '1.35', 'app-spot': '1.36' },
      clusterUpdates: 1,
    });
    // The gitops commit of the charts step was never asked for.
    expect(logLines(first.logger, 'warn').join('\n')).not.toContain(
      'Commit to the GitOps repository',
    );

    // The budget is relaxed; the same template again finishes the upgrade.
    expect(
      (
        await kubernetes(
          'DELETE',
          '/apis/policy/v1/namespaces/dpj/poddisruptionbudgets/dpj-api',
        )
      ).status,
    ).toBe(200);
    const again = actionContext({ input: INPUT, taskId: 'task-again' });
    await upgrade().handler(again);
    expect(await state()).toEqual({
      versions: { system: '1.36', 'app-on-demand': '1.36', 'app-spot': '1.36' },
      clusterUpdates: 1,
    });
    expect(logLines(again.logger, 'warn')).toContainEqual(
      expect.stringContaining(
        'Commit to the GitOps repository: in clusters/dpj-prod/apps/cluster-autoscaler.yaml',
      ),
    );
  });
});
