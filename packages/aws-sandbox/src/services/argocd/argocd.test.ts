import { setTimeout as sleep } from 'node:timers/promises';
import { RunningSandbox, startSandbox } from '../../server';
import { ArgoCdService, createArgoCdService } from './index';

const PROD_SERVER =
  'https://sandbox.eks.eu-west-3.example/k8s/333333333333/eu-west-3/dpj-prod-cluster';

const application = (
  name: string,
  overrides: Record<string, unknown> = {},
) => ({
  metadata: { name, labels: { 'dpj.io/environment': 'production' } },
  spec: {
    project: 'dpj',
    source: {
      repoURL: 'https://git.dpj.example/platform/dpj-gitops.git',
      path: `clusters/dpj-prod/${name}`,
      targetRevision: 'main',
    },
    destination: { server: PROD_SERVER, namespace: 'dpj' },
    syncPolicy: { automated: { prune: true, selfHeal: true } },
    ...overrides,
  },
});

describe('aws-sandbox ArgoCD API', () => {
  let sandbox: RunningSandbox;
  let argocd: ArgoCdService;
  let token: string;
  beforeAll(async () => {
    argocd = createArgoCdService();
    sandbox = await startSandbox({ httpServices: [argocd], timeScale: 0.001 });
  });
  afterAll(() => sandbox.close());

  async function call(
    method: string,
    path: string,
    body?: unknown,
    bearer: string | null = token,
  ) {
    const response = await fetch(`${sandbox.url}/argocd${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('opens a session for a valid user and refuses a wrong password', async () => {
    const ok = await call(
      'POST',
      '/api/v1/session',
      { username: 'admin', password: 'sandbox-admin-password' },
      null,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.token.split('.')).toHaveLength(3);
    token = ok.body.token;
    const wrong = await call(
      'POST',
      '/api/v1/session',
      { username: 'admin', password: 'nope' },
      null,
    );
    expect(wrong).toEqual({
      status: 401,
      body: {
        error: 'Invalid username or password',
        code: 16,
        message: 'Invalid username or password',
      },
    });
  });

  it('requires a session or static token on every other route', async () => {
    expect(await call('GET', '/api/v1/applications', undefined, null)).toEqual({
      status: 401,
      body: {
        error: 'no session information',
        code: 16,
        message: 'no session information',
      },
    });
    const bogus = await call('GET', '/api/v1/projects', undefined, 'not-a-jwt');
    expect(bogus.status).toBe(401);
    expect(bogus.body.message).toBe(
      'invalid session: token contains an invalid number of segments',
    );
    const staticToken = await call(
      'GET',
      '/api/v1/projects',
      undefined,
      'sandbox-argocd-token',
    );
    expect(staticToken.status).toBe(200);
    expect(
      staticToken.body.items.map(
        (p: { metadata: { name: string } }) => p.metadata.name,
      ),
    ).toEqual(['default']);
  });

  it('creates, reads, upserts and deletes projects', async () => {
    const project = {
      metadata: { name: 'dpj' },
      spec: {
        description: 'DPJ applications',
        sourceRepos: ['https://git.dpj.example/*'],
        destinations: [{ server: '*', namespace: 'dpj' }],
      },
    };
    const created = await call('POST', '/api/v1/projects', { project });
    expect(created.status).toBe(200);
    expect(created.body.metadata).toMatchObject({
      name: 'dpj',
      namespace: 'argocd',
      generation: 1,
    });
    expect(created.body.metadata.creationTimestamp).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    // The same spec again is idempotent; a different one needs upsert.
    expect(
      (await call('POST', '/api/v1/projects', { project })).body.metadata.uid,
    ).toBe(created.body.metadata.uid);
    const changed = {
      ...project,
      spec: { ...project.spec, description: 'changed' },
    };
    expect(
      await call('POST', '/api/v1/projects', { project: changed }),
    ).toEqual({
      status: 400,
      body: {
        error:
          'existing project spec is different, use upsert flag to force update',
        code: 3,
        message:
          'existing project spec is different, use upsert flag to force update',
      },
    });
    const upserted = await call('POST', '/api/v1/projects', {
      project: changed,
      upsert: true,
    });
    expect(upserted.body).toMatchObject({
      spec: { description: 'changed' },
      metadata: { generation: 2 },
    });
    const put = await call('PUT', '/api/v1/projects/dpj', {
      project: {
        ...project,
        metadata: {
          ...project.metadata,
          resourceVersion: upserted.body.metadata.resourceVersion,
        },
      },
    });
    expect(put.body.spec.description).toBe('DPJ applications');
    expect(
      (await call('GET', '/api/v1/projects/dpj')).body.spec.description,
    ).toBe('DPJ applications');
    await call('POST', '/api/v1/projects', {
      project: { metadata: { name: 'scratch' }, spec: {} },
    });
    expect(await call('DELETE', '/api/v1/projects/scratch')).toEqual({
      status: 200,
      body: {},
    });
    expect(await call('GET', '/api/v1/projects/scratch')).toEqual({
      status: 404,
      body: {
        error: 'appprojects.argoproj.io "scratch" not found',
        code: 5,
        message: 'appprojects.argoproj.io "scratch" not found',
      },
    });
  });

  it('registers EKS clusters with awsAuthConfig, redacts secrets, hides unknown ones behind 403', async () => {
    const cluster = {
      server: PROD_SERVER,
      name: 'dpj-prod-cluster',
      config: {
        awsAuthConfig: {
          clusterName: 'dpj-prod-cluster',
          roleARN: 'arn:aws:iam::333333333333:role/argocd',
        },
        tlsClientConfig: { insecure: false, caData: 'LS0tLS1CRUdJTi0t' },
        bearerToken: 'secret',
      },
    };
    const created = await call('POST', '/api/v1/clusters', cluster);
    expect(created.status).toBe(200);
    expect(created.body.config.bearerToken).toBeUndefined();
    expect(created.body.config.awsAuthConfig.roleARN).toBe(
      'arn:aws:iam::333333333333:role/argocd',
    );
    expect(created.body.connectionState.status).toBe('Unknown');
    const renamed = { ...cluster, name: 'prod' };
    expect((await call('POST', '/api/v1/clusters', renamed)).body.message).toBe(
      'existing cluster spec is different; use upsert flag to force update',
    );
    expect(
      (await call('POST', '/api/v1/clusters?upsert=true', renamed)).body.name,
    ).toBe('prod');
    const encoded = encodeURIComponent(PROD_SERVER);
    expect((await call('GET', `/api/v1/clusters/${encoded}`)).body.name).toBe(
      'prod',
    );
    expect(
      (await call('PUT', `/api/v1/clusters/${encoded}`, cluster)).body.name,
    ).toBe('dpj-prod-cluster');
    const list = await call('GET', '/api/v1/clusters');
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual([
      'in-cluster',
      'dpj-prod-cluster',
    ]);
    const unknown = encodeURIComponent('https://unknown.example');
    for (const method of ['GET', 'DELETE']) {
      expect(await call(method, `/api/v1/clusters/${unknown}`)).toEqual({
        status: 403,
        body: {
          error: 'permission denied',
          code: 7,
          message: 'permission denied',
        },
      });
    }
  });

  it('creates applications that sync, refuses a changed spec without upsert, hides unknown ones', async () => {
    const created = await call(
      'POST',
      '/api/v1/applications',
      application('dpj-api'),
    );
    expect(created.status).toBe(200);
    expect(created.body.metadata).toMatchObject({
      name: 'dpj-api',
      namespace: 'argocd',
      generation: 1,
    });
    expect(created.body.status.sync.status).toBe('OutOfSync');
    // 30 s of sync at timeScale 0.001.
    await sleep(50);
    const fetched = await call('GET', '/api/v1/applications/dpj-api');
    expect(fetched.body.status).toMatchObject({
      sync: { status: 'Synced' },
      health: { status: 'Healthy' },
    });
    expect(
      (await call('POST', '/api/v1/applications', application('dpj-api'))).body
        .metadata.uid,
    ).toBe(created.body.metadata.uid);
    const changed = application('dpj-api', {
      destination: { server: PROD_SERVER, namespace: 'dpj' },
      source: {
        repoURL: 'https://git.dpj.example/platform/dpj-gitops.git',
        path: 'other',
      },
    });
    expect(await call('POST', '/api/v1/applications', changed)).toEqual({
      status: 400,
      body: {
        error:
          'existing application spec is different, use upsert flag to force update',
        code: 3,
        message:
          'existing application spec is different, use upsert flag to force update',
      },
    });
    const upserted = await call(
      'POST',
      '/api/v1/applications?upsert=true',
      changed,
    );
    expect(upserted.body).toMatchObject({
      spec: { source: { path: 'other' } },
      metadata: { generation: 2 },
    });
    const put = await call(
      'PUT',
      '/api/v1/applications/dpj-api',
      application('dpj-api'),
    );
    expect(put.body.spec.source.path).toBe('clusters/dpj-prod/dpj-api');
    expect(
      (await call('GET', `/api/v1/clusters/${encodeURIComponent(PROD_SERVER)}`))
        .body.info.applicationsCount,
    ).toBe(1);
    // Without a project, an unknown application is indistinguishable from a forbidden one.
    expect(await call('GET', '/api/v1/applications/nope')).toEqual({
      status: 403,
      body: {
        error: 'permission denied',
        code: 7,
        message: 'permission denied',
      },
    });
    expect(await call('GET', '/api/v1/applications/nope?project=dpj')).toEqual({
      status: 404,
      body: {
        error: 'applications.argoproj.io "nope" not found',
        code: 5,
        message: 'applications.argoproj.io "nope" not found',
      },
    });
  });

  it('validates the project, the destination and the source repo as ArgoCD does', async () => {
    const noProject = await call(
      'POST',
      '/api/v1/applications',
      application('a', { project: 'ghost' }),
    );
    expect(noProject.status).toBe(400);
    expect(noProject.body.message).toBe(
      'app is not allowed in project "ghost", or the project does not exist',
    );
    const noCluster = await call(
      'POST',
      '/api/v1/applications',
      application('b', {
        destination: { server: 'https://nowhere.example', namespace: 'dpj' },
      }),
    );
    expect(noCluster.body.message).toBe(
      'application destination spec for b is invalid: unable to find destination server: there are no clusters with this URL: https://nowhere.example',
    );
    const wrongNamespace = await call(
      'POST',
      '/api/v1/applications',
      application('c', {
        destination: { server: PROD_SERVER, namespace: 'kube-system' },
      }),
    );
    expect(wrongNamespace.body.message).toBe(
      `application spec for c is invalid: InvalidSpecError: application destination server '${PROD_SERVER}' and namespace 'kube-system' do not match any of the allowed destinations in project 'dpj'`,
    );
    const foreignRepo = await call(
      'POST',
      '/api/v1/applications',
      application('d', {
        source: { repoURL: 'https://github.com/someone/else.git', path: '.' },
      }),
    );
    expect(foreignRepo.body.message).toBe(
      "application spec for d is invalid: InvalidSpecError: application repo https://github.com/someone/else.git is not permitted in project 'dpj'",
    );
    expect((await call('DELETE', '/api/v1/projects/dpj')).body.message).toBe(
      'project is referenced by 1 applications',
    );
  });

  it('lists applications by project and label selector, and deletes them', async () => {
    await call('POST', '/api/v1/applications', application('dpj-web'));
    await call('POST', '/api/v1/applications', {
      ...application('tooling', { project: 'default' }),
      metadata: { name: 'tooling', labels: { team: 'platform' } },
    });
    const names = async (query: string) =>
      (await call('GET', `/api/v1/applications${query}`)).body.items.map(
        (a: { metadata: { name: string } }) => a.metadata.name,
      );
    expect(await names('')).toEqual(['dpj-api', 'dpj-web', 'tooling']);
    expect(await names('?projects=dpj')).toEqual(['dpj-api', 'dpj-web']);
    expect(await names('?selector=team%3Dplatform')).toEqual(['tooling']);
    // `!key`: the applications without the label (it used to match none).
    expect(await names('?selector=!team')).toEqual(['dpj-api', 'dpj-web']);
    expect(
      (await call('GET', '/api/v1/applications?selector=team%20in%20(a)'))
        .status,
    ).toBe(400);
    expect(await call('DELETE', '/api/v1/applications/tooling')).toEqual({
      status: 200,
      body: {},
    });
    // A cascaded delete lasts 30 s × timeScale (see the cascade test below).
    await sleep(50);
    expect((await call('DELETE', '/api/v1/applications/tooling')).status).toBe(
      403,
    );
    expect(
      (await call('DELETE', '/api/v1/applications/tooling?project=default'))
        .status,
    ).toBe(404);
    // Without cascade the application goes at once.
    await call('POST', '/api/v1/applications', {
      ...application('scratch', { project: 'default' }),
      metadata: { name: 'scratch' },
    });
    expect(
      (await call('DELETE', '/api/v1/applications/scratch?cascade=false'))
        .status,
    ).toBe(200);
    expect(await names('')).toEqual(['dpj-api', 'dpj-web']);
    expect(
      (
        await call(
          'DELETE',
          '/api/v1/applications/dpj-web?propagationPolicy=sideways',
        )
      ).body.message,
    ).toBe('invalid propagation policy: sideways');
  });

  it.each([
    [403, 'permission denied', 7],
    [
      409,
      'the object has been modified; please apply your changes to the latest version and try again',
      10,
    ],
    [500, 'rpc error: code = Unavailable desc = connection refused', 13],
  ])(
    'fails the next call with %i when told to',
    async (status, message, code) => {
      argocd.failNext(status, message);
      expect(await call('GET', '/api/v1/applications')).toEqual({
        status,
        body: { error: message, code, message },
      });
      expect((await call('GET', '/api/v1/applications')).status).toBe(200);
    },
  );

  it('fails only the calls a failure is aimed at, and takes failures over HTTP too', async () => {
    argocd.failNext(403, 'permission denied: applications, create', {
      method: 'POST',
      path: '/api/v1/applications',
    });
    expect((await call('GET', '/api/v1/applications')).status).toBe(200);
    expect(
      await call('POST', '/api/v1/applications', application('dpj-api')),
    ).toEqual({
      status: 403,
      body: {
        error: 'permission denied: applications, create',
        code: 7,
        message: 'permission denied: applications, create',
      },
    });
    expect(
      (await call('POST', '/api/v1/applications', application('dpj-api')))
        .status,
    ).toBe(200);

    const admin = (method: string, body?: unknown) =>
      fetch(`${sandbox.url}/argocd/_sandbox/fail-next`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const queued = await admin('POST', {
      status: 500,
      message: 'rpc error: code = Internal',
      method: 'GET',
      path: '/api/v1/projects/dpj',
    });
    expect(await queued.json()).toEqual({ queued: 1 });
    expect((await call('GET', '/api/v1/projects/default')).status).toBe(200);
    expect(await call('GET', '/api/v1/projects/dpj')).toMatchObject({
      status: 500,
      body: { code: 13, message: 'rpc error: code = Internal' },
    });
    expect((await admin('POST', { status: 'x' })).status).toBe(400);
    await admin('POST', { status: 503, message: 'unavailable' });
    expect(await (await admin('DELETE')).json()).toEqual({ queued: 0 });
    expect((await call('GET', '/api/v1/projects/dpj')).status).toBe(200);
    argocd.failNext(500, 'boom');
    argocd.clearFailures();
    expect((await call('GET', '/api/v1/projects/dpj')).status).toBe(200);
  });

  it('answers for one application by project as getAppEnforceRBAC does', async () => {
    const otherProject = await call(
      'GET',
      '/api/v1/applications/dpj-api?project=default',
    );
    expect(otherProject.status).toBe(404);
    expect(otherProject.body.message).toBe(
      'applications.argoproj.io "dpj-api" not found',
    );
    expect(
      (await call('GET', '/api/v1/applications/dpj-api?projects=dpj')).status,
    ).toBe(200);
    expect(
      await call('GET', '/api/v1/applications/dpj-api?project=dpj&projects=x'),
    ).toMatchObject({
      status: 400,
      body: {
        code: 3,
        message:
          'multiple projects specified - the get endpoint accepts either zero or one project',
      },
    });
    const put = await call(
      'PUT',
      '/api/v1/applications/ghost-app',
      application('ghost-app'),
    );
    expect(put.status).toBe(403);
    expect(
      (
        await call(
          'PUT',
          '/api/v1/applications/ghost-app?project=dpj',
          application('ghost-app'),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await call(
          'DELETE',
          '/api/v1/applications/dpj-api?project=dpj&cascade=false&propagationPolicy=foreground',
        )
      ).body.message,
    ).toBe('cannot set propagation policy when cascading is disabled');
  });

  it('merges labels on an upsert, replaces them and the finalizers on an update, normalizes the spec', async () => {
    const created = await call('POST', '/api/v1/applications', {
      metadata: {
        name: 'dpj-labels',
        labels: { owner: 'platform', tier: 'backend' },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        ...application('dpj-labels').spec,
        syncPolicy: {},
        source: {
          ...application('dpj-labels').spec.source,
          helm: { valueFiles: [] },
        },
      },
    });
    expect(created.status).toBe(200);
    expect(created.body.spec.syncPolicy).toBeUndefined();
    expect(created.body.spec.source.helm).toBeUndefined();
    const upserted = await call('POST', '/api/v1/applications?upsert=true', {
      metadata: {
        name: 'dpj-labels',
        labels: { tier: 'frontend' },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: application('dpj-labels').spec,
      operation: { sync: { revision: 'main' } },
    });
    expect(upserted.body.metadata.labels).toEqual({
      owner: 'platform',
      tier: 'frontend',
    });
    expect(upserted.body.operation).toBeUndefined();
    const put = await call('PUT', '/api/v1/applications/dpj-labels', {
      metadata: { name: 'ignored-name', labels: { only: 'this' } },
      spec: application('dpj-labels').spec,
    });
    expect(put.body.metadata).toMatchObject({
      name: 'dpj-labels',
      labels: { only: 'this' },
      uid: created.body.metadata.uid,
      creationTimestamp: created.body.metadata.creationTimestamp,
    });
    expect(put.body.metadata.finalizers).toBeUndefined();
    await call('DELETE', '/api/v1/applications/dpj-labels');
  });

  it('updates projects as a Kubernetes update: resourceVersion, spec-only upsert, applications kept valid', async () => {
    const project = {
      metadata: { name: 'team', labels: { owner: 'platform' } },
      spec: {
        sourceRepos: ['https://git.dpj.example/*'],
        destinations: [{ server: PROD_SERVER, namespace: 'team' }],
      },
    };
    const created = await call('POST', '/api/v1/projects', { project });
    const upserted = await call('POST', '/api/v1/projects', {
      project: {
        metadata: { name: 'team', labels: { owner: 'someone-else' } },
        spec: { ...project.spec, description: 'Team apps' },
      },
      upsert: true,
    });
    // An upsert replaces the spec only.
    expect(upserted.body.metadata.labels).toEqual({ owner: 'platform' });
    expect(upserted.body.spec.description).toBe('Team apps');
    expect(await call('PUT', '/api/v1/projects/team', { project })).toEqual({
      status: 400,
      body: {
        error:
          'AppProject.argoproj.io "team" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
        code: 3,
        message:
          'AppProject.argoproj.io "team" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
      },
    });
    const stale = await call('PUT', '/api/v1/projects/team', {
      project: { ...project, metadata: created.body.metadata },
    });
    expect(stale).toMatchObject({
      status: 409,
      body: {
        code: 10,
        message:
          'Operation cannot be fulfilled on appprojects.argoproj.io "team": the object has been modified; please apply your changes to the latest version and try again',
      },
    });
    const put = await call('PUT', '/api/v1/projects/team', {
      project: {
        metadata: {
          name: 'team',
          resourceVersion: upserted.body.metadata.resourceVersion,
          labels: { owner: 'platform', cost: 'shared' },
        },
        spec: project.spec,
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.metadata).toMatchObject({
      labels: { owner: 'platform', cost: 'shared' },
      uid: created.body.metadata.uid,
      generation: 3,
    });
    await call('POST', '/api/v1/applications', {
      metadata: { name: 'team-app' },
      spec: {
        ...application('team-app').spec,
        project: 'team',
        destination: { server: PROD_SERVER, namespace: 'team' },
      },
    });
    const narrowed = await call('PUT', '/api/v1/projects/team', {
      project: {
        metadata: put.body.metadata,
        spec: { ...project.spec, destinations: [] },
      },
    });
    expect(narrowed).toMatchObject({
      status: 400,
      body: {
        message:
          'as a result of project update 1 applications destination became invalid',
      },
    });
    expect(await call('DELETE', '/api/v1/projects/default')).toMatchObject({
      status: 400,
      body: { message: "name 'default' is reserved and cannot be deleted" },
    });
  });
});

describe('aws-sandbox ArgoCD cascaded deletion', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    // 30 s of resource deletion take 300 ms here: long enough to see the application linger.
    sandbox = await startSandbox({
      httpServices: [createArgoCdService()],
      timeScale: 0.01,
    });
  });
  afterAll(() => sandbox.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}/argocd${path}`, {
      method,
      headers: { authorization: 'Bearer sandbox-argocd-token' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  it('keeps a cascaded application, with a deletionTimestamp, until its resources are gone', async () => {
    await call('POST', '/api/v1/applications', {
      metadata: { name: 'web' },
      spec: {
        source: { repoURL: 'https://git.example/web.git', path: '.' },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'web',
        },
      },
    });
    expect(
      await call('DELETE', '/api/v1/applications/web?cascade=true'),
    ).toEqual({ status: 200, body: {} });
    const deleting = await call('GET', '/api/v1/applications/web');
    expect(deleting.body.metadata).toMatchObject({
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
      deletionTimestamp: expect.stringMatching(/Z$/),
    });
    // Deleting it again while it goes is accepted, as Kubernetes accepts it.
    expect((await call('DELETE', '/api/v1/applications/web')).status).toBe(200);
    await sleep(350);
    expect((await call('GET', '/api/v1/applications/web')).status).toBe(403);
    expect(
      (await call('GET', '/api/v1/applications?name=web')).body.items,
    ).toEqual([]);
  });
});
