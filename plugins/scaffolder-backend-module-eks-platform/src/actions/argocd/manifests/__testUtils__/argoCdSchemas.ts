/**
 * Validates objects against ArgoCD's CRD OpenAPI schemas with the `validate()` of
 * `@kubernetes-models/argo-cd` (a devDependency, used by tests only).
 *
 * The package is ESM-only (its exports have an `import` condition and no `require`),
 * which Jest's CommonJS runtime cannot resolve, and a dynamic `import()` needs
 * `--experimental-vm-modules`. So the objects go, as JSON on stdin, to a child Node
 * process that imports the package natively and answers with one result per object.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Kinds of `@kubernetes-models/argo-cd/argoproj.io/v1alpha1` this helper validates. */
export const VALIDATED_KINDS = ['Application', 'AppProject'] as const;

/** The schema's verdict on one object: undefined when valid, else the error message. */
export type SchemaVerdict = string | undefined;

const CHILD_SCRIPT = `
import { readFileSync } from 'node:fs';
const models = await import(process.argv[1]);
const objects = JSON.parse(readFileSync(0, 'utf8'));
const verdicts = objects.map(object => {
  const Model = ${JSON.stringify(
    VALIDATED_KINDS,
  )}.includes(object?.kind) ? models[object.kind] : undefined;
  if (!Model) return 'no ArgoCD model for kind ' + JSON.stringify(object?.kind);
  try {
    new Model(object).validate();
    return null;
  } catch (error) {
    return String(error?.message ?? error);
  }
});
process.stdout.write(JSON.stringify(verdicts));
`;

function modelsUrl(): string {
  const packageJson = require.resolve(
    '@kubernetes-models/argo-cd/package.json',
  );
  return pathToFileURL(
    join(dirname(packageJson), 'argoproj.io', 'v1alpha1', 'index.js'),
  ).href;
}

/** Validates every object in one child process; verdicts are in the objects' order. */
export function validateAgainstArgoCdSchemas(
  objects: readonly unknown[],
): SchemaVerdict[] {
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '--eval', CHILD_SCRIPT, modelsUrl()],
    { input: JSON.stringify(objects), encoding: 'utf8', timeout: 60_000 },
  );
  return (JSON.parse(output) as (string | null)[]).map(
    verdict => verdict ?? undefined,
  );
}
