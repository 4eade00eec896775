import { inspect } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defaultSandboxServices,
  RunningSandbox,
  startSandbox,
} from '@internal/aws-sandbox';
import { ArgoCdApiError, ArgoCdClient, ArgoCdInstance } from './index';

/** The sandbox's static ArgoCD API token (DEFAULT_ARGOCD_TOKENS). */
const TOKEN = 'sandbox-argocd-token';
const DEV_SERVER =
  'https://sandbox.eks.eu-west-3.example/k8s/111111111111/eu-west-3/dpj-dev-cluster';

/** What the sandbox's ArgoCD service offers tests besides the API. */
interface ArgoCdFailures {
  failNext(
    status: number,
    message: string,
    match?: { method?: string; path?: string },
  ): void;
  clearFailures(): void;
}

const project = (description = 'DPJ dev environment') => ({
  metadata: { name: 'dpj-dev', labels: { 'dpj.io/environment': 'dpj-dev' } },
  spec: {
    description,
    sourceRepos: ['https://git.dpj.example/*'],
    destinations: [{ server: DEV_SERVER, namespace: '*' }],
    clusterResourceWhitelist: [{ group: '*', kind: '*' }],
  },
});

const cluster = (roleARN = 'arn:aws:iam::111111111111:role/argocd') => ({
  server: DEV_SERVER,
  name: 'dpj-dev-cluster',
  project: 'dpj-dev',
  labels: { 'dpj.io/environment': 'dpj-dev' },
  config: {
    awsAuthConfig: { clusterName: 'dpj-dev-cluster', roleARN },
    tlsClientConfig: { insecure: false, caData: 'LS0tLS1CRUdJTi0tLS0t' },
  },
});

const jaeger = (
  values = 'replicas: 1\n',
  spec: Record<string, unknown> = {},
) => ({
  metadata: {
    name: 'dpj-dev-jaeger',
    labels: { 'dpj.io/environment': 'dpj-dev' },
    finalizers: ['resources-finalizer.argocd.argoproj.io'],
  },
  spec: {
    project: 'dpj-dev',
    source: {
      repoURL: 'https://git.dpj.example/charts.git',
      chart: 'jaeger',
      targetRevision: '3.4.1',
      helm: { releaseName: 'jaeger', values },
    },
    destination: { server: DEV_SERVER, namespace: 'observability' },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true'],
    },
    ...spec,
  },
});

