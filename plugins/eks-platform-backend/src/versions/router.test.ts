import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EksVersionList } from '@internal/plugin-eks-platform-common';
import request from 'supertest';
import { eksPlatformPlugin } from '../plugin';
import {
  CapacityFixture,
  startCapacityFixture,
  upstreamCalls,
} from '../capacity/__testUtils__/capacityFixture';

jest.setTimeout(60_000);

describe('GET /kubernetes-versions against the sandbox', () => {
  let fixture: CapacityFixture;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    fixture = await startCapacityFixture();
    ({ server } = await startTestBackend({
      features: [
        eksPlatformPlugin,
        catalogServiceMock.factory({ entities: fixture.entities }),
        mockServices.rootConfig.factory({ data: fixture.config }),
      ],
    }));
  });
  afterAll(() => fixture.close());

  const get = (query: string) =>
    request(server)
      .get(`/api/eks-platform/kubernetes-versions${query}`)
      .set('Authorization', mockCredentials.user.header());

  it('lists what DescribeClusterVersions reports, newest first, and caches it', async () => {
    await fetch(`${fixture.sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
    const response = await get('?account=111111111111&region=eu-west-3');
    expect(response.status).toBe(200);
    const list = response.body as EksVersionList;
    expect(list.source).toBe('eks');
    const versions = list.versions.map(v => v.version);
    // The sandbox's calendar releases minors the published table does not know.
    expect(versions).toContain('1.36');
    expect(versions).toEqual(
      [...versions].sort((a, b) => Number(b.slice(2)) - Number(a.slice(2))),
    );
    expect(list.versions.filter(v => v.isDefault)).toHaveLength(1);
    expect(new Set(list.versions.map(v => v.phase))).toContain('standard');

    await get('?account=111111111111&region=eu-west-3');
    const described = (await upstreamCalls(fixture.sandbox)).filter(
      c => c.operation === 'DescribeClusterVersions',
    );
    expect(described).toHaveLength(1);
  });

  it('refuses a bad account or region, naming the parameter, before any AWS call', async () => {
    await fetch(`${fixture.sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
    const badAccount = await get('?account=1234&region=eu-west-3');
    expect(badAccount.status).toBe(400);
    expect(badAccount.body.error.message).toMatch(/account must be 12 digits/);
    const badRegion = await get('?account=111111111111&region=mars-north-1');
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.error.message).toMatch(/region mars-north-1/);
    expect(await upstreamCalls(fixture.sandbox)).toEqual([]);
  });

  it('refuses callers that are not signed in', async () => {
    const response = await request(server)
      .get(
        '/api/eks-platform/kubernetes-versions?account=111111111111&region=eu-west-3',
      )
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });
});
