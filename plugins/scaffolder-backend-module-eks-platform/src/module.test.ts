import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleEksPlatform } from './module';

describe('scaffolderModuleEksPlatform', () => {
  it('registers the plan, create, resize, destroy and catalog actions', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...added: TemplateAction<any, any, any>[]) =>
              actions.push(...added),
          },
        ],
      ],
      features: [
        scaffolderModuleEksPlatform,
        mockServices.rootConfig.factory({
          data: { eksPlatform: { network: { vpcsPerRegion: 10 } } },
        }),
      ],
    });
    expect(actions.map(a => a.id)).toEqual([
      'eks-platform:environment:plan',
      'eks-platform:environment:check',
      'eks-platform:network:create',
      'eks-platform:cluster:create',
      'eks-platform:nodegroup:create',
      'eks-platform:nodegroup:scale',
      'eks-platform:cluster:upgrade',
      'eks-platform:environment:destroy',
      'eks-platform:argocd:register',
      'eks-platform:argocd:destroy',
      'eks-platform:catalog:wait',
    ]);
    expect(actions.every(a => a.supportsDryRun)).toBe(true);
  });
});
