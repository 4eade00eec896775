/**
 * The ArgoCD calls of the Deployments tab, with the configured instance's token (sent as
 * `Authorization: Bearer` by the transport, scrubbed from every message, never returned).
 *
 * API: argo-cd's ApplicationService over grpc-gateway — `GET /api/v1/applications?selector=`,
 * `GET|PUT /api/v1/applications/{name}`, `POST /api/v1/applications/{name}/sync` and
 * `/rollback` (server/application/application.go).
 */
import {
  ArgoCdTransport,
  ArgoCdTransportOptions,
} from '@internal/plugin-eks-platform-node';

/** The fields of an Application this plugin reads. */
export interface ArgoApplication {
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    project?: string;
    source?: ArgoSource;
    sources?: ArgoSource[];
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: { automated?: unknown; [field: string]: unknown };
    [field: string]: unknown;
  };
  operation?: unknown;
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string };
    resources?: Array<{
      kind?: string;
      name?: string;
      health?: { status?: string; message?: string };
    }>;
    history?: Array<{
      id: number | string;
      revision?: string;
      deployedAt?: string;
      source?: ArgoSource;
      initiatedBy?: { username?: string; automated?: boolean };
    }>;
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      syncResult?: { revision?: string };
      operation?: { sync?: { revision?: string } };
    };
  };
}

export interface ArgoSource {
  repoURL?: string;
  chart?: string;
  path?: string;
  targetRevision?: string;
}

export class ArgoCdApplications {
  private readonly transport: ArgoCdTransport;

  constructor(
    readonly instance: { name: string; url: string },
    token: string,
    options: ArgoCdTransportOptions = {},
  ) {
    this.transport = new ArgoCdTransport(instance, token, options);
  }

  async list(selector: string): Promise<ArgoApplication[]> {
    const { body } = await this.transport.request(
      { verb: 'list', resource: `applications with ${selector}` },
      'GET',
      `/api/v1/applications?selector=${encodeURIComponent(selector)}`,
    );
    return (body?.items ?? []) as ArgoApplication[];
  }

  async get(name: string): Promise<ArgoApplication> {
    const { body } = await this.transport.request(
      { verb: 'read', resource: `application ${name}` },
      'GET',
      `/api/v1/applications/${encodeURIComponent(name)}`,
    );
    return body as ArgoApplication;
  }

  async sync(name: string): Promise<ArgoApplication> {
    const { body } = await this.transport.request(
      { verb: 'sync', resource: `application ${name}` },
      'POST',
      `/api/v1/applications/${encodeURIComponent(name)}/sync`,
      { body: { name } },
    );
    return body as ArgoApplication;
  }

  async rollback(name: string, id: number): Promise<ArgoApplication> {
    const { body } = await this.transport.request(
      {
        verb: 'roll back',
        resource: `application ${name} to deployment ${id}`,
      },
      'POST',
      `/api/v1/applications/${encodeURIComponent(name)}/rollback`,
      { body: { name, id } },
    );
    return body as ArgoApplication;
  }

  /** Turns automated sync off (the rest of the sync policy stays): a read, then an update. */
  async suspendAutomatedSync(name: string): Promise<void> {
    const app = await this.get(name);
    const { automated: _automated, ...syncPolicy } = app.spec.syncPolicy ?? {};
    await this.transport.request(
      { verb: 'suspend automated sync of', resource: `application ${name}` },
      'PUT',
      `/api/v1/applications/${encodeURIComponent(name)}`,
      {
        body: {
          metadata: app.metadata,
          spec: { ...app.spec, syncPolicy },
        },
      },
    );
  }
}
