import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { REPLICA_CONFIG_FILES } from './replicaSet';

const read = (file: string) =>
  parse(readFileSync(resolve(__dirname, '../../..', file), 'utf8'));

describe('app-config.replicas.yaml', () => {
  const production = read('app-config.production.yaml');
  const replicas = read('app-config.replicas.yaml');

  it('runs on the stores production runs on: PostgreSQL and the Redis cache', () => {
    expect(replicas.backend.database).toEqual(production.backend.database);
    expect(production.backend.database.client).toBe('pg');
    expect(replicas.backend.cache).toEqual(production.backend.cache);
    expect(production.backend.cache.store).toBe('redis');
  });

  it('is loaded after the development sign-in the tests and bench/load use', () => {
    for (const file of REPLICA_CONFIG_FILES) {
      expect(existsSync(resolve(__dirname, '../../..', file))).toBe(true);
    }
    expect(REPLICA_CONFIG_FILES).toContain('app-config.development.yaml');
    expect(read('app-config.development.yaml').auth.providers).toEqual({
      development: {},
    });
  });

  it('recovers scaffolder tasks as production does', () => {
    expect(replicas.scaffolder.taskRecovery).toEqual(
      production.scaffolder.taskRecovery,
    );
    expect(production.scaffolder.taskRecovery.enabled).toBe(true);
  });

  it.each(['eks-environment', 'eks-environment-destroy'])(
    'lets the %s template be started over on another replica',
    template => {
      const spec = read(`templates/${template}/template.yaml`).spec;
      expect(spec.EXPERIMENTAL_recovery).toEqual({
        EXPERIMENTAL_strategy: 'startOver',
      });
    },
  );
});
