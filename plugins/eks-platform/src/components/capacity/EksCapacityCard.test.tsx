import { screen } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { CapacityReport } from '@internal/plugin-eks-platform-common';
import { EksCapacityCard } from './EksCapacityCard';
import { capacityReport } from './__testUtils__/capacityReport';
import { renderWithCapacity } from './__testUtils__/renderWithCapacity';

describe('EksCapacityCard', () => {
  it('summarizes nodes, requests, first limit and estimated price', async () => {
    const getCapacity = jest.fn(async () => capacityReport());
    await renderWithCapacity({ getCapacity }, <EksCapacityCard />);

    expect(await screen.findByText('6')).toBeInTheDocument();
    expect(getCapacity).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'dpj-prod-cluster',
    });
    expect(screen.getByText('$588 / month')).toBeInTheDocument();
    expect(
      screen.getByText('CPU requested: 13.0 vCPU of 23.5 vCPU (55%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Memory requested: 22.0 GiB of 42.0 GiB (52%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Pods requested: 110 of 348 (32%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "First limit: Memory at 5.83× today's requests (app-on-demand, 10 nodes)",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Usage not available/)).toBeInTheDocument();
    expect(
      screen.getByText(
        '1 pod pending; scaling up app-spot; 14 nodes may still be added',
      ),
    ).toBeInTheDocument();
  });

  it('shows the AWS-side figures and why Kubernetes ones are missing', async () => {
    const report: CapacityReport = capacityReport({
      sources: {
        aws: { status: 'ok' },
        kubernetes: { status: 'error', reason: 'connect ECONNREFUSED' },
        metrics: { status: 'unavailable', reason: 'Kubernetes is unreachable' },
      },
    });
    await renderWithCapacity(
      { getCapacity: async () => report },
      <EksCapacityCard />,
    );
    expect(
      await screen.findByText(/Kubernetes unreachable/),
    ).toBeInTheDocument();
    expect(screen.getByText('connect ECONNREFUSED')).toBeInTheDocument();
    expect(screen.queryByText(/CPU requested/)).not.toBeInTheDocument();
    expect(screen.getByText('$588 / month')).toBeInTheDocument();
  });

  it('shows the error when the report cannot be loaded', async () => {
    await renderWithCapacity(
      {
        getCapacity: async () => {
          throw new Error('No kubernetes-cluster resource named default/x');
        },
      },
      <EksCapacityCard />,
    );
    expect(
      await screen.findByText(
        'Error: No kubernetes-cluster resource named default/x',
      ),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderWithCapacity(
      { getCapacity: () => new Promise<CapacityReport>(() => {}) },
      <EksCapacityCard />,
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it("says why, in the backend's words, when the product does not manage the cluster", async () => {
    const reason =
      "resource:default/dpj-prod-cluster is not a managed cluster: its annotations come from url:https://evil.example/catalog-info.yaml, which is not this product's EKS catalog provider or a configured catalog location";
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotManagedClusterError', message: reason },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'content-type': 'application/json' } },
      ) as any,
    );
    await renderWithCapacity(
      {
        getCapacity: async () => {
          throw error;
        },
      },
      <EksCapacityCard />,
    );
    expect(
      await screen.findByText('Info: Not a managed cluster'),
    ).toBeVisible();
    expect(screen.getByText(reason)).toBeVisible();
  });
});
