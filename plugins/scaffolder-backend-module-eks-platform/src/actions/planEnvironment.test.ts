import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createPlanEnvironmentAction } from './planEnvironment';

const TODAY = new Date('2026-11-26T12:00:00Z');
const action = createPlanEnvironmentAction({ now: () => TODAY });

type PlanInput = Parameters<typeof action.handler>[0]['input'];

function run(input: PlanInput) {
  const ctx = createMockActionContext({ input });
  return { ctx, done: action.handler(ctx) };
}

describe('eks-platform:environment:plan', () => {
  it('plans the production preset with the newest standard-support version', async () => {
    const { ctx, done } = run({
      environment: 'production',
      owner: 'group:default/platform-team',
      account: '333333333333',
    });
    await done;

    expect(ctx.output).toHaveBeenCalledWith('clusterName', 'dpj-prod-cluster');
    const spec = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'spec',
    )[1];
    expect(spec).toMatchObject({
      region: 'eu-west-3',
      availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
      kubernetesVersion: '1.35',
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      expect.stringContaining('| AWS::EKS::Cluster | dpj-prod-cluster |'),
    );
  });

  it('names the field of every problem, e.g. an unsupported version and a bad account', async () => {
    const { done } = run({
      environment: 'production',
      owner: 'group:default/platform-team',
      account: '1234',
      kubernetesVersion: '1.28',
    });
    await expect(done).rejects.toThrow(/account/);
    await expect(done).rejects.toThrow(/kubernetesVersion/);
    await expect(done).rejects.toMatchObject({ name: 'InputError' });
  });

  it('rejects a name EKS would refuse', async () => {
    const { done } = run({
      environment: 'dev',
      owner: 'group:default/platform-team',
      account: '111111111111',
      name: 'Bad_Name!',
    });
    await expect(done).rejects.toThrow(/name/);
  });

  it.each(action.examples!.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_description, example) => {
      const step = yaml.parse(example).steps[0];
      const { ctx, done } = run(step.input);
      await done;
      expect(ctx.output).toHaveBeenCalledWith(
        'resources',
        expect.arrayContaining([
          expect.objectContaining({ type: 'AWS::EKS::Cluster' }),
        ]),
      );
    },
  );
});
