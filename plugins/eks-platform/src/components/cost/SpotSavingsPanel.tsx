import { Typography } from '@material-ui/core';
import { SpotSavings } from '@internal/plugin-eks-platform-common';
import { FigureRow } from './CostFigures';
import { formatMoney, formatPercent } from './format';

/** What spot capacity saved against the on-demand list price of the same hours. */
export function SpotSavingsPanel(props: {
  spot: SpotSavings;
  currency: string;
}) {
  const { spot, currency } = props;
  return (
    <>
      <FigureRow
        label="Spot cost"
        value={formatMoney(spot.spotCost, currency)}
        testId="spot-cost"
      />
      <FigureRow
        label="Spot hours"
        value={`${Math.round(spot.spotHours).toLocaleString('en-US')} h`}
        testId="spot-hours"
      />
      <FigureRow
        label="On-demand equivalent"
        value={formatMoney(spot.onDemandEquivalent, currency)}
        testId="spot-on-demand"
      />
      <FigureRow
        label="Savings"
        value={`${formatMoney(spot.savings, currency)} (${formatPercent(
          spot.savingsPercent,
        )})`}
        testId="spot-savings"
      />
      {spot.unpricedInstanceTypes.length > 0 && (
        <Typography
          variant="caption"
          color="textSecondary"
          data-testid="spot-unpriced"
        >
          No list price for {spot.unpricedInstanceTypes.join(', ')}: their hours
          are left out of the savings.
        </Typography>
      )}
    </>
  );
}
