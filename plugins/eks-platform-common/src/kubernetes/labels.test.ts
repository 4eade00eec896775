import {
  isLabelKeyReservedForKubernetes,
  isValidLabelValue,
  labelKeyProblem,
} from './labels';

describe('label and taint keys', () => {
  it.each([
    'role',
    'capacity',
    'CriticalAddonsOnly',
    'example.com/team',
    'a',
    'node.kubernetes.io/lifecycle',
  ])('accepts %s', key => expect(labelKeyProblem(key)).toBeUndefined());

  it.each([
    '',
    '-role',
    'role-',
    'Example.com/team',
    'a/b/c',
    'team name',
    `x${'y'.repeat(63)}`,
    '/role',
  ])('refuses %j', key => expect(labelKeyProblem(key)).toBeDefined());

  it('spots keys nodes may not set on themselves', () => {
    expect(
      isLabelKeyReservedForKubernetes('node-role.kubernetes.io/system'),
    ).toBe(true);
    expect(isLabelKeyReservedForKubernetes('kubernetes.io/role')).toBe(true);
    expect(isLabelKeyReservedForKubernetes('example.k8s.io/x')).toBe(true);
    expect(
      isLabelKeyReservedForKubernetes('node.kubernetes.io/lifecycle'),
    ).toBe(false);
    expect(isLabelKeyReservedForKubernetes('kubelet.kubernetes.io/x')).toBe(
      false,
    );
    expect(isLabelKeyReservedForKubernetes('role')).toBe(false);
    expect(isLabelKeyReservedForKubernetes('example.com/role')).toBe(false);
  });
});

describe('label values', () => {
  it('follows Kubernetes syntax, with EKS refusing empty label values', () => {
    expect(isValidLabelValue('system', { allowEmpty: false })).toBe(true);
    expect(isValidLabelValue('on-demand', { allowEmpty: false })).toBe(true);
    expect(isValidLabelValue('', { allowEmpty: false })).toBe(false);
    expect(isValidLabelValue('', { allowEmpty: true })).toBe(true);
    expect(isValidLabelValue('a b', { allowEmpty: true })).toBe(false);
    expect(isValidLabelValue('x'.repeat(64), { allowEmpty: true })).toBe(false);
  });
});
