import {
  describeInstanceType,
  findInstanceType,
  haveSameShape,
  INSTANCE_TYPES,
  InstanceTypeName,
  ipAddressesPerNode,
  isKnownInstanceType,
  maxPodsPerNode,
} from './instanceTypes';

/** Values of amazon-vpc-cni-k8s misc/eni-max-pods.txt. */
const ENI_MAX_PODS: Record<InstanceTypeName, number> = {
  't3.medium': 17,
  't3.large': 35,
  't3a.large': 35,
  't3.xlarge': 58,
  'c5.large': 29,
  'c5.xlarge': 58,
  'c5a.xlarge': 58,
  'c5d.xlarge': 58,
  'c6i.xlarge': 58,
  'c5.2xlarge': 58,
  'm5.large': 29,
  'm5a.large': 29,
  'm6i.large': 29,
  'm5.xlarge': 58,
  'm5a.xlarge': 58,
  'm6i.xlarge': 58,
  'r5.large': 29,
};

describe('instance types', () => {
  it.each(Object.entries(ENI_MAX_PODS))(
    '%s runs %i pods, as eni-max-pods.txt says',
    (name, pods) => {
      const spec = findInstanceType(name);
      expect(spec && maxPodsPerNode(spec)).toBe(pods);
    },
  );

  it('covers every type of the table in the eni-max-pods check', () => {
    expect(INSTANCE_TYPES.map(t => t.name).sort()).toEqual(
      Object.keys(ENI_MAX_PODS).sort(),
    );
  });

  it('computes pods and addresses from hand-checked figures', () => {
    // c5.xlarge: 4 ENIs × (15 - 1) + 2 = 58 pods; 4 × 15 = 60 addresses.
    expect(maxPodsPerNode('c5.xlarge')).toBe(58);
    expect(ipAddressesPerNode('c5.xlarge')).toBe(60);
    // t3.medium: 3 × (6 - 1) + 2 = 17; m5.large: 3 × (10 - 1) + 2 = 29.
    expect(maxPodsPerNode('t3.medium')).toBe(17);
    expect(maxPodsPerNode('m5.large')).toBe(29);
    expect(ipAddressesPerNode('t3.large')).toBe(36);
  });

  it('knows vCPU and memory', () => {
    expect(findInstanceType('t3.medium')).toMatchObject({
      vcpus: 2,
      memoryMiB: 4096,
    });
    expect(findInstanceType('c5.2xlarge')).toMatchObject({
      vcpus: 8,
      memoryMiB: 16384,
    });
    expect(findInstanceType('p5.48xlarge')).toBeUndefined();
    expect(isKnownInstanceType('m6i.large')).toBe(true);
    expect(isKnownInstanceType('M6I.LARGE')).toBe(false);
  });

  it('compares shapes: t3.medium and t3.large differ, c5.xlarge and c6i.xlarge match', () => {
    const shape = (name: string) => {
      const spec = findInstanceType(name);
      if (!spec) throw new Error(name);
      return spec;
    };
    expect(haveSameShape(shape('t3.medium'), shape('t3.large'))).toBe(false);
    expect(haveSameShape(shape('c5.xlarge'), shape('c6i.xlarge'))).toBe(true);
    expect(haveSameShape(shape('c5.large'), shape('m5.large'))).toBe(false);
    expect(describeInstanceType(shape('t3.medium'))).toBe(
      't3.medium (2 vCPU, 4 GiB)',
    );
  });
});
