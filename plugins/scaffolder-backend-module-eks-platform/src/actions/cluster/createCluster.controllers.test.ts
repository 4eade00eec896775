import { EKSClient } from '@aws-sdk/client-eks';
import { removePodIdentityAssociation } from '../__testUtils__/argoCdSync';
import { useSandboxActionFixture } from '../__testUtils__/sandboxActionFixture';
import {
  createEnvironment,
  DEV,
} from '../destroy/__testUtils__/destroyTestUtils';

jest.setTimeout(30_000);

const CLUSTER = 'dpj-dev-cluster';

/** What users of the cluster apply once it runs: a web front and its database. */
const WORKLOADS = {
  accountId: DEV.account,
  clusterName: CLUSTER,
  ingresses: [
    {
      namespace: 'shop',
      name: 'storefront',
      scheme: 'internet-facing' as const,
      serviceName: 'storefront',
      servicePort: 8080,
    },
  ],
  volumeClaims: [{ namespace: 'shop', name: 'data-postgres-0', sizeGiB: 20 }],
};

/**
 * The controllers' IAM, judged by the sandbox's controllers as AWS would: each gets AWS
 * credentials only through its Pod Identity association, and does its work only when the
 * role allows it.
 */
describe('the controllers of a new environment', () => {
  const fixture = useSandboxActionFixture();
  let eks: EKSClient;

  beforeEach(async () => {
    await fixture.reset();
    eks = await fixture.aws.create(EKSClient, {
      accountId: DEV.account,
      region: 'eu-west-3',
    });
    await createEnvironment(fixture.aws, DEV);
  });
  afterEach(() => eks.destroy());

  const removeAssociationOf = (serviceAccount: string) =>
    removePodIdentityAssociation(eks, CLUSTER, serviceAccount);

  it('make the Ingress a load balancer and bind the claim, with the roles the actions gave them', async () => {
    const applied = await fixture.applyWorkloads(WORKLOADS);
    expect(applied.pending).toEqual([]);
    expect(Object.keys(applied.deployed).length).toBeGreaterThanOrEqual(2);
  });

  it("make nothing without the load balancer controller's association, and say why", async () => {
    const association = await removeAssociationOf(
      'aws-load-balancer-controller',
    );
    // Made by the cluster step itself.
    expect(association.ownerArn).toBeUndefined();
    const applied = await fixture.applyWorkloads(WORKLOADS);
    expect(applied.pending).toEqual([
      expect.objectContaining({
        object: expect.stringContaining('storefront'),
        reason: expect.stringMatching(
          /aws-load-balancer-controller has no AWS credentials/,
        ),
      }),
    ]);
  });

  it("leave the claim Pending without the EBS CSI driver's association", async () => {
    const association = await removeAssociationOf('ebs-csi-controller-sa');
    // Made by the add-on itself (podIdentityAssociations of CreateAddon).
    expect(association.ownerArn).toContain(':addon/');
    const applied = await fixture.applyWorkloads(WORKLOADS);
    expect(applied.pending).toEqual([
      expect.objectContaining({
        object: expect.stringContaining('data-postgres-0'),
        reason: expect.stringMatching(
          /ebs-csi-controller-sa has no AWS credentials/,
        ),
      }),
    ]);
  });
});
