import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { EksVersionList } from '@internal/plugin-eks-platform-common';
import { EksKubernetesVersionPicker } from './EksKubernetesVersionPicker';
import { fieldProps } from './__testUtils__/fieldProps';

const FROM_EKS: EksVersionList = {
  source: 'eks',
  versions: [
    { version: '1.37', phase: 'standard', isDefault: false },
    { version: '1.36', phase: 'standard', isDefault: true },
    { version: '1.34', phase: 'extended', isDefault: false },
  ],
};

const FORM = { account: '111111111111', location: { region: 'eu-west-3' } };

function apis(answer: () => Promise<Response>) {
  const fetch = jest.fn(answer);
  return {
    fetch,
    list: [
      [
        discoveryApiRef,
        { getBaseUrl: async () => 'http://backend/api/eks-platform' },
      ],
      [fetchApiRef, { fetch }],
    ] as const,
  };
}

const json = (body: unknown, status = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status }));

describe('EksKubernetesVersionPicker', () => {
  it("lists what EKS offers for the form's account and Region, defaulting to EKS's default", async () => {
    const { fetch, list } = apis(() => json(FROM_EKS));
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={list as any}>
        <EksKubernetesVersionPicker
          {...fieldProps<string>({
            onChange,
            formData: undefined,
            formContext: { formData: FORM },
            schema: { title: 'Kubernetes version' },
          })}
        />
      </TestApiProvider>,
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('1.36'));
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/eks-platform/kubernetes-versions?account=111111111111&region=eu-west-3',
    );
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual([
      '1.37 — standard support',
      '1.36 — standard support (EKS default)',
    ]);
    expect(
      screen.getByText(/Versions EKS offers in 111111111111\/eu-west-3/),
    ).toBeInTheDocument();
  });

  it('shows a version in extended support as not offered, with the reason', async () => {
    const { list } = apis(() => json(FROM_EKS));
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={list as any}>
        <EksKubernetesVersionPicker
          {...fieldProps<string>({
            onChange,
            formData: '1.34',
            formContext: { formData: FORM },
            schema: { title: 'Kubernetes version' },
          })}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        /Kubernetes 1.34 is in extended support \(paid\)/,
      ),
    ).toBeInTheDocument();
    await userEvent.selectOptions(
      screen.getByLabelText(/Kubernetes version/),
      '1.37',
    );
    expect(onChange).toHaveBeenCalledWith('1.37');
  });

  it('falls back to the published calendar when the backend fails, and says so', async () => {
    const { list } = apis(() => json({ error: { message: 'boom' } }, 503));
    await renderInTestApp(
      <TestApiProvider apis={list as any}>
        <EksKubernetesVersionPicker
          {...fieldProps<string>({
            onChange: jest.fn(),
            formData: '1.35',
            formContext: { formData: FORM },
          })}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        /Versions from the platform's published calendar: EKS could not be asked/,
      ),
    ).toBeInTheDocument();
  });
});
