import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { EksKubernetesVersionPicker } from './EksKubernetesVersionPicker';
import { fieldProps } from './__testUtils__/fieldProps';

/** Only Date is faked: timers stay real for the test app. */
const ONLY_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

describe('EksKubernetesVersionPicker', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: new Date('2026-11-26T09:00:00Z'),
      doNotFake: [...ONLY_DATE],
    });
  });
  afterEach(() => jest.useRealTimers());

  it('defaults to the newest version in standard support', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <EksKubernetesVersionPicker
        {...fieldProps<string>({ onChange, formData: undefined })}
      />,
    );
    expect(onChange).toHaveBeenCalledWith('1.35');
  });

  it('lists the versions newest first with their support phase, and sends the choice', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <EksKubernetesVersionPicker
        {...fieldProps<string>({
          onChange,
          formData: '1.35',
          schema: { title: 'Kubernetes version' },
        })}
      />,
    );
    expect(onChange).not.toHaveBeenCalled();
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual([
      '1.35 — standard support until 2027-03-27, then extended until 2028-03-27',
      '1.34 — standard support until 2026-12-02, then extended until 2027-12-02',
    ]);
    await userEvent.selectOptions(
      screen.getByLabelText(/Kubernetes version/),
      '1.34',
    );
    expect(onChange).toHaveBeenCalledWith('1.34');
  });

  it('shows an unsupported value with the reason', async () => {
    await renderInTestApp(
      <EksKubernetesVersionPicker
        {...fieldProps<string>({ onChange: jest.fn(), formData: '1.28' })}
      />,
    );
    expect(
      screen.getByRole('option', { name: '1.28 (not supported)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Kubernetes 1.28 is not supported by EKS on 2026-11-26/),
    ).toBeInTheDocument();
  });
});
