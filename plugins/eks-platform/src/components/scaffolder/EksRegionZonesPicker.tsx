import { useEffect, useMemo } from 'react';
import {
  Box,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  TextField,
  Typography,
} from '@material-ui/core';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  availabilityZonesOf,
  findRegion,
} from '@internal/plugin-eks-platform-common';
import {
  normalizeRegionZones,
  REGION_OPTIONS,
  RegionZonesValue,
  REQUIRED_AVAILABILITY_ZONES,
  toggleZone,
  withRegion,
} from './regionZones';

function sameValue(a: unknown, b: RegionZonesValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Region and availability zones of the environment. Value:
 * `{ region: string; availabilityZones: string[] }`, default eu-west-3 (Paris)
 * and its first three zones; changing the region resets the zones.
 */
export const EksRegionZonesPicker = (
  props: FieldExtensionComponentProps<RegionZonesValue>,
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
  const value = useMemo(() => normalizeRegionZones(formData), [formData]);

  useEffect(() => {
    if (!sameValue(formData, value)) onChange(value);
  }, [formData, value, onChange]);

  const id = idSchema?.$id ?? 'eks-region-zones';
  const locked = disabled || readonly;
  const knownRegion = findRegion(value.region);
  const regionZones = availabilityZonesOf(value.region);
  const foreignZones = value.availabilityZones.filter(
    zone => !regionZones.includes(zone),
  );
  const selected = new Set(value.availabilityZones);
  const countOk = selected.size === REQUIRED_AVAILABILITY_ZONES;
  const hasErrors = (rawErrors?.length ?? 0) > 0;

  return (
    <FormControl
      component="fieldset"
      required={required}
      error={hasErrors}
      fullWidth
      margin="normal"
    >
      <FormLabel component="legend">
        {schema?.title ?? 'Region and availability zones'}
      </FormLabel>
      {schema?.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      <Box mt={2} maxWidth={480}>
        <TextField
          select
          id={`${id}-region`}
          label="Region"
          value={value.region}
          onChange={event => onChange(withRegion(event.target.value))}
          SelectProps={{ native: true }}
          variant="outlined"
          size="small"
          fullWidth
          disabled={locked}
          error={!knownRegion}
        >
          {!knownRegion && (
            <option value={value.region}>{value.region} (unknown)</option>
          )}
          {REGION_OPTIONS.map(option => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </TextField>
        <FormHelperText>
          Paris is eu-west-3. ADR-0007's “eu-west-1 (Paris)” is wrong: eu-west-1
          is Ireland.
          {knownRegion?.optIn &&
            ` ${knownRegion.displayName} is an opt-in region: enable it on the account first.`}
        </FormHelperText>
      </Box>
      <Box mt={2}>
        <FormLabel component="legend">
          Availability zones (exactly {REQUIRED_AVAILABILITY_ZONES})
        </FormLabel>
        <FormGroup row aria-label="Availability zones">
          {[...regionZones, ...foreignZones].map(zone => {
            const foreign = !regionZones.includes(zone);
            return (
              <FormControlLabel
                key={zone}
                label={foreign ? `${zone} (not in ${value.region})` : zone}
                control={
                  <Checkbox
                    color={foreign ? 'secondary' : 'primary'}
                    checked={selected.has(zone)}
                    disabled={locked}
                    onChange={event =>
                      onChange(toggleZone(value, zone, event.target.checked))
                    }
                    name={zone}
                  />
                }
              />
            );
          })}
        </FormGroup>
        <FormHelperText error={!countOk || foreignZones.length > 0}>
          {selected.size} of {REQUIRED_AVAILABILITY_ZONES} selected; the subnets
          are assigned to the zones in this order.
        </FormHelperText>
      </Box>
    </FormControl>
  );
};
