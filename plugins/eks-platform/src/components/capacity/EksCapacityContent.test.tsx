import { screen, within } from '@testing-library/react';
import { EksCapacityContent } from './EksCapacityContent';
import { capacityReport } from './__testUtils__/capacityReport';
import { renderWithCapacity } from './__testUtils__/renderWithCapacity';

describe('EksCapacityContent', () => {
  it('renders a chart per resource, the node group table and the IP ceiling', async () => {
    await renderWithCapacity(
      { getCapacity: async () => capacityReport() },
      <EksCapacityContent chartWidth={400} />,
    );

    const table = await screen.findByRole('table', { name: 'Node groups' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const cells = within(rows[1])
      .getAllByRole('cell')
      .map(cell => cell.textContent);
    expect(cells).toEqual([
      'app-on-demand',
      'On-demand',
      'c5.xlarge',
      '3 / 3 / 10',
      '3',
      '7.0 vCPU of 11.8 vCPU (60%)',
      '12.0 GiB of 21.0 GiB (57%)',
      '60 of 174 (34%)',
      '7',
      '10',
      '$442 ($0.61/h, est.)',
    ]);
    expect(within(rows[2]).getByText('Spot')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('c5.xlarge, c5a.xlarge'),
    ).toBeInTheDocument();

    const ips = screen.getByRole('table', {
      name: 'IP ceiling per availability zone',
    });
    expect(within(ips).getAllByRole('row')[1].textContent).toBe(
      'app-on-demandeu-west-3asubnet-0a (10.30.32.0/19)812060135',
    );

    expect(screen.getByText('CPU (vCPU)')).toBeInTheDocument();
    expect(screen.getByText('Memory (GiB)')).toBeInTheDocument();
    expect(screen.getByText('Pods (pods)')).toBeInTheDocument();
    expect(
      screen.getByText(/app-on-demand runs out of memory at 5.83×/),
    ).toBeInTheDocument();
  });

  it("shows the autoscaler's view: what each group may add and did, and the pods that wait", async () => {
    await renderWithCapacity(
      { getCapacity: async () => capacityReport() },
      <EksCapacityContent chartWidth={400} />,
    );
    const table = await screen.findByRole('table', { name: 'Autoscaler' });
    expect(
      within(table)
        .getAllByRole('row')
        .map(row =>
          within(row)
            .queryAllByRole('cell')
            .map(c => c.textContent),
        ),
    ).toEqual([
      [],
      ['app-on-demand', '7', 'No activity', 'none in the last hour', '0'],
      [
        'app-spot',
        '7',
        'In progress since 4 min ago',
        '2 → 3 nodes, 4 min ago',
        '0',
      ],
    ]);
    expect(
      screen.getByText(
        'Last scale-down: Scale-down: removing empty node "ip-10-30-70-12" (35 min ago)',
      ),
    ).toBeInTheDocument();
    const pending = screen.getByRole('table', { name: 'Pending pods' });
    expect(within(pending).getAllByRole('row')[1].textContent).toBe(
      'dpj/dpj-worker-7c9d-x2x4q500m CPU, 1024 MiB5 min ago0/6 nodes are available: 6 Insufficient cpu.',
    );
  });

  it('warns when no autoscaler runs', async () => {
    await renderWithCapacity(
      {
        getCapacity: async () =>
          capacityReport({
            autoscaler: { status: 'absent', reason: 'no status ConfigMap' },
          }),
      },
      <EksCapacityContent chartWidth={400} />,
    );
    expect(
      await screen.findByText(
        /No Cluster Autoscaler runs: nothing adds nodes when pods wait/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Autoscaler' })).toBeNull();
  });

  it('shows an empty state when the cluster has no node groups', async () => {
    await renderWithCapacity(
      { getCapacity: async () => capacityReport({ nodeGroups: [] }) },
      <EksCapacityContent />,
    );
    expect(await screen.findByText('No node groups')).toBeInTheDocument();
  });

  it('warns when the AWS side is missing and leaves its columns empty', async () => {
    const report = capacityReport({
      sources: {
        aws: { status: 'error', reason: 'AccessDeniedException: not allowed' },
        kubernetes: { status: 'ok' },
        metrics: { status: 'ok' },
      },
    });
    report.nodeGroups = report.nodeGroups.map(group => ({
      ...group,
      capacityType: undefined,
      minSize: undefined,
      desiredSize: undefined,
      maxSize: undefined,
      headroomNodes: undefined,
      nodeCeiling: undefined,
      price: undefined,
      ipCeiling: [],
    }));
    report.firstLimit = undefined;
    await renderWithCapacity(
      { getCapacity: async () => report },
      <EksCapacityContent chartWidth={400} />,
    );
    expect(
      await screen.findByText('AccessDeniedException: not allowed'),
    ).toBeInTheDocument();
    expect(screen.getByText(/First limit: unknown/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Node groups' });
    expect(within(table).getAllByText('—').length).toBeGreaterThanOrEqual(8);
  });
});
