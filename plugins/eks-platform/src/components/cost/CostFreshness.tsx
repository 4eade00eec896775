import { Box, Typography } from '@material-ui/core';
import { CurrencyConversion } from '@internal/plugin-eks-platform-common';
import { EstimatedChip } from './CostFigures';
import { formatCurrencyNote, formatFreshness } from './format';

/** How fresh the figures are, which are estimates, and in which currency. */
export function CostFreshness(props: {
  lastCompleteDay?: string;
  estimated: boolean;
  currency: string;
  conversion?: CurrencyConversion;
  generatedAt: string;
}) {
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      <Typography variant="body2" data-testid="cost-freshness">
        {formatFreshness(props.lastCompleteDay)}
      </Typography>
      {props.estimated && <EstimatedChip />}
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="cost-currency"
      >
        {formatCurrencyNote(props.currency, props.conversion)} · as of{' '}
        {props.generatedAt.replace('T', ' ').slice(0, 16)} UTC
      </Typography>
    </Box>
  );
}
