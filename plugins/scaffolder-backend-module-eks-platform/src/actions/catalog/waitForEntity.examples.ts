import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const waitForEntityExamples: TemplateExample[] = [
  {
    description:
      "Wait until the catalog shows the new cluster's entity, then link to it",
    example: yaml.stringify({
      steps: [
        {
          id: 'catalog',
          action: 'eks-platform:catalog:wait',
          name: 'Catalog entity',
          input: {
            entityRef: 'resource:default/acme-dev-cluster',
            timeoutSeconds: 600,
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Open in catalog',
            icon: 'catalog',
            entityRef: '${{ steps.catalog.output.entityRef }}',
          },
        ],
      },
    }),
  },
];
