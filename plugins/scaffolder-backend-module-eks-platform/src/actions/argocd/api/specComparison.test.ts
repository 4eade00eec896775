import { runInNewContext } from 'node:vm';
import {
  canonicalJson,
  goNormalize,
  hasRedactedSecrets,
  mapIncludes,
  matchesLabelSelector,
  mergeMaps,
  mergeOwnedFields,
  normalizeApplicationSpec,
  ownedFieldsEqual,
  sameFinalizers,
  sameNormalized,
} from './specComparison';

describe('goNormalize', () => {
  it('drops what Go would omit, recursively', () => {
    expect(
      goNormalize({
        name: '',
        insecure: false,
        namespaces: [],
        tlsClientConfig: { insecure: false, caData: '' },
        replicas: 0,
        kept: 'x',
      }),
    ).toEqual({ replicas: 0, kept: 'x' });
    expect(goNormalize(null)).toBeUndefined();
    expect(goNormalize({})).toBeUndefined();
  });

  it('keeps what means something when empty or false', () => {
    expect(goNormalize({ automated: {} })).toEqual({ automated: {} });
    expect(
      goNormalize({ automated: { enabled: false, prune: false } }),
    ).toEqual({ automated: { enabled: false } });
    expect(goNormalize({ retry: {} })).toEqual({ retry: {} });
  });

  it('keeps list items and helm valuesObject as they are', () => {
    expect(goNormalize({ args: ['', 'aws', false] })).toEqual({
      args: ['', 'aws', false],
    });
    expect(goNormalize([{}, { a: '' }])).toEqual([{}, {}]);
    const valuesObject = { ingress: { enabled: false, hosts: [] }, tag: '' };
    expect(goNormalize({ helm: { valuesObject } })).toEqual({
      helm: { valuesObject },
    });
  });
});

describe('comparing and merging owned fields', () => {
  it('compares only the fields the caller sets, with source and sources as one', () => {
    expect(
      ownedFieldsEqual({ description: 'a' }, { description: 'a', roles: [1] }),
    ).toBe(true);
    expect(ownedFieldsEqual({ description: 'a' }, { description: 'b' })).toBe(
      false,
    );
    expect(ownedFieldsEqual({ syncPolicy: null }, { syncPolicy: {} })).toBe(
      true,
    );
    expect(
      ownedFieldsEqual(
        { source: { repoURL: 'r' } },
        { source: { repoURL: 'r' }, sources: [{ repoURL: 's' }] },
      ),
    ).toBe(false);
    expect(sameNormalized({ a: [], b: false }, undefined)).toBe(true);
  });

  it('compares values built in another realm, in any key order', () => {
    const foreign = runInNewContext(
      '({ syncOptions: ["CreateNamespace=true"], retry: { limit: 5 } })',
    );
    expect(
      sameNormalized(
        { retry: { limit: 5 }, syncOptions: ['CreateNamespace=true'] },
        foreign,
      ),
    ).toBe(true);
    expect(canonicalJson({ b: 1, a: { d: [2], c: 3 } })).toBe(
      '{"a":{"c":3,"d":[2]},"b":1}',
    );
  });

  it('writes the caller’s fields over the current ones and removes nulls', () => {
    expect(
      mergeOwnedFields(
        { sources: [{ repoURL: 's' }], roles: [1], syncPolicy: { x: 1 } },
        { source: { repoURL: 'r' }, syncPolicy: null },
      ),
    ).toEqual({ source: { repoURL: 'r' }, roles: [1] });
  });

  it('treats labels as a subset and finalizers as a set', () => {
    expect(mapIncludes({ a: '1' }, { a: '1', b: '2' })).toBe(true);
    expect(mapIncludes({ a: '1' }, { a: '2' })).toBe(false);
    expect(mapIncludes(undefined, undefined)).toBe(true);
    expect(mergeMaps({ a: '1', b: '2' }, { b: '3' })).toEqual({
      a: '1',
      b: '3',
    });
    expect(mergeMaps(undefined, {})).toBeUndefined();
    expect(sameFinalizers(['b', 'a'], ['a', 'b'])).toBe(true);
    expect(sameFinalizers(['a'], undefined)).toBe(false);
  });
});

describe('normalizeApplicationSpec', () => {
  it('defaults the project and drops empty sync policies and source blocks', () => {
    const normalized = normalizeApplicationSpec({
      syncPolicy: { syncOptions: [] },
      source: { repoURL: 'r', helm: { valueFiles: [] }, kustomize: {} },
      sources: [{ repoURL: 's', directory: { recurse: false } }],
    });
    expect(JSON.parse(JSON.stringify(normalized))).toEqual({
      project: 'default',
      source: { repoURL: 'r' },
      sources: [{ repoURL: 's' }],
    });
    expect(
      normalizeApplicationSpec({ syncPolicy: { automated: {} } }).syncPolicy,
    ).toEqual({ automated: {} });
  });
});

describe('cluster helpers', () => {
  it('spots credentials ArgoCD never answers with', () => {
    expect(hasRedactedSecrets({ bearerToken: 't' })).toBe(true);
    expect(hasRedactedSecrets({ tlsClientConfig: { keyData: 'k' } })).toBe(
      true,
    );
    expect(
      hasRedactedSecrets({
        awsAuthConfig: { clusterName: 'c' },
        tlsClientConfig: { caData: 'ca', keyData: '' },
      }),
    ).toBe(false);
  });

  it('matches Kubernetes equality label selectors', () => {
    const labels = { env: 'dev', team: 'obs' };
    expect(matchesLabelSelector(labels, 'env=dev')).toBe(true);
    expect(matchesLabelSelector(labels, 'env==dev,team')).toBe(true);
    expect(matchesLabelSelector(labels, 'env!=dev')).toBe(false);
    expect(matchesLabelSelector(labels, '!owner')).toBe(true);
    expect(matchesLabelSelector(labels, 'owner')).toBe(false);
    expect(matchesLabelSelector(undefined, 'env!=dev')).toBe(true);
    expect(matchesLabelSelector(undefined, '')).toBe(true);
  });
});