describe('ArgoCdClient against the sandbox ArgoCD', () => {
  let sandbox: RunningSandbox;
  let argocd: ArgoCdFailures;
  const requests: { method: string; url: string }[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    requests.push({ method: init?.method ?? 'GET', url: String(input) });
    return fetch(input, init);
  };
  const writes = () => requests.filter(r => r.method !== 'GET');
  /** Every error the tests provoke, to check none of them carries the token. */
  const errors: unknown[] = [];

  beforeAll(async () => {
    const services = defaultSandboxServices({ seed: true });
    argocd = services.httpServices!.find(
      service => service.name === 'argocd',
    ) as unknown as ArgoCdFailures;
    sandbox = await startSandbox({
      port: 0,
      kubernetesPort: 0,
      timeScale: 0.001,
      ...services,
    });
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => {
    requests.length = 0;
    argocd.clearFailures();
  });

  const instance = (token = TOKEN): ArgoCdInstance => ({
    name: 'dev-argocd',
    url: `${sandbox.url}/argocd/`,
    token,
  });
  const client = (token = TOKEN) =>
    new ArgoCdClient(instance(token), { fetch: countingFetch });

  /** ArgoCD's answer to a GET, bypassing the client. */
  async function read(path: string) {
    const response = await fetch(`${sandbox.url}/argocd${path}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    return response.json();
  }

  async function failure(promise: Promise<unknown>): Promise<ArgoCdApiError> {
    const error = await promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (e: unknown) => e,
    );
    errors.push(error);
    expect(error).toBeInstanceOf(ArgoCdApiError);
    return error as ArgoCdApiError;
  }

  it('creates a project, leaves it alone when unchanged, updates what differs', async () => {
    const argo = client();
    expect(await argo.upsertProject(project())).toBe('created');
    requests.length = 0;
    expect(await argo.upsertProject(project())).toBe('unchanged');
    expect(requests.map(r => r.method)).toEqual(['GET']);

    // Someone adds a role and a label: not ours, so neither a change nor undone.
    const current = await read('/api/v1/projects/dpj-dev');
    await fetch(`${sandbox.url}/argocd/api/v1/projects/dpj-dev`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        project: {
          ...current,
          metadata: {
            ...current.metadata,
            labels: { ...current.metadata.labels, team: 'observability' },
          },
          spec: { ...current.spec, roles: [{ name: 'ci', policies: [] }] },
        },
      }),
    });
    requests.length = 0;
    expect(await argo.upsertProject(project())).toBe('unchanged');
    expect(writes()).toEqual([]);

    expect(await argo.upsertProject(project('DPJ development'))).toBe(
      'updated',
    );
    expect(writes().map(r => r.method)).toEqual(['PUT']);
    const updated = await read('/api/v1/projects/dpj-dev');
    expect(updated.spec).toMatchObject({
      description: 'DPJ development',
      roles: [{ name: 'ci' }],
    });
    expect(updated.metadata.labels).toEqual({
      'dpj.io/environment': 'dpj-dev',
      team: 'observability',
    });
    expect(await argo.upsertProject(project('DPJ development'))).toBe(
      'unchanged',
    );
  });

  it('registers a cluster once, and again only when its config changes', async () => {
    const argo = client();
    expect(await argo.upsertCluster(cluster())).toBe('created');
    requests.length = 0;
    // ArgoCD answers with connection state and info the client did not send: no change.
    expect(await argo.upsertCluster(cluster())).toBe('unchanged');
    expect(writes()).toEqual([]);

    const role = 'arn:aws:iam::111111111111:role/argocd-v2';
    expect(await argo.upsertCluster(cluster(role))).toBe('updated');
    expect(writes()).toEqual([
      {
        method: 'POST',
        url: `${sandbox.url}/argocd/api/v1/clusters?upsert=true`,
      },
    ]);
    const stored = await read(
      `/api/v1/clusters/${encodeURIComponent(DEV_SERVER)}`,
    );
    expect(stored.config.awsAuthConfig.roleARN).toBe(role);
    expect(stored.project).toBe('dpj-dev');
    expect(await argo.upsertCluster(cluster(role))).toBe('unchanged');

    // A bearer token is never answered back, so it cannot be compared: always written.
    const withToken = {
      ...cluster(role),
      server: 'https://token.example',
      name: 'token-cluster',
      config: { bearerToken: 'cluster-sa-token' },
    };
    expect(await argo.upsertCluster(withToken)).toBe('created');
    expect(await argo.upsertCluster(withToken)).toBe('updated');
    expect(await argo.deleteCluster('https://token.example')).toBe(true);
  });

  it('creates an application, makes no write when rerun, updates changed values and sync policy', async () => {
    const argo = client();
    expect(await argo.upsertApplication(jaeger())).toBe('created');
    requests.length = 0;
    expect(await argo.upsertApplication(jaeger())).toBe('unchanged');
    expect(requests).toEqual([
      {
        method: 'GET',
        url: `${sandbox.url}/argocd/api/v1/applications/dpj-dev-jaeger?project=dpj-dev`,
      },
    ]);

    requests.length = 0;
    expect(await argo.upsertApplication(jaeger('replicas: 3\n'))).toBe(
      'updated',
    );
    expect(writes()).toEqual([
      {
        method: 'PUT',
        url: `${sandbox.url}/argocd/api/v1/applications/dpj-dev-jaeger?project=dpj-dev`,
      },
    ]);
    let stored = await read('/api/v1/applications/dpj-dev-jaeger');
    expect(stored.spec.source.helm.values).toBe('replicas: 3\n');
    expect(stored.metadata.finalizers).toEqual([
      'resources-finalizer.argocd.argoproj.io',
    ]);
    expect(stored.metadata.generation).toBe(2);

    const manual = { syncOptions: ['CreateNamespace=true'] };
    expect(
      await argo.upsertApplication(
        jaeger('replicas: 3\n', { syncPolicy: manual }),
      ),
    ).toBe('updated');
    stored = await read('/api/v1/applications/dpj-dev-jaeger');
    expect(stored.spec.syncPolicy).toEqual(manual);
    expect(
      await argo.upsertApplication(
        jaeger('replicas: 3\n', { syncPolicy: manual }),
      ),
    ).toBe('unchanged');

    // Equivalent forms ArgoCD normalizes away are not changes.
    const equivalent = jaeger('replicas: 3\n', {
      syncPolicy: { ...manual, retry: undefined },
      revisionHistoryLimit: undefined,
    });
    (equivalent.spec.source as Record<string, unknown>).kustomize = {};
    expect(await argo.upsertApplication(equivalent)).toBe('unchanged');

    // A field the caller leaves out is not theirs; null removes it.
    const { syncPolicy: _omitted, ...withoutPolicy } =
      jaeger('replicas: 3\n').spec;
    expect(
      await argo.upsertApplication({
        ...jaeger(),
        spec: withoutPolicy,
      }),
    ).toBe('unchanged');
    expect(
      await argo.upsertApplication(
        jaeger('replicas: 3\n', { syncPolicy: null }),
      ),
    ).toBe('updated');
    stored = await read('/api/v1/applications/dpj-dev-jaeger');
    expect(stored.spec.syncPolicy).toBeUndefined();
    expect(argo.applicationUrl('dpj-dev-jaeger')).toBe(
      `${sandbox.url}/argocd/applications/dpj-dev-jaeger`,
    );
  });

  it('lists applications and clusters by label', async () => {
    const argo = client();
    expect(await argo.listApplications('dpj.io/environment=dpj-dev')).toEqual([
      'dpj-dev-jaeger',
    ]);
    expect(await argo.listApplications('dpj.io/environment=other')).toEqual([]);
    expect(await argo.listClusters('dpj.io/environment=dpj-dev')).toEqual([
      DEV_SERVER,
    ]);
    expect(await argo.listClusters('dpj.io/environment!=dpj-dev')).toEqual([
      'https://kubernetes.default.svc',
    ]);
  });

  it('names the instance, the operation, the application and ArgoCD’s message when ArgoCD refuses', async () => {
    const argo = client();
    const denied =
      'permission denied: applications, create, dpj-dev/dpj-dev-jaeger, sub: platform, iat: 1767225600';
    argocd.failNext(403, denied, {
      method: 'POST',
      path: '/api/v1/applications',
    });
    const forbidden = await failure(
      argo.upsertApplication({
        ...jaeger(),
        metadata: { ...jaeger().metadata, name: 'dpj-dev-jaeger-2' },
      }),
    );
    expect(forbidden.message).toBe(
      `ArgoCD dev-argocd refused to create application dpj-dev-jaeger-2 (403 PermissionDenied): ${denied}`,
    );
    expect(forbidden).toMatchObject({
      status: 403,
      code: 'PermissionDenied',
      operation: 'create',
      resource: 'application dpj-dev-jaeger-2',
      argoMessage: denied,
    });

    const conflict =
      'Operation cannot be fulfilled on applications.argoproj.io "dpj-dev-jaeger": the object has been modified; please apply your changes to the latest version and try again';
    argocd.failNext(409, conflict, { method: 'PUT' });
    const aborted = await failure(
      argo.upsertApplication(jaeger('replicas: 5\n')),
    );
    expect(aborted.message).toBe(
      `ArgoCD dev-argocd refused to update application dpj-dev-jaeger (409 Aborted): ${conflict}`,
    );

    argocd.failNext(500, 'rpc error: code = Unavailable desc = redis down');
    const internal = await failure(argo.upsertApplication(jaeger()));
    expect(internal.message).toBe(
      'ArgoCD dev-argocd refused to read application dpj-dev-jaeger (500 Internal): rpc error: code = Unavailable desc = redis down',
    );
  });

  it('passes on ArgoCD’s own validation errors', async () => {
    const argo = client();
    const ghost = await failure(
      argo.upsertApplication({
        ...jaeger(),
        metadata: { name: 'ghost-app' },
        spec: { ...jaeger().spec, project: 'ghost' },
      }),
    );
    expect(ghost.message).toBe(
      'ArgoCD dev-argocd refused to create application ghost-app (400 InvalidArgument): app is not allowed in project "ghost", or the project does not exist',
    );
    // An application of that name in another project is not taken over.
    const elsewhere = await failure(
      argo.upsertApplication({
        ...jaeger(),
        spec: {
          ...jaeger().spec,
          project: 'default',
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'x',
          },
        },
      }),
    );
    expect(elsewhere.message).toBe(
      'ArgoCD dev-argocd refused to create application dpj-dev-jaeger (400 InvalidArgument): existing application spec is different, use upsert flag to force update',
    );
    const stillUsed = await failure(argo.deleteProject('dpj-dev'));
    expect(stillUsed.message).toBe(
      'ArgoCD dev-argocd refused to delete project dpj-dev (400 InvalidArgument): project is referenced by 1 applications',
    );
  });

  it('says clearly when the token is refused', async () => {
    const missing = await failure(client('not-a-jwt').upsertProject(project()));
    expect(missing.message).toBe(
      'ArgoCD dev-argocd refused to read project dpj-dev (401 Unauthenticated): invalid session: token contains an invalid number of segments (check the API token configured for ArgoCD dev-argocd)',
    );
    const wrong = await failure(
      client(
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
      ).deleteApplication('dpj-dev-jaeger'),
    );
    expect(wrong).toMatchObject({ status: 401, code: 'Unauthenticated' });
    expect(wrong.message).toContain('invalid session: signature is invalid');
  });

  it('names the URL when ArgoCD cannot be reached or is not ArgoCD', async () => {
    const unreachable = new ArgoCdClient({
      name: 'dev-argocd',
      url: 'http://127.0.0.1:9',
      token: TOKEN,
    });
    const refused = await failure(unreachable.upsertProject(project()));
    expect(refused.status).toBe(0);
    expect(refused.message).toMatch(
      /^ArgoCD dev-argocd could not be reached to read project dpj-dev: GET http:\/\/127\.0\.0\.1:9\/api\/v1\/projects\/dpj-dev failed: fetch failed/,
    );

    const hanging = new ArgoCdClient(instance(), {
      timeoutMs: 50,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () =>
            reject(init.signal!.reason),
          ),
        ),
    });
    const timedOut = await failure(hanging.deleteProject('dpj-dev'));
    expect(timedOut.message).toBe(
      `ArgoCD dev-argocd could not be reached to delete project dpj-dev: DELETE ${sandbox.url}/argocd/api/v1/projects/dpj-dev failed: no answer within 50 ms`,
    );

    const ui = new ArgoCdClient(instance(), {
      fetch: async () =>
        new Response('<!doctype html><html>Argo CD</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    });
    const html = await failure(ui.upsertProject(project()));
    expect(html.message).toBe(
      `ArgoCD dev-argocd answered GET ${sandbox.url}/argocd/api/v1/projects/dpj-dev with something that is not JSON (text/html) when asked to read project dpj-dev: is ${sandbox.url}/argocd the base URL of ArgoCD?`,
    );
    const gateway = new ArgoCdClient(instance(), {
      fetch: async () =>
        new Response('<html>502 Bad Gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
        }),
    });
    expect((await failure(gateway.upsertProject(project()))).message).toBe(
      'ArgoCD dev-argocd refused to read project dpj-dev (502 Bad Gateway): <html>502 Bad Gateway</html>',
    );
  });

  it('deletes: true when something was deleted, false when there was nothing', async () => {
    const argo = client();
    expect(await argo.deleteApplication('dpj-dev-jaeger')).toBe(true);
    // A cascaded delete keeps the application until its resources are gone.
    expect(await argo.deleteApplication('dpj-dev-jaeger')).toBe(false);
    await sleep(60);
    expect(await argo.listApplications()).toEqual([]);
    expect(await argo.deleteApplication('dpj-dev-jaeger')).toBe(false);
    // Upserting an application ArgoCD is still deleting cannot work: say so.
    const deleting = new ArgoCdClient(instance(), {
      fetch: async () =>
        Response.json({
          ...jaeger(),
          metadata: {
            ...jaeger().metadata,
            deletionTimestamp: '2026-11-26T12:00:00Z',
          },
        }),
    });
    expect((await failure(deleting.upsertApplication(jaeger()))).message).toBe(
      'ArgoCD dev-argocd is deleting application dpj-dev-jaeger (since 2026-11-26T12:00:00Z); run again once it is gone',
    );
    expect(await argo.deleteCluster(DEV_SERVER)).toBe(true);
    expect(await argo.deleteCluster(DEV_SERVER)).toBe(false);
    expect(await argo.deleteProject('dpj-dev')).toBe(true);
    expect(await argo.deleteProject('dpj-dev')).toBe(false);
  });

  it('never lets the token out: not in errors, messages, or the client itself', async () => {
    argocd.failNext(500, `token ${TOKEN} rejected by upstream`);
    errors.push(await failure(client().deleteProject('x')));
    const leaky = new ArgoCdClient(instance(), {
      fetch: async () => {
        throw new Error(`proxy refused Authorization: Bearer ${TOKEN}`);
      },
    });
    errors.push(await failure(leaky.upsertApplication(jaeger())));
    expect(errors.length).toBeGreaterThanOrEqual(10);
    for (const error of errors) {
      const seen = [
        String(error),
        (error as Error).stack ?? '',
        inspect(error, { depth: 5 }),
        JSON.stringify(error),
      ].join('\n');
      expect(seen).not.toContain(TOKEN);
    }
    const argo = client();
    expect(inspect(argo, { depth: 5 })).not.toContain(TOKEN);
    expect(JSON.stringify(argo)).not.toContain(TOKEN);
    expect(JSON.stringify(await argo.listClusters())).not.toContain(TOKEN);
  });
});
