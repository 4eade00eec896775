import { useEffect, useMemo } from 'react';
import {
  Box,
  Button,
  FormControl,
  FormHelperText,
  FormLabel,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { SubnetCapacityChart } from './SubnetCapacityChart';
import {
  CapacityRow,
  capacityRows,
  formatCount,
  LayoutProblem,
  normalizeLayout,
  presetLayout,
  readLayoutContext,
  sameLayout,
  sizedNodeGroups,
  SubnetLayoutContext,
  subnetLayoutProblems,
  SubnetLayoutValue,
  SubnetListKey,
  withSubnet,
  withVpcCidr,
} from './subnetLayout';

function problemsAt(
  problems: LayoutProblem[],
  key: LayoutProblem['key'],
  index?: number,
): LayoutProblem[] {
  return problems.filter(p => p.key === key && p.index === index);
}

/** Helper text of an input: its problems but the capacity one, which the Status column shows. */
function helperOf(problems: LayoutProblem[]): string | undefined {
  const shown = problems.filter(p => p.rule !== 'ip-capacity');
  return shown.length > 0 ? shown.map(p => p.detail).join('; ') : undefined;
}

const StatusCell = (props: { row: CapacityRow }) => {
  const { row } = props;
  if (row.capacity?.fits) return <StatusOK>{row.status}</StatusOK>;
  if (row.capacity) return <StatusError>{row.status}</StatusError>;
  return <StatusWarning>{row.status}</StatusWarning>;
};

function describeNodeGroups(context: SubnetLayoutContext): string {
  return sizedNodeGroups(context)
    .map(group => `${group.name} ${group.maxSize}`)
    .join(', ');
}

/**
 * VPC and subnet CIDRs of the environment with, per availability zone, how
 * many addresses the private subnet leaves and how many the node groups need
 * at max size. Value: `{ vpcCidr; publicSubnetCidrs; privateSubnetCidrs }`,
 * default the preset's. Reads `environment`, `location.availabilityZones` and
 * `nodeGroupSizes` from the rest of the form (`formContext.formData`).
 */
export const EksSubnetLayoutPicker = (
  props: FieldExtensionComponentProps<SubnetLayoutValue>,
) => {
  const {
    formData,
    onChange,
    formContext,
    rawErrors,
    required,
    schema,
    idSchema,
    disabled,
    readonly,
  } = props;
  const allFormData = (formContext as { formData?: unknown } | undefined)
    ?.formData;
  const contextKey = JSON.stringify(readLayoutContext(allFormData));
  const context = useMemo<SubnetLayoutContext>(
    () => JSON.parse(contextKey),
    [contextKey],
  );
  const value = useMemo(
    () => normalizeLayout(formData, context),
    [formData, context],
  );

  useEffect(() => {
    if (!sameLayout(formData, value)) onChange(value);
  }, [formData, value, onChange]);

  const rows = useMemo(() => capacityRows(value, context), [value, context]);
  const problems = useMemo(
    () => subnetLayoutProblems(value, context),
    [value, context],
  );
  const preset = presetLayout(context.environment);
  const isPreset = sameLayout(value, preset);
  const id = idSchema?.$id ?? 'eks-subnet-layout';
  const locked = disabled || readonly;
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  const largest = rows.find(row => row.capacity?.largestNode)?.capacity
    ?.largestNode;

  const vpcProblems = problemsAt(problems, 'vpcCidr');
  const listProblems = [
    ...problemsAt(problems, 'publicSubnetCidrs'),
    ...problemsAt(problems, 'privateSubnetCidrs'),
  ];

  const subnetInput = (key: SubnetListKey, row: CapacityRow) => {
    const fieldProblems = problemsAt(problems, key, row.index);
    const text = key === 'publicSubnetCidrs' ? 'Public' : 'Private';
    return (
      <TextField
        id={`${id}-${key}-${row.index}`}
        inputProps={{
          'aria-label': `${text} subnet ${row.availabilityZone ?? row.index}`,
        }}
        value={value[key][row.index] ?? ''}
        onChange={event =>
          onChange(withSubnet(value, key, row.index, event.target.value))
        }
        error={fieldProblems.length > 0}
        helperText={helperOf(fieldProblems)}
        disabled={locked}
        size="small"
        variant="outlined"
      />
    );
  };

  return (
    <FormControl
      component="fieldset"
      required={required}
      error={hasErrors}
      fullWidth
      margin="normal"
    >
      <FormLabel component="legend">
        {schema?.title ?? 'VPC and subnets'}
      </FormLabel>
      {schema?.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        {context.environment} preset, zones{' '}
        {context.availabilityZones.join(', ')}; node groups at max size:{' '}
        {describeNodeGroups(context)}
        {largest &&
          ` (sized on ${largest.instanceType}, ${largest.addressesPerNode} addresses per node)`}
        .
      </Typography>
      <Box mt={2} display="flex" alignItems="flex-start" gridGap={16}>
        <TextField
          id={`${id}-vpcCidr`}
          label="VPC CIDR"
          value={value.vpcCidr}
          onChange={event => onChange(withVpcCidr(value, event.target.value))}
          error={vpcProblems.length > 0}
          helperText={helperOf(vpcProblems)}
          disabled={locked}
          size="small"
          variant="outlined"
        />
        <Button
          variant="outlined"
          size="small"
          disabled={locked || isPreset}
          onClick={() => onChange(preset)}
        >
          Use the preset's layout
        </Button>
      </Box>
      <Table size="small" aria-label="Subnets per availability zone">
        <TableHead>
          <TableRow>
            <TableCell>Availability zone</TableCell>
            <TableCell>Public subnet</TableCell>
            <TableCell>Private subnet</TableCell>
            <TableCell align="right">Usable IPs (private)</TableCell>
            <TableCell align="right">IPs needed at max nodes</TableCell>
            <TableCell align="right">Nodes that fit</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.index} data-testid={`subnet-row-${row.index}`}>
              <TableCell>{row.availabilityZone ?? '—'}</TableCell>
              <TableCell>{subnetInput('publicSubnetCidrs', row)}</TableCell>
              <TableCell>{subnetInput('privateSubnetCidrs', row)}</TableCell>
              <TableCell align="right">
                {row.capacity ? formatCount(row.capacity.usableAddresses) : '—'}
              </TableCell>
              <TableCell align="right">
                {row.capacity
                  ? `${formatCount(row.capacity.requiredAddresses)} (${
                      row.capacity.nodesPerAvailabilityZone
                    } nodes)`
                  : '—'}
              </TableCell>
              <TableCell align="right">
                {row.capacity?.nodesThatFit !== undefined
                  ? formatCount(row.capacity.nodesThatFit)
                  : '—'}
              </TableCell>
              <TableCell
                title={row.explanation}
                data-testid={`subnet-status-${row.index}`}
                style={{ whiteSpace: 'nowrap' }}
              >
                <StatusCell row={row} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {listProblems.map(p => (
        <FormHelperText key={p.field} error>
          {p.message}
        </FormHelperText>
      ))}
      <Box mt={2}>
        <SubnetCapacityChart rows={rows} />
      </Box>
    </FormControl>
  );
};
