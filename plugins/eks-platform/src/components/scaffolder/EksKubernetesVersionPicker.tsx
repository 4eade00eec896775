import { useEffect, useMemo } from 'react';
import { TextField } from '@material-ui/core';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  defaultKubernetesVersion,
  kubernetesVersionOptions,
  kubernetesVersionProblems,
} from './kubernetesVersion';

/**
 * EKS Kubernetes version, newest first, each with its support phase and end
 * dates. Value: a string such as "1.35", default the newest version in
 * standard support.
 */
export const EksKubernetesVersionPicker = (
  props: FieldExtensionComponentProps<string>,
) => {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    schema,
    idSchema,
    disabled,
    readonly,
  } = props;
  const today = useMemo(() => new Date(), []);
  const options = useMemo(() => kubernetesVersionOptions(today), [today]);
  const fallback = useMemo(() => defaultKubernetesVersion(today), [today]);

  useEffect(() => {
    if (!formData && fallback) onChange(fallback);
  }, [formData, fallback, onChange]);

  const value = formData || fallback || '';
  const listed = options.some(option => option.version === value);
  const live = kubernetesVersionProblems(value, today);
  const hasErrors = (rawErrors?.length ?? 0) > 0 || live.length > 0;

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
      helperText={
        live.length > 0
          ? live.join('; ')
          : schema?.description ??
            'Versions in EKS standard support today; extended support costs more and is not offered.'
      }
    >
      {!listed && <option value={value}>{value || '—'} (not supported)</option>}
      {options.map(option => (
        <option key={option.version} value={option.version}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
};
