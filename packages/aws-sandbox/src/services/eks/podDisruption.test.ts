import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeNodegroupCommand,
  DescribeUpdateCommand,
  EKSClient,
  UpdateClusterVersionCommand,
  UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  PolicyV1Api,
} from '@kubernetes/client-node';
import { defaultSandboxServices } from '../../defaultServices';
import { RunningSandbox, startSandbox } from '../../server';

const CLUSTER = 'dpj-prod-cluster';

describe('aws-sandbox: node updates honour PodDisruptionBudgets', () => {
  let sandbox: RunningSandbox;
  let eks: EKSClient;
  let policy: PolicyV1Api;
  let core: CoreV1Api;

  beforeAll(async () => {
    // 600 AWS s of control plane update, 120 s per node and a 900 s drain: ~1 s here.
    sandbox = await startSandbox({
      timeScale: 0.001,
      ...defaultSandboxServices({ seed: true }),
    });
    eks = new EKSClient({
      region: 'eu-west-3',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOXPROD', secretAccessKey: 's' },
      maxAttempts: 1,
    });
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: CLUSTER,
          server: `${sandbox.url}/k8s/333333333333/eu-west-3/${CLUSTER}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'sandbox', token: 'k8s-aws-v1.aHR0cHM6Ly9zdHM' }],
      contexts: [{ name: CLUSTER, cluster: CLUSTER, user: 'sandbox' }],
      currentContext: CLUSTER,
    });
    policy = kc.makeApiClient(PolicyV1Api);
    core = kc.makeApiClient(CoreV1Api);
    await eks.send(
      new UpdateClusterVersionCommand({ name: CLUSTER, version: '1.36' }),
    );
    await sleep(700);
  });
  afterAll(async () => {
    eks.destroy();
    await sandbox.close();
  });

  it("serves a budget's status as the disruption controller computes it, and refuses what the API refuses", async () => {
    const replicas = (
      await core.listNamespacedPod({
        namespace: 'dpj',
        labelSelector: 'app=dpj-web',
      })
    ).items.length;
    expect(replicas).toBeGreaterThan(1);
    const created = await policy.createNamespacedPodDisruptionBudget({
      namespace: 'dpj',
      body: {
        metadata: { name: 'dpj-web' },
        spec: {
          maxUnavailable: 1,
          selector: { matchLabels: { app: 'dpj-web' } },
        },
      },
    });
    expect(created.status).toMatchObject({
      expectedPods: replicas,
      currentHealthy: replicas,
      desiredHealthy: replicas - 1,
      disruptionsAllowed: 1,
    });
    const refusal = (body: object) =>
      policy
        .createNamespacedPodDisruptionBudget({ namespace: 'dpj', body })
        .catch((e: ApiException<string>) => [
          e.code,
          JSON.parse(e.body).message,
        ]);
    expect(
      await refusal({
        metadata: { name: 'dpj-web' },
        spec: { maxUnavailable: 1, selector: {} },
      }),
    ).toEqual([409, 'poddisruptionbudgets.policy "dpj-web" already exists']);
    expect(
      await refusal({
        metadata: { name: 'both' },
        spec: { minAvailable: 1, maxUnavailable: 1, selector: {} },
      }),
    ).toEqual([
      422,
      'PodDisruptionBudget.policy "both" is invalid: spec: Invalid value: minAvailable and maxUnavailable cannot be both set',
    ]);
    await policy.deleteNamespacedPodDisruptionBudget({
      name: 'dpj-web',
      namespace: 'dpj',
    });
    expect(
      (await policy.listPodDisruptionBudgetForAllNamespaces()).items,
    ).toEqual([]);
  });

  it('fails a roll whose drain a budget blocks with PodEvictionFailure after the drain timeout, and lets a forced one through', async () => {
    // dpj-api runs on the on-demand application nodes only; all of its pods must stay.
    await policy.createNamespacedPodDisruptionBudget({
      namespace: 'dpj',
      body: {
        metadata: { name: 'dpj-api' },
        spec: {
          minAvailable: '100%',
          selector: { matchLabels: { app: 'dpj-api' } },
        },
      },
    });
    const blocked = await policy.readNamespacedPodDisruptionBudget({
      name: 'dpj-api',
      namespace: 'dpj',
    });
    expect(blocked.status?.disruptionsAllowed).toBe(0);
    const apiNodes = [
      ...new Set(
        (
          await core.listNamespacedPod({
            namespace: 'dpj',
            labelSelector: 'app=dpj-api',
          })
        ).items.map(pod => pod.spec?.nodeName),
      ),
    ].sort();

    const started = await eks.send(
      new UpdateNodegroupVersionCommand({
        clusterName: CLUSTER,
        nodegroupName: 'app-on-demand',
      }),
    );
    // The spot group holds no dpj-api pod: its roll is not held up.
    const spot = await eks.send(
      new UpdateNodegroupVersionCommand({
        clusterName: CLUSTER,
        nodegroupName: 'app-spot',
      }),
    );
    await sleep(400);
    const during = await eks.send(
      new DescribeUpdateCommand({
        name: CLUSTER,
        nodegroupName: 'app-on-demand',
        updateId: started.update?.id,
      }),
    );
    // Still draining: EKS retries the evictions for 15 minutes.
    expect(during.update?.status).toBe('InProgress');
    await sleep(700);
    const failed = await eks.send(
      new DescribeUpdateCommand({
        name: CLUSTER,
        nodegroupName: 'app-on-demand',
        updateId: started.update?.id,
      }),
    );
    expect(failed.update).toMatchObject({
      status: 'Failed',
      errors: [
        {
          errorCode: 'PodEvictionFailure',
          errorMessage:
            'Reached max retries while trying to evict pods from nodes in node group app-on-demand',
          resourceIds: apiNodes,
        },
      ],
    });
    const { nodegroup } = await eks.send(
      new DescribeNodegroupCommand({
        clusterName: CLUSTER,
        nodegroupName: 'app-on-demand',
      }),
    );
    expect(nodegroup).toMatchObject({ status: 'ACTIVE', version: '1.35' });
    expect(
      (
        await eks.send(
          new DescribeUpdateCommand({
            name: CLUSTER,
            nodegroupName: 'app-spot',
            updateId: spot.update?.id,
          }),
        )
      ).update?.status,
    ).toBe('Successful');

    // force: the nodes are replaced whatever the budget says.
    const forced = await eks.send(
      new UpdateNodegroupVersionCommand({
        clusterName: CLUSTER,
        nodegroupName: 'app-on-demand',
        force: true,
      }),
    );
    await sleep(1000);
    expect(
      (
        await eks.send(
          new DescribeUpdateCommand({
            name: CLUSTER,
            nodegroupName: 'app-on-demand',
            updateId: forced.update?.id,
          }),
        )
      ).update?.status,
    ).toBe('Successful');
    expect(
      (
        await eks.send(
          new DescribeNodegroupCommand({
            clusterName: CLUSTER,
            nodegroupName: 'app-on-demand',
          }),
        )
      ).nodegroup?.version,
    ).toBe('1.36');
  });
});
