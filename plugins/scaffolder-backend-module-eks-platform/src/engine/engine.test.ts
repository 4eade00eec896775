import { mockServices } from '@backstage/backend-test-utils';
import {
  node,
  presetFor,
  ResourceNode,
} from '@internal/plugin-eks-platform-common';
import { CheckpointStore } from '../actions/__testUtils__/checkpointStore';
import { FAST_WAITS } from '../actions/__testUtils__/sandboxActionFixture';
import { CheckpointedSteps } from '../actions/shared/checkpointedSteps';
import { applyGraph, GraphStepError } from './apply';
import { destroyGraph, GraphDestroyError } from './destroy';
import type { RetrySettings } from './knownErrors';
import type { ExistingResource, ResourceHandler } from './types';

/**
 * The engine against fake resource kinds: an in-memory "cloud" whose answers each test
 * shapes (slow creates, lost answers, resources of another task, deletes refused while a
 * dependent is going). The kinds' AWS behaviour is tested against the sandbox elsewhere.
 */
const RETRY: RetrySettings = {
  notFoundDelaysMs: [5, 5],
  propagationDelaysMs: [5, 5],
  dependencyDelaysMs: [5, 5, 5, 5],
};

const awsError = (name: string, status = 400) =>
  Object.assign(new Error(`${name}: refused`), {
    name,
    $metadata: { httpStatusCode: status },
  });

interface FakeResource {
  id: string;
  key: string;
  taskId: string;
}

class FakeCloud {
  resources: FakeResource[] = [];
  log: string[] = [];
  private next = 0;
  /** Per key: make the create's answer get lost after it was applied, this many times. */
  loseAnswer = new Map<string, number>();
  /** Per kind: refuse deletes with DependencyViolation this many times. */
  inUse = new Map<string, number>();
  createDelayMs = 20;
  running = 0;
  maxRunning = 0;

  handler(kind: string, tokened = false): ResourceHandler<FakeCloud> {
    const existing = (r: FakeResource): ExistingResource => ({
      id: r.id,
      label: `${r.id} (${r.key})`,
      taskId: r.taskId,
    });
    return {
      label: kind,
      tokened,
      find: async n => ({
        live: this.resources.filter(r => r.key === n.key).map(existing),
      }),
      create: async (n, refs) => {
        this.running += 1;
        this.maxRunning = Math.max(this.maxRunning, this.running);
        await new Promise(resolve => setTimeout(resolve, this.createDelayMs));
        this.running -= 1;
        const id = `${kind}-${++this.next}`;
        this.resources.push({ id, key: n.key, taskId: 'task-1' });
        this.log.push(`create ${n.key} ${JSON.stringify(refs)}`);
        const lost = this.loseAnswer.get(n.key) ?? 0;
        if (lost > 0) {
          this.loseAnswer.set(n.key, lost - 1);
          throw awsError('InternalError', 500);
        }
        return id;
      },
      list: async () =>
        this.resources.filter(r => r.key.startsWith(kind)).map(existing),
      delete: async r => {
        const refusals = this.inUse.get(kind) ?? 0;
        if (refusals > 0) {
          this.inUse.set(kind, refusals - 1);
          throw awsError('DependencyViolation');
        }
        this.resources = this.resources.filter(x => x.id !== r.id);
        this.log.push(`delete ${r.id}`);
        return false;
      },
    };
  }
}

// vpc ← subnet-a, subnet-b ← nat-gateway; internet-gateway independent.
const graph = (): ResourceNode[] => {
  const n = (key: string, kind: ResourceNode['kind'], refs = {}) =>
    node({
      key,
      kind,
      step: 'network',
      type: 'AWS::Fake',
      name: key,
      description: key,
      refs,
      properties: {},
    });
  return [
    n('vpc', 'vpc'),
    n('internet-gateway', 'internet-gateway'),
    n('subnet-a', 'subnet', { vpc: 'vpc' }),
    n('subnet-b', 'subnet', { vpc: 'vpc' }),
    n('nat-gateway', 'nat-gateway', { subnet: 'subnet-a' }),
  ];
};

