import { mockServices } from '@backstage/backend-test-utils';
import { CheckpointStore } from '../__testUtils__/checkpointStore';
import { CheckpointedSteps, clientTokenFor } from './checkpointedSteps';

function stepsWith(store: CheckpointStore, live: Set<string>) {
  const logger = mockServices.logger.mock();
  const steps = new CheckpointedSteps({
    checkpoint: store.checkpoint,
    logger,
    taskId: 'task-1',
    scope: '333333333333/eu-west-3/dpj-prod',
    prefix: 'network',
    isLive: key => live.has(key),
  });
  return { steps, logger };
}

const resource = (
  component: string,
  found: string[],
  create: jest.Mock,
  gone = 0,
) => ({
  component,
  kind: 'subnet',
  name: `dpj-prod-${component}`,
  find: async () => ({
    live: found.map(id => ({ id, label: `${id} (dpj-prod-${component})` })),
    gone,
  }),
  create,
});

describe('CheckpointedSteps', () => {
  it('creates what it does not find, with a ClientToken stable across retries', async () => {
    const store = new CheckpointStore();
    const create = jest.fn().mockResolvedValue('subnet-1');
    const { steps, logger } = stepsWith(store, new Set());
    await expect(steps.resource(resource('a', [], create))).resolves.toEqual({
      id: 'subnet-1',
      outcome: 'created',
    });
    expect(create).toHaveBeenCalledWith(
      clientTokenFor([
        'task-1',
        '333333333333/eu-west-3/dpj-prod',
        'network.a',
        0,
      ]),
    );
    expect(create.mock.calls[0][0]).toMatch(/^[0-9a-f]{48}$/);
    expect(logger.info).toHaveBeenCalledWith(
      'Created subnet subnet-1 (dpj-prod-a)',
    );
    expect(store.values.get('network.a')).toEqual({
      id: 'subnet-1',
      created: true,
    });
  });

  it('reuses what it finds by tags, the same one every time when there are duplicates', async () => {
    const create = jest.fn();
    const { steps, logger } = stepsWith(new CheckpointStore(), new Set());
    await expect(
      steps.resource(resource('a', ['subnet-1', 'subnet-2'], create)),
    ).resolves.toEqual({ id: 'subnet-1', outcome: 'reused' });
    expect(create).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Found 2 subnets tagged as a: using subnet-1'),
    );
  });

  it('changes the ClientToken once an earlier attempt failed', async () => {
    const create = jest.fn().mockResolvedValue('nat-2');
    const { steps } = stepsWith(new CheckpointStore(), new Set());
    await steps.resource(resource('nat', [], create, 1));
    expect(create.mock.calls[0][0]).not.toBe(
      clientTokenFor([
        'task-1',
        '333333333333/eu-west-3/dpj-prod',
        'network.nat',
        0,
      ]),
    );
  });

  it('returns a live checkpoint without calling AWS, and moves to new keys after a stale one', async () => {
    const store = new CheckpointStore();
    store.values.set('network.a', { id: 'subnet-1', created: true });
    store.values.set('network.b', { id: 'subnet-gone', created: true });
    store.values.set('network.c', { id: 'subnet-3', created: true });
    const { steps, logger } = stepsWith(
      store,
      new Set(['subnet-1', 'subnet-3']),
    );
    const find = jest.fn();
    const a = await steps.resource({
      ...resource('a', [], jest.fn()),
      find,
    });
    expect(a).toEqual({ id: 'subnet-1', outcome: 'resumed' });
    expect(find).not.toHaveBeenCalled();

    const b = await steps.resource(
      resource('b', [], jest.fn().mockResolvedValue('subnet-2')),
    );
    expect(b).toEqual({ id: 'subnet-2', outcome: 'created' });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Checkpoint network\.b of an earlier run names .*subnet-gone.*, which no longer exists/,
      ),
    );
    expect(store.values.get('network.b.retry-1')).toEqual({
      id: 'subnet-2',
      created: true,
    });

    // Later steps use the new keys too: found again by tags, not from the old checkpoint.
    const c = await steps.resource(resource('c', ['subnet-3'], jest.fn()));
    expect(c).toEqual({ id: 'subnet-3', outcome: 'reused' });
    expect(store.values.has('network.c.retry-1')).toBe(true);
  });
});
