import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { eksPlatformPlugin } from './plugin';

describe('eksPlatformPlugin', () => {
  it('serves its health route even to callers with invalid credentials', async () => {
    const { server } = await startTestBackend({
      features: [eksPlatformPlugin, catalogServiceMock.factory()],
    });

    const health = await request(server)
      .get('/api/eks-platform/health')
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
  });

  it('refuses invalid credentials on every other route', async () => {
    const { server } = await startTestBackend({
      features: [eksPlatformPlugin, catalogServiceMock.factory()],
    });

    const response = await request(server)
      .get('/api/eks-platform/anything')
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(response.status).toBe(401);
  });
});
