import { useEffect, useMemo, useState } from 'react';
import { TextField } from '@material-ui/core';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  EksVersionList,
  versionListFromTable,
} from '@internal/plugin-eks-platform-common';
import { getFromBackend } from '../../api/backendRequest';
import {
  defaultKubernetesVersion,
  kubernetesVersionOptions,
  kubernetesVersionProblems,
} from './kubernetesVersion';

/** The account and Region chosen in the form's other fields. */
function targetOf(formContext: unknown): { account?: string; region?: string } {
  const formData = (formContext as { formData?: Record<string, any> })
    ?.formData;
  const account = formData?.account;
  const region = formData?.location?.region;
  return {
    account:
      typeof account === 'string' && /^\d{12}$/.test(account)
        ? account
        : undefined,
    region: typeof region === 'string' ? region : undefined,
  };
}

/**
 * EKS Kubernetes version, newest first, as DescribeClusterVersions reports it for the
 * chosen account and Region (through the eks-platform backend). Value: a string such as
 * "1.35", default EKS's default in standard support.
 */
export const EksKubernetesVersionPicker = (
  props: FieldExtensionComponentProps<string>,
) => {
  const { formData, onChange, rawErrors, required, schema, idSchema } = props;
  const { disabled, readonly, formContext } = props;
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { account, region } = targetOf(formContext);
  const [list, setList] = useState<EksVersionList>(() =>
    versionListFromTable(
      new Date(),
      'choose the account and Region to see what EKS offers there',
    ),
  );

  useEffect(() => {
    if (!account || !region) return undefined;
    let current = true;
    getFromBackend<EksVersionList>(
      { discoveryApi, fetchApi },
      ['kubernetes-versions'],
      { account, region },
    ).then(
      answer => current && setList(answer),
      error =>
        current &&
        setList(
          versionListFromTable(
            new Date(),
            `EKS could not be asked (${error.message})`,
          ),
        ),
    );
    return () => {
      current = false;
    };
  }, [account, region, discoveryApi, fetchApi]);

  const options = useMemo(() => kubernetesVersionOptions(list), [list]);
  const fallback = defaultKubernetesVersion(list);
  useEffect(() => {
    if (!formData && fallback) onChange(fallback);
  }, [formData, fallback, onChange]);

  const value = formData || fallback || '';
  const listed = options.some(option => option.version === value);
  const live = kubernetesVersionProblems(value, list);
  const hasErrors = (rawErrors?.length ?? 0) > 0 || live.length > 0;
  const source =
    list.source === 'eks'
      ? `Versions EKS offers in ${account}/${region} in standard support; extended support costs more and is not offered.`
      : `Versions from the platform's published calendar: ${list.note}.`;

  return (
    <TextField
      select
      id={idSchema?.$id ?? 'eks-kubernetes-version'}
      label={schema?.title ?? 'Kubernetes version'}
      value={value}
      onChange={event => onChange(event.target.value)}
      SelectProps={{ native: true }}
      variant="outlined"
      margin="normal"
      fullWidth
      required={required}
      disabled={disabled || readonly}
      error={hasErrors}
      helperText={live.length > 0 ? live.join('; ') : source}
    >
      {!listed && <option value={value}>{value || '—'} (not offered)</option>}
      {options.map(option => (
        <option key={option.version} value={option.version}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
};