function setup(cloud: FakeCloud, checkpoints = new CheckpointStore()) {
  const logger = mockServices.logger.mock();
  const handlers = {
    vpc: cloud.handler('vpc'),
    'internet-gateway': cloud.handler('internet-gateway'),
    subnet: cloud.handler('subnet'),
    'nat-gateway': cloud.handler('nat-gateway', true),
  };
  const context = {
    clients: cloud,
    spec: presetFor('dev'),
    tags: {},
    logger,
    waitSettings: FAST_WAITS,
  };
  const steps = new CheckpointedSteps({
    checkpoint: checkpoints.checkpoint,
    logger,
    taskId: 'task-1',
    scope: 'test',
    prefix: 'network',
    isLive: id => cloud.resources.some(r => r.id === id),
  });
  return { logger, handlers, context, steps, checkpoints };
}

describe('applyGraph', () => {
  it('creates in dependency order, independent nodes at the same time, with the ids of their refs', async () => {
    const cloud = new FakeCloud();
    const { handlers, context, steps } = setup(cloud);
    const results = await applyGraph({
      nodes: graph(),
      handlers,
      steps,
      context,
      retry: RETRY,
      taskId: 'task-1',
    });
    // Two roots at once, then both subnets (beside the internet gateway if still running).
    expect(cloud.maxRunning).toBeGreaterThan(1);
    const order = cloud.log.map(l => l.split(' ')[1]);
    expect(order.indexOf('vpc')).toBeLessThan(order.indexOf('subnet-a'));
    expect(order.indexOf('subnet-a')).toBeLessThan(
      order.indexOf('nat-gateway'),
    );
    expect(cloud.log).toContain(
      `create nat-gateway {"subnet":"${results.get('subnet-a')!.id}"}`,
    );
    expect([...results.values()].map(r => r.outcome)).toEqual(
      Array(5).fill('created'),
    );
  });

  it('lets the nodes running beside a failed one finish, starts no other, and names the failed step', async () => {
    const cloud = new FakeCloud();
    const { handlers, context, steps } = setup(cloud);
    handlers.subnet = {
      ...handlers.subnet,
      create: async () => {
        throw awsError('UnauthorizedOperation', 403);
      },
    };
    const error = await applyGraph({
      nodes: graph(),
      handlers,
      steps,
      context,
      retry: RETRY,
      taskId: 'task-1',
    }).catch(e => e);
    expect(error).toBeInstanceOf(GraphStepError);
    expect(error.step).toBe('subnet-a');
    expect(error.message).toBe('UnauthorizedOperation: refused');
    // The internet gateway (started beside the VPC) finished; the NAT gateway never began.
    expect(cloud.resources.map(r => r.key).sort()).toEqual([
      'internet-gateway',
      'vpc',
    ]);
  });

  it('finds a resource by tag after a lost answer instead of failing, and removes the copy a retry made', async () => {
    const cloud = new FakeCloud();
    const { handlers, context, steps, logger } = setup(cloud);
    // The answer is lost once: the engine finds it by tag.
    cloud.loseAnswer.set('vpc', 1);
    const results = await applyGraph({
      nodes: graph(),
      handlers,
      steps,
      context,
      retry: RETRY,
      taskId: 'task-1',
    });
    expect(cloud.resources.filter(r => r.key === 'vpc')).toEqual([
      expect.objectContaining({ id: results.get('vpc')!.id }),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Creating vpc vpc answered InternalError: refused; found vpc-\d+ \(vpc\) by its tags/,
      ),
    );

    // An SDK retry after a lost answer made a second one: the extra one goes.
    const again = new FakeCloud();
    const second = setup(again);
    const create = second.handlers.vpc.create!;
    second.handlers.vpc.create = async (...args) => {
      await create(...args); // the first attempt, applied and its answer lost
      return create(...args);
    };
    const kept = await applyGraph({
      nodes: graph(),
      handlers: second.handlers,
      steps: second.steps,
      context: second.context,
      retry: RETRY,
      taskId: 'task-1',
    });
    expect(again.resources.filter(r => r.key === 'vpc')).toEqual([
      expect.objectContaining({ id: kept.get('vpc')!.id }),
    ]);
    expect(second.logger.warn).toHaveBeenCalledWith(
      `Deleted vpc vpc-1 (vpc): a retried create of vpc had made it besides ${
        kept.get('vpc')!.id
      }`,
    );
  });

  it('never takes over a resource another task created, unless adopting', async () => {
    const cloud = new FakeCloud();
    cloud.resources.push({ id: 'vpc-other', key: 'vpc', taskId: 'task-0' });
    const { handlers, context, steps } = setup(cloud);
    const error = await applyGraph({
      nodes: graph(),
      handlers,
      steps,
      context,
      retry: RETRY,
      taskId: 'task-1',
    }).catch(e => e);
    expect(error.step).toBe('vpc');
    expect(error.message).toBe(
      'vpc vpc-other (vpc) was created by task task-0, not by this one; it is not taken over without adopt',
    );
    const adopting = setup(cloud);
    const results = await applyGraph({
      nodes: graph(),
      handlers: adopting.handlers,
      steps: adopting.steps,
      context: adopting.context,
      retry: RETRY,
      taskId: 'task-1',
      adopt: true,
    });
    expect(results.get('vpc')).toMatchObject({
      id: 'vpc-other',
      outcome: 'reused',
    });
  });

  it('returns what a resumed task cached without calling the cloud again', async () => {
    const cloud = new FakeCloud();
    const checkpoints = new CheckpointStore();
    const first = setup(cloud, checkpoints);
    await applyGraph({
      ...first,
      nodes: graph(),
      retry: RETRY,
      taskId: 'task-1',
    });
    const calls = cloud.log.length;
    const resumed = setup(cloud, checkpoints);
    const results = await applyGraph({
      ...resumed,
      nodes: graph(),
      retry: RETRY,
      taskId: 'task-1',
    });
    expect(cloud.log).toHaveLength(calls);
    expect([...results.values()].map(r => r.outcome)).toEqual(
      Array(5).fill('resumed'),
    );
  });
});

