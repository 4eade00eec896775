import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeNodegroupCommand,
  DescribeUpdateCommand,
  EKSClient,
  UpdateClusterVersionCommand,
  UpdateNodegroupConfigCommand,
  UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { defaultSandboxServices } from '../../defaultServices';
import { RunningSandbox, startSandbox } from '../../server';

jest.setTimeout(30_000);

describe("aws-sandbox: a node group's roll replaces its nodes a batch at a time", () => {
  let sandbox: RunningSandbox;
  const clients: EKSClient[] = [];
  const eksOf = (accessKeyId: string) => {
    const client = new EKSClient({
      region: 'eu-west-3',
      endpoint: sandbox.url,
      credentials: { accessKeyId, secretAccessKey: 's' },
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    // 600 AWS s of control plane: 6 s here; 120 AWS s per batch of nodes: 1.2 s.
    sandbox = await startSandbox({
      timeScale: 0.01,
      ...defaultSandboxServices({ seed: true }),
    });
  });
  afterAll(async () => {
    clients.forEach(c => c.destroy());
    await sandbox.close();
  });

  it("rolls dev's four Spot nodes two at a time (50%); production's keep one at a time", async () => {
    const dev = eksOf('AKIDSANDBOXDEV');
    const prod = eksOf('AKIDSANDBOXPROD');
    const groups = [
      [dev, 'dpj-dev-cluster', 'app-spot'],
      [prod, 'dpj-prod-cluster', 'system'],
    ] as const;
    for (const [eks, name] of groups) {
      await eks.send(
        new UpdateClusterVersionCommand({ name, version: '1.36' }),
      );
    }
    await dev.send(
      new UpdateNodegroupConfigCommand({
        clusterName: 'dpj-dev-cluster',
        nodegroupName: 'app-spot',
        scalingConfig: { desiredSize: 4 },
      }),
    );
    await sleep(6_300);
    const updates = [];
    for (const [eks, clusterName, nodegroupName] of groups) {
      const { nodegroup } = await eks.send(
        new DescribeNodegroupCommand({ clusterName, nodegroupName }),
      );
      updates.push({
        nodes: nodegroup?.scalingConfig?.desiredSize,
        updateConfig: nodegroup?.updateConfig,
        id: (
          await eks.send(
            new UpdateNodegroupVersionCommand({ clusterName, nodegroupName }),
          )
        ).update?.id,
      });
    }
    expect(
      updates.map(({ nodes, updateConfig }) => [nodes, updateConfig]),
    ).toEqual([
      [4, { maxUnavailablePercentage: 50 }],
      [3, { maxUnavailable: 1 }],
    ]);
    // Two batches of two (2.4 s) are over; four of one (4.8 s) would not be.
    await sleep(3_000);
    const { update } = await dev.send(
      new DescribeUpdateCommand({
        name: 'dpj-dev-cluster',
        nodegroupName: 'app-spot',
        updateId: updates[0].id,
      }),
    );
    expect(update?.status).toBe('Successful');
  });
});
