import {
  Box,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import { CostMetric } from '@internal/plugin-eks-platform-common';
import { METRIC_OPTIONS } from './format';

export const RANGE_MONTHS = [1, 3, 6, 12, 13] as const;

/** The Cost Explorer metric, each option saying who it is for. */
export function MetricSelector(props: {
  metric: CostMetric;
  onChange: (metric: CostMetric) => void;
}) {
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">Metric</FormLabel>
      <RadioGroup
        row
        name="cost-metric"
        value={props.metric}
        onChange={event => props.onChange(event.target.value as CostMetric)}
      >
        {METRIC_OPTIONS.map(option => (
          <FormControlLabel
            key={option.metric}
            value={option.metric}
            control={<Radio size="small" />}
            label={
              <Box maxWidth={300} py={0.5}>
                <Typography variant="body2">{option.label}</Typography>
                <Typography variant="caption" color="textSecondary">
                  {option.description}
                </Typography>
              </Box>
            }
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}

/** Months of history: 1, 3, 6, 12 or the 13 Cost Explorer keeps. */
export function RangeSelector(props: {
  months: number;
  onChange: (months: number) => void;
}) {
  return (
    <TextField
      select
      id="cost-range-months"
      label="Range"
      value={props.months}
      onChange={event => props.onChange(Number(event.target.value))}
      SelectProps={{ native: true }}
      variant="outlined"
      size="small"
    >
      {RANGE_MONTHS.map(months => (
        <option key={months} value={months}>
          {months === 1 ? '1 month' : `${months} months`}
        </option>
      ))}
    </TextField>
  );
}
