/**
 * The environment templates against the actions they call: every step's action is
 * registered, its input keys are the action's and its required ones are given, every
 * `steps.<id>.output.<key>` and `parameters.<name>` a template reads exists, and every
 * custom form field is one the eks-platform frontend plugin provides.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { scaffolderModuleEksPlatform } from './module';

const TEMPLATES_DIR = join(__dirname, '../../../templates');
const FORM_FIELDS = [
  'OwnerPicker',
  'EksRegionZonesPicker',
  'EksSubnetLayoutPicker',
  'EksKubernetesVersionPicker',
];

interface Step {
  id: string;
  action: string;
  input?: Record<string, unknown>;
}

const templates = readdirSync(TEMPLATES_DIR).map(dir => ({
  dir,
  text: readFileSync(join(TEMPLATES_DIR, dir, 'template.yaml'), 'utf8'),
}));

function parameterProperties(spec: any): Record<string, any> {
  return Object.assign(
    {},
    ...[spec.parameters].flat().map((page: any) => page.properties ?? {}),
  );
}

function uiFields(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'ui:field' ? [String(inner)] : uiFields(inner),
  );
}

describe('templates', () => {
  let actions: Map<string, TemplateAction<any, any, any>>;

  beforeAll(async () => {
    const added: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...a: TemplateAction<any, any, any>[]) =>
              added.push(...a),
          },
        ],
      ],
      features: [
        scaffolderModuleEksPlatform,
        mockServices.rootConfig.factory(),
      ],
    });
    actions = new Map(added.map(a => [a.id, a]));
  });

  it('include the create, destroy, plan, resize and upgrade templates', () => {
    expect(templates.map(t => t.dir).sort()).toEqual([
      'eks-cluster-upgrade',
      'eks-environment',
      'eks-environment-destroy',
      'eks-environment-plan',
      'eks-nodegroup-resize',
    ]);
  });

  describe.each(templates)('$dir', ({ text }) => {
    const template = yaml.parse(text);
    const steps: Step[] = template.spec.steps;

    it('calls registered actions with their own input fields, required ones included', () => {
      for (const step of steps) {
        const action = actions.get(step.action);
        expect({ step: step.id, registered: !!action }).toEqual({
          step: step.id,
          registered: true,
        });
        const schema = action!.schema!.input as any;
        const given = Object.keys(step.input ?? {});
        expect({
          step: step.id,
          unknown: given.filter(key => !(key in schema.properties)),
          missing: (schema.required ?? []).filter(
            (key: string) => !given.includes(key),
          ),
        }).toEqual({ step: step.id, unknown: [], missing: [] });
      }
    });

    it('reads only outputs the earlier steps produce', () => {
      const reads = [...text.matchAll(/steps\.([\w-]+)\.output\.(\w+)/g)];
      for (const [, stepId, key] of reads) {
        const index = steps.findIndex(s => s.id === stepId);
        expect({ stepId, exists: index >= 0 }).toEqual({
          stepId,
          exists: true,
        });
        const outputs = (
          actions.get(steps[index].action)!.schema!.output as any
        ).properties;
        expect({ stepId, key, produced: key in outputs }).toEqual({
          stepId,
          key,
          produced: true,
        });
      }
    });

    it('reads only parameters its form asks for', () => {
      const properties = parameterProperties(template.spec);
      const reads = [...text.matchAll(/parameters\.([\w]+)/g)].map(m => m[1]);
      expect(reads.filter(name => !(name in properties))).toEqual([]);
    });

    it('uses only form fields that exist', () => {
      const fields = uiFields(template.spec.parameters);
      expect(fields.filter(f => !FORM_FIELDS.includes(f))).toEqual([]);
    });
  });

  it('chains the environment steps in dependency order and links to the entity and the console', () => {
    const template = yaml.parse(
      templates.find(t => t.dir === 'eks-environment')!.text,
    );
    expect(template.spec.steps.map((s: Step) => s.action)).toEqual([
      'eks-platform:environment:check',
      'eks-platform:network:create',
      'eks-platform:cluster:create',
      'eks-platform:nodegroup:create',
      'eks-platform:argocd:register',
      'eks-platform:catalog:wait',
    ]);
    expect(template.spec.output.links).toEqual([
      expect.objectContaining({
        entityRef: '${{ steps.catalog.output.entityRef }}',
      }),
      expect.objectContaining({
        url: '${{ steps.cluster.output.consoleUrl }}',
      }),
    ]);
  });
});