describe('destroyGraph', () => {
  const created = async (cloud: FakeCloud) => {
    const setupResult = setup(cloud);
    await applyGraph({
      ...setupResult,
      nodes: graph(),
      retry: RETRY,
      taskId: 'task-1',
    });
    return setupResult;
  };

  it('deletes in the reverse of the graph and retries a delete refused while dependents go', async () => {
    const cloud = new FakeCloud();
    const { handlers, context } = await created(cloud);
    cloud.inUse.set('vpc', 2);
    const deleted = await destroyGraph({
      nodes: graph(),
      handlers,
      context,
      retry: RETRY,
      environmentName: 'dpj-dev',
      what: 'network of dpj-dev',
    });
    expect(cloud.resources).toEqual([]);
    const order = deleted.map(d => d.kind);
    expect(order.indexOf('nat-gateway')).toBeLessThan(order.indexOf('subnet'));
    expect(order.lastIndexOf('subnet')).toBeLessThan(order.indexOf('vpc'));
    expect(deleted.every(d => d.type === 'AWS::Fake')).toBe(true);
  });

  it('does not try what a failed kind depends on, and names what is left', async () => {
    const cloud = new FakeCloud();
    const { handlers, context } = await created(cloud);
    cloud.inUse.set('nat-gateway', 99);
    const error = await destroyGraph({
      nodes: graph(),
      handlers,
      context,
      retry: RETRY,
      environmentName: 'dpj-dev',
      what: 'network of dpj-dev',
    }).catch(e => e);
    expect(error).toBeInstanceOf(GraphDestroyError);
    expect(error.message).toMatch(
      /^Could not delete the whole network of dpj-dev:\n- nat-gateway nat-gateway-\d+ \(nat-gateway\): DependencyViolation: refused\nStill there: /,
    );
    // The internet gateway does not depend on the NAT gateway's subnet chain: it went.
    expect(cloud.resources.map(r => r.key).sort()).toEqual([
      'nat-gateway',
      'subnet-a',
      'subnet-b',
      'vpc',
    ]);
    expect(error.remaining).toHaveLength(4);
  });
});
