import {
  CreateAddonCommandInput,
  DescribeAddonCommand,
  EKSClient,
} from '@aws-sdk/client-eks';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import {
  actionContext,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  clusterAction,
  ClusterClientsForTests,
  createPrivateSubnets,
  productionClusterInput,
  testClients,
} from './__testUtils__/clusterTestUtils';

const AGENT = 'eks-pod-identity-agent';

/**
 * The ordering AWS imposes that the sandbox cannot refuse at the call itself: EKS accepts
 * vpc-cni with a Pod Identity association whether or not the agent runs, and vpc-cni then
 * cannot get credentials until it does. So the test looks at the agent at the moment the
 * action sends CreateAddon for vpc-cni.
 */
describe('eks-platform:cluster:create orders what AWS does not check', () => {
  const fixture = useSandboxActionFixture();
  let clients: ClusterClientsForTests;

  beforeEach(async () => {
    await fixture.reset();
    clients ??= await testClients(fixture.aws, '333333333333');
  });

  /** The fixture's factory, with EKS clients that note the agent's state at vpc-cni's create. */
  function observingFactory(seen: string[]): Pick<AwsClientFactory, 'create'> {
    return {
      async create(Client, target) {
        const client = await fixture.aws.create(Client, target);
        if (client instanceof EKSClient) {
          client.middlewareStack.add(
            next => async args => {
              const input = args.input as Partial<CreateAddonCommandInput>;
              if (input.addonName === 'vpc-cni' && input.clientRequestToken) {
                const agent = await clients.eks
                  .send(
                    new DescribeAddonCommand({
                      clusterName: input.clusterName,
                      addonName: AGENT,
                    }),
                  )
                  .then(r => r.addon?.status ?? 'unknown')
                  .catch(() => 'absent');
                seen.push(agent);
              }
              return next(args);
            },
            { step: 'initialize', name: 'observeAgentAtVpcCniCreate' },
          );
        }
        return client;
      },
    };
  }

  it('creates vpc-cni only once eks-pod-identity-agent is ACTIVE', async () => {
    const subnets = await createPrivateSubnets(fixture.ec2('333333333333'));
    const seen: string[] = [];
    const aws = observingFactory(seen);
    await clusterAction(aws).handler(
      actionContext({ input: productionClusterInput(subnets) }),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['ACTIVE']));
  });
});
