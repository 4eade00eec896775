import type { Config } from '@backstage/config';

/** An ArgoCD server the actions can register environments with, from config. */
export interface ConfiguredArgoCdInstance {
  name: string;
  /** Base URL of the ArgoCD UI and API, e.g. https://argocd.example.com. */
  url: string;
  /** API token of an ArgoCD account; a template secret may give one instead. */
  token?: string;
}

const KEY = 'eksPlatform.argocd.instances';

/** Reads `eksPlatform.argocd.instances`, refusing duplicate names and non-URLs at startup. */
export function readArgoCdInstances(
  config: Config,
): ConfiguredArgoCdInstance[] {
  const instances = (config.getOptionalConfigArray(KEY) ?? []).map(
    (instance, index) => {
      const name = instance.getString('name');
      const url = instance.getString('url').replace(/\/+$/, '');
      if (!/^https?:\/\/[^\s/]+/.test(url)) {
        throw new Error(
          `${KEY}[${index}].url must be an http(s) URL, got '${url}'`,
        );
      }
      return { name, url, token: instance.getOptionalString('token') };
    },
  );
  const names = instances.map(i => i.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) {
    throw new Error(`${KEY}: the name '${duplicate}' is used twice`);
  }
  return instances;
}
