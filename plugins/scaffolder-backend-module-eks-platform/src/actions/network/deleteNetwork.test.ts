import {
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
} from '@aws-sdk/client-ec2';
import { mockServices } from '@backstage/backend-test-utils';
import { presetFor } from '@internal/plugin-eks-platform-common';
import {
  actionContext,
  FAST_WAITS,
  isMutating,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  countNetwork,
  DEV_COUNTS,
  DEV_INPUT,
  networkAction,
  NO_RESOURCES,
  PRODUCTION_COUNTS,
  PRODUCTION_INPUT,
  readNetwork,
} from './__testUtils__/networkTestUtils';
import { deleteNetwork } from './deleteNetwork';

jest.setTimeout(60_000);

describe('deleteNetwork', () => {
  const fixture = useSandboxActionFixture();
  const action = () => networkAction(fixture.aws);

  beforeEach(() => fixture.reset());

  it('deletes a whole environment in dependency order, and is safe to run again', async () => {
    await action().handler(actionContext({ input: PRODUCTION_INPUT }));
    // Another environment of the same account is left alone.
    await action().handler(
      actionContext({
        input: {
          ...DEV_INPUT,
          account: '333333333333',
          name: 'dpj-sandbox',
          flowLogDestinationArn: 'arn:aws:s3:::dpj-flow-logs',
        },
      }),
    );
    const ec2 = fixture.ec2('333333333333');
    const logger = mockServices.logger.mock();
    await fixture.clearCalls();

    const deleted = await deleteNetwork(ec2, presetFor('production'), logger, {
      waitSettings: FAST_WAITS,
    });
    // The reverse of the graph: what nothing depends on first, independent kinds together.
    const kinds = deleted.map(d => d.kind);
    const sorted = (items: string[]) => [...items].sort();
    expect(sorted(kinds.slice(0, 5))).toEqual(
      sorted(['flow-log', ...Array(4).fill('route-table')]),
    );
    expect(kinds.slice(5, 8)).toEqual(Array(3).fill('nat-gateway'));
    expect(sorted(kinds.slice(8, 18))).toEqual(
      sorted([
        ...Array(3).fill('elastic-ip'),
        'internet-gateway',
        ...Array(6).fill('subnet'),
      ]),
    );
    expect(kinds.slice(18)).toEqual(['vpc']);
    expect(await countNetwork(ec2, 'dpj-prod')).toEqual(NO_RESOURCES);
    expect(await countNetwork(ec2, 'dpj-sandbox')).toEqual(DEV_COUNTS);
    const operations = (await fixture.calls())
      .filter(c => isMutating(c.operation))
      .map(c => c.operation);
    // NAT gateways are deleted before their addresses are released and the gateway
    // detached: until then they map public addresses in the VPC.
    expect(operations.lastIndexOf('DeleteNatGateway')).toBeLessThan(
      operations.indexOf('ReleaseAddress'),
    );
    expect(operations.lastIndexOf('DeleteNatGateway')).toBeLessThan(
      operations.indexOf('DetachInternetGateway'),
    );
    expect(operations.filter(o => o === 'DisassociateRouteTable')).toHaveLength(
      6,
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Deleted VPC vpc-\w+ \(dpj-prod-vpc\)$/),
    );

    await fixture.clearCalls();
    expect(
      await deleteNetwork(ec2, presetFor('production'), logger, {
        waitSettings: FAST_WAITS,
      }),
    ).toEqual([]);
    expect(
      (await fixture.calls()).filter(c => isMutating(c.operation)),
    ).toEqual([]);
  });

  it('deletes only what one task created when given its id', async () => {
    await action().handler(
      actionContext({ input: PRODUCTION_INPUT, taskId: 'task-a' }),
    );
    const ec2 = fixture.ec2('333333333333');
    expect(
      await deleteNetwork(
        ec2,
        presetFor('production'),
        mockServices.logger.mock(),
        {
          taskId: 'task-b',
          waitSettings: FAST_WAITS,
        },
      ),
    ).toEqual([]);
    expect(await countNetwork(ec2, 'dpj-prod')).toEqual(PRODUCTION_COUNTS);
  });

  it('names what it could not delete and what remains, then finishes on a later run', async () => {
    await action().handler(actionContext({ input: DEV_INPUT }));
    const ec2 = fixture.ec2('111111111111');
    const [vpc] = (await readNetwork(ec2, 'dpj-dev')).vpcs;
    // Something the environment does not know about, e.g. a group EKS or a person added.
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'added-later',
        Description: 'added later',
        VpcId: vpc.VpcId,
      }),
    );
    const logger = mockServices.logger.mock();
    const error = await deleteNetwork(ec2, presetFor('dev'), logger, {
      waitSettings: FAST_WAITS,
    }).then(
      () => undefined,
      e => e,
    );
    expect(error).toMatchObject({ name: 'GraphDestroyError' });
    expect(error.message).toMatch(
      new RegExp(
        `^Could not delete the whole network of dpj-dev:\\n- VPC ${vpc.VpcId} \\(dpj-dev-vpc\\): DependencyViolation: The vpc '${vpc.VpcId}' has dependencies and cannot be deleted\\.\\nStill there: VPC ${vpc.VpcId} \\(dpj-dev-vpc\\)$`,
      ),
    );
    expect(error.remaining).toEqual([`VPC ${vpc.VpcId} (dpj-dev-vpc)`]);

    await ec2.send(new DeleteSecurityGroupCommand({ GroupId }));
    const deleted = await deleteNetwork(ec2, presetFor('dev'), logger, {
      waitSettings: FAST_WAITS,
    });
    expect(deleted.map(d => d.id)).toEqual([vpc.VpcId]);
    expect(await countNetwork(ec2, 'dpj-dev')).toEqual(NO_RESOURCES);
  });
});
