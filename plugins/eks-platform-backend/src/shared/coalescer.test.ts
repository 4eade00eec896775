import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('shares one computation between concurrent callers of a key', async () => {
    const coalescer = new Coalescer<number>();
    let starts = 0;
    let release: (value: number) => void = () => {};
    const start = () => {
      starts += 1;
      return new Promise<number>(resolve => {
        release = resolve;
      });
    };
    const first = coalescer.run('a', start);
    const second = coalescer.run('a', start);
    const other = coalescer.run('b', async () => 7);
    await Promise.resolve();
    release(42);
    await expect(Promise.all([first, second, other])).resolves.toEqual([
      42, 42, 7,
    ]);
    expect(starts).toBe(1);
  });

  it('starts again once the previous computation settled, even after a failure', async () => {
    const coalescer = new Coalescer<number>();
    await expect(
      coalescer.run('a', async () => {
        throw new Error('upstream down');
      }),
    ).rejects.toThrow('upstream down');
    await expect(coalescer.run('a', async () => 1)).resolves.toBe(1);
    await expect(coalescer.run('a', async () => 2)).resolves.toBe(2);
  });
});
