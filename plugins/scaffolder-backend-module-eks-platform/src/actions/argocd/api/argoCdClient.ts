/**
 * ArgoCD's REST API (argocd-server's grpc-gateway, v2.x and v3.x) for the objects the
 * platform registers: AppProjects, clusters and Applications, each upserted
 * idempotently: read first, then create, update, or leave alone when nothing differs.
 */
import {
  ArgoCdApiError,
  ArgoCdTransport,
} from '@internal/plugin-eks-platform-node';
import {
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
import type {
  ArgoCdClientOptions,
  ArgoCdClusterInput,
  ArgoCdInstance,
  UpsertOutcome,
} from './types';

type JsonObject = Record<string, any>;

function describeList(kind: string, selector: string | undefined): string {
  return selector ? `${kind} labelled ${selector}` : kind;
}

function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${what} needs a non-empty name`);
  }
  return value;
}

export class ArgoCdClient {
  /** The instance's configured name and base URL (never its token). */
  readonly instance: { readonly name: string; readonly url: string };
  readonly #http: ArgoCdTransport;

  constructor(instance: ArgoCdInstance, options: ArgoCdClientOptions = {}) {
    const url = String(instance.url ?? '').replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s/]+/.test(url)) {
      throw new TypeError(
        `ArgoCD ${instance.name}: url must be an http(s) URL, got '${url}'`,
      );
    }
    if (!instance.token) {
      throw new TypeError(`ArgoCD ${instance.name}: no API token was given`);
    }
    this.instance = Object.freeze({ name: instance.name, url });
    this.#http = new ArgoCdTransport(this.instance, instance.token, options);
  }

  /** The application's page in the ArgoCD UI. */
  applicationUrl(name: string): string {
    return `${this.instance.url}/applications/${encodeURIComponent(name)}`;
  }

  /**
   * Creates the AppProject, or updates it (PUT with the resourceVersion it read) when a
   * spec field or label it sets differs. Spec fields and labels it does not set are kept.
   */
  async upsertProject(project: Record<string, any>): Promise<UpsertOutcome> {
    const name = requireName(project?.metadata?.name, 'an AppProject');
    const path = `/api/v1/projects/${encodeURIComponent(name)}`;
    const resource = `project ${name}`;
    const found = await this.#http.request(
      { verb: 'read', resource },
      'GET',
      path,
      {
        expected: [404],
      },
    );
    if (found.status === 404) {
      await this.#http.request(
        { verb: 'create', resource },
        'POST',
        '/api/v1/projects',
        {
          body: { project },
        },
      );
      return 'created';
    }
    const current = found.body as JsonObject;
    const desiredSpec: JsonObject = project.spec ?? {};
    if (
      ownedFieldsEqual(desiredSpec, current.spec) &&
      mapIncludes(project.metadata.labels, current.metadata?.labels) &&
      mapIncludes(project.metadata.annotations, current.metadata?.annotations)
    ) {
      return 'unchanged';
    }
    // A Kubernetes update of the whole object, with the resourceVersion it was read at.
    await this.#http.request({ verb: 'update', resource }, 'PUT', path, {
      body: {
        project: {
          ...current,
          metadata: {
            ...current.metadata,
            labels: mergeMaps(
              current.metadata?.labels,
              project.metadata.labels,
            ),
            annotations: mergeMaps(
              current.metadata?.annotations,
              project.metadata.annotations,
            ),
          },
          spec: mergeOwnedFields(current.spec, desiredSpec),
        },
      },
    });
    return 'updated';
  }

  /**
   * Registers the cluster, or re-registers it (POST ?upsert=true, which replaces it) when
   * its name, project, config or a label it sets differs. A config carrying credentials
   * ArgoCD never answers with (bearerToken, password, tlsClientConfig.keyData) cannot be
   * compared, so such a cluster is always re-registered.
   */
  async upsertCluster(cluster: ArgoCdClusterInput): Promise<UpsertOutcome> {
    const name = requireName(cluster?.name, 'a cluster');
    const server = requireName(cluster.server, `cluster ${name}'s server`);
    const resource = `cluster ${name} (${server})`;
    const current = await this.#findCluster(server, resource);
    if (!current) {
      await this.#http.request(
        { verb: 'create', resource },
        'POST',
        '/api/v1/clusters',
        {
          body: cluster,
        },
      );
      return 'created';
    }
    const config = cluster.config as JsonObject;
    if (
      current.name === name &&
      (cluster.project === undefined ||
        sameNormalized(cluster.project, current.project)) &&
      mapIncludes(cluster.labels, current.labels) &&
      !hasRedactedSecrets(config) &&
      sameNormalized(config, current.config, 'config')
    ) {
      return 'unchanged';
    }
    // An upsert replaces the whole cluster: keep what others set and we do not.
    const body: JsonObject = {
      ...cluster,
      project: cluster.project ?? current.project,
      labels: mergeMaps(current.labels, cluster.labels),
      annotations: current.annotations,
      namespaces: current.namespaces,
      clusterResources: current.clusterResources,
      shard: current.shard,
    };
    await this.#http.request(
      { verb: 'update', resource },
      'POST',
      '/api/v1/clusters?upsert=true',
      { body },
    );
    return 'updated';
  }

  /** The Application as ArgoCD holds it, or undefined when its project has none of that name. */
  async getApplication(
    name: string,
    project: string,
  ): Promise<JsonObject | undefined> {
    requireName(name, 'an Application');
    // Read in its project: without one, ArgoCD answers 403 for absent and forbidden alike.
    const found = await this.#http.request(
      { verb: 'read', resource: `application ${name}` },
      'GET',
      `/api/v1/applications/${encodeURIComponent(
        name,
      )}?project=${encodeURIComponent(project)}`,
      { expected: [404] },
    );
    return found.status === 404 ? undefined : (found.body as JsonObject);
  }

  /**
   * Creates the Application, or updates it (PUT) when a spec field, label, annotation or
   * the finalizers it sets differ. Looked up in its own project: one of that name in
   * another project makes the create fail with ArgoCD's "existing application spec is
   * different" rather than being taken over.
   */
  async upsertApplication(app: Record<string, any>): Promise<UpsertOutcome> {
    const name = requireName(app?.metadata?.name, 'an Application');
    const resource = `application ${name}`;
    const desiredSpec = normalizeApplicationSpec(app.spec ?? {});
    const project: string = desiredSpec.project;
    const path = `/api/v1/applications/${encodeURIComponent(name)}`;
    const found = await this.#http.request(
      { verb: 'read', resource },
      'GET',
      `${path}?project=${encodeURIComponent(project)}`,
      { expected: [404] },
    );
    if (found.status === 404) {
      await this.#http.request(
        { verb: 'create', resource },
        'POST',
        '/api/v1/applications',
        { body: app },
      );
      return 'created';
    }
    const current = found.body as JsonObject;
    const metadata: JsonObject = app.metadata;
    if (current.metadata?.deletionTimestamp) {
      throw new ArgoCdApiError({
        instance: this.instance.name,
        operation: 'update',
        resource,
        // Not ArgoCD's answer but the client's: the object is in a conflicting state.
        status: 409,
        argoMessage: `it is being deleted (since ${current.metadata.deletionTimestamp})`,
        message: `ArgoCD ${this.instance.name} is deleting ${resource} (since ${current.metadata.deletionTimestamp}); run again once it is gone`,
      });
    }
    const currentSpec = normalizeApplicationSpec(current.spec ?? {});
    if (
      ownedFieldsEqual(desiredSpec, currentSpec) &&
      mapIncludes(metadata.labels, current.metadata?.labels) &&
      mapIncludes(metadata.annotations, current.metadata?.annotations) &&
      (metadata.finalizers === undefined ||
        sameFinalizers(metadata.finalizers, current.metadata?.finalizers))
    ) {
      return 'unchanged';
    }
    await this.#http.request(
      { verb: 'update', resource },
      'PUT',
      `${path}?project=${encodeURIComponent(currentSpec.project)}`,
      {
        body: {
          apiVersion: current.apiVersion ?? 'argoproj.io/v1alpha1',
          kind: current.kind ?? 'Application',
          metadata: {
            ...current.metadata,
            labels: mergeMaps(current.metadata?.labels, metadata.labels),
            annotations: mergeMaps(
              current.metadata?.annotations,
              metadata.annotations,
            ),
            // An update sets the finalizers to the body's: keep ArgoCD's resources finalizer.
            finalizers: metadata.finalizers ?? current.metadata?.finalizers,
          },
          spec: mergeOwnedFields(current.spec, desiredSpec),
        },
      },
    );
    return 'updated';
  }

  /**
   * Deletes the Application and, cascading, the resources it deployed. False when it
   * does not exist, or is already being deleted. ArgoCD keeps it until its resources
   * are gone, so it may still be listed for a while after this returns.
   */
  async deleteApplication(name: string): Promise<boolean> {
    requireName(name, 'an Application');
    const resource = `application ${name}`;
    // Listing by name tells "absent" from "forbidden": a read without the project
    // answers 403 for both.
    const listed = await this.#http.request(
      { verb: 'read', resource },
      'GET',
      `/api/v1/applications?name=${encodeURIComponent(name)}`,
      { expected: [404] },
    );
    const app = (listed.body?.items ?? []).find(
      (item: JsonObject) => item?.metadata?.name === name,
    ) as JsonObject | undefined;
    if (listed.status === 404 || !app || app.metadata.deletionTimestamp) {
      return false;
    }
    const project = app.spec?.project || 'default';
    const deleted = await this.#http.request(
      { verb: 'delete', resource },
      'DELETE',
      `/api/v1/applications/${encodeURIComponent(
        name,
      )}?cascade=true&project=${encodeURIComponent(project)}`,
      { expected: [404] },
    );
    return deleted.status !== 404;
  }

  /**
   * Names of the applications whose labels match `selector` (Kubernetes equality
   * selectors, e.g. `dpj.io/environment=dpj-dev`), those being deleted included.
   */
  async listApplications(selector?: string): Promise<string[]> {
    const query = selector ? `?selector=${encodeURIComponent(selector)}` : '';
    const listed = await this.#http.request(
      { verb: 'list', resource: describeList('applications', selector) },
      'GET',
      `/api/v1/applications${query}`,
    );
    return (listed.body?.items ?? [])
      .map((item: JsonObject) => item?.metadata?.name)
      .filter((name: unknown): name is string => typeof name === 'string');
  }

  /**
   * Servers of the registered clusters whose labels match `selector`, filtered here:
   * ArgoCD's cluster list takes no label selector.
   */
  async listClusters(selector?: string): Promise<string[]> {
    const listed = await this.#http.request(
      { verb: 'list', resource: describeList('clusters', selector) },
      'GET',
      '/api/v1/clusters',
    );
    return (listed.body?.items ?? [])
      .filter((item: JsonObject) =>
        matchesLabelSelector(item?.labels, selector),
      )
      .map((item: JsonObject) => item?.server)
      .filter(
        (server: unknown): server is string => typeof server === 'string',
      );
  }

  /** Removes the cluster from ArgoCD; false when it is not registered. */
  async deleteCluster(server: string): Promise<boolean> {
    requireName(server, 'a cluster server');
    const current = await this.#findCluster(server, `cluster ${server}`);
    if (!current) return false;
    const resource = current.name
      ? `cluster ${current.name} (${server})`
      : `cluster ${server}`;
    await this.#http.request(
      { verb: 'delete', resource },
      'DELETE',
      `/api/v1/clusters/${encodeURIComponent(server)}`,
    );
    return true;
  }

  /** Deletes the AppProject; false when it does not exist. ArgoCD refuses while applications use it. */
  async deleteProject(name: string): Promise<boolean> {
    requireName(name, 'an AppProject');
    const deleted = await this.#http.request(
      { verb: 'delete', resource: `project ${name}` },
      'DELETE',
      `/api/v1/projects/${encodeURIComponent(name)}`,
      { expected: [404] },
    );
    return deleted.status !== 404;
  }

  /**
   * The registered cluster of that server, from the cluster list: a GET of one unknown
   * cluster answers 403, as for one the token may not see, so it cannot tell "absent".
   */
  async #findCluster(
    server: string,
    resource: string,
  ): Promise<JsonObject | undefined> {
    const listed = await this.#http.request(
      { verb: 'read', resource },
      'GET',
      `/api/v1/clusters?server=${encodeURIComponent(server)}`,
    );
    // Older servers ignore the filter: look for it in the whole list.
    return (listed.body?.items ?? []).find(
      (item: JsonObject) => item?.server === server,
    );
  }
}
