import {
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  ClusterCostReport,
  CostBreakdown,
} from '@internal/plugin-eks-platform-common';
import { formatMoney, formatMonthState, formatShare } from './format';
import { HeaderRow } from '../shared/HeaderRow';

/** One row per month: each service, the total, and whether the month is final. */
export function MonthlyCostTable({ report }: { report: ClusterCostReport }) {
  const { currency, services } = report;
  return (
    <Table size="small" aria-label="Monthly cost">
      <HeaderRow labels={['Month', ...services, 'Total', 'State']} />
      <TableBody>
        {report.monthly.map(month => (
          <TableRow key={month.month} data-testid={`cost-month-${month.month}`}>
            <TableCell>{month.month}</TableCell>
            {services.map(service => (
              <TableCell key={service}>
                {formatMoney(month.byService[service] ?? 0, currency)}
              </TableCell>
            ))}
            <TableCell>
              <strong>{formatMoney(month.total, currency)}</strong>
            </TableCell>
            <TableCell>{formatMonthState(month)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One breakdown (service, purchase type, node group or a tag): amount and share. */
export function BreakdownTable(props: {
  breakdown: CostBreakdown;
  currency: string;
}) {
  const { breakdown, currency } = props;
  return (
    <Table size="small" aria-label={`Cost by ${breakdown.title}`}>
      <HeaderRow labels={[breakdown.title, 'Amount', 'Share']} />
      <TableBody>
        {breakdown.items.map(item => (
          <TableRow key={item.key}>
            <TableCell>{item.label}</TableCell>
            <TableCell>{formatMoney(item.amount, currency)}</TableCell>
            <TableCell>{formatShare(item.share)}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell>
            <strong>Total</strong>
          </TableCell>
          <TableCell>
            <strong>{formatMoney(breakdown.total, currency)}</strong>
          </TableCell>
          <TableCell />
        </TableRow>
      </TableBody>
    </Table>
  );
}

export function EmptyBreakdown() {
  return (
    <Typography variant="body2" color="textSecondary">
      No cost in this period.
    </Typography>
  );
}
