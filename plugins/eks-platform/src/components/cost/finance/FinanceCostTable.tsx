import { useMemo } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Chip, Typography } from '@material-ui/core';
import { FinanceCostReport } from '@internal/plugin-eks-platform-common';
import { BudgetStatusChip } from '../CostFigures';
import {
  DASH,
  formatChange,
  formatForecastInterval,
  formatMoney,
  formatOptionalMoney,
  formatPercent,
} from '../format';
import { compareOptional, FinanceRow, financeRows } from './financeRows';

type SortKey = keyof Pick<
  FinanceRow,
  | 'title'
  | 'environment'
  | 'accountId'
  | 'monthToDate'
  | 'forecastMean'
  | 'projected'
  | 'budget'
  | 'budgetPercent'
  | 'changePercent'
  | 'lastCompleteDay'
>;

/** Amounts, ids and dates stay on one line; the table scrolls sideways instead. */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

const sortBy = (key: SortKey) => (a: FinanceRow, b: FinanceRow) =>
  compareOptional(a[key], b[key]);

function useColumns(
  currency: string,
  withErrors: boolean,
): TableColumn<FinanceRow>[] {
  const entityLink = useEntityRefLink();
  return useMemo(() => {
    const money = (key: SortKey, title: string): TableColumn<FinanceRow> => ({
      title,
      field: key,
      type: 'numeric',
      customSort: sortBy(key),
      cellStyle: NO_WRAP,
      render: row =>
        formatOptionalMoney(row[key] as number | undefined, currency),
    });
    const columns: TableColumn<FinanceRow>[] = [
      {
        title: 'Cluster',
        field: 'title',
        customSort: sortBy('title'),
        highlight: true,
        render: row => (
          <Link to={`${entityLink(row.id)}/cost`}>{row.title}</Link>
        ),
      },
      {
        title: 'Environment',
        field: 'environment',
        customSort: sortBy('environment'),
      },
      {
        title: 'Account',
        field: 'accountId',
        customSort: sortBy('accountId'),
        cellStyle: NO_WRAP,
      },
      money('monthToDate', 'Month to date'),
      {
        title: 'Forecast',
        field: 'forecastMean',
        customSort: sortBy('forecastMean'),
        cellStyle: NO_WRAP,
        render: row =>
          row.forecast ? (
            <>
              {formatMoney(row.forecast.mean, currency)}
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {formatForecastInterval(row.forecast, currency)}
              </Typography>
            </>
          ) : (
            DASH
          ),
      },
      money('projected', 'Projected'),
      money('budget', 'Budget'),
      {
        title: '% of budget',
        field: 'budgetPercent',
        customSort: sortBy('budgetPercent'),
        cellStyle: NO_WRAP,
        render: row => (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            {formatPercent(row.budgetPercent)}
            {row.status && <BudgetStatusChip status={row.status} />}
          </Box>
        ),
      },
      {
        title: 'Month over month',
        field: 'changePercent',
        customSort: sortBy('changePercent'),
        cellStyle: NO_WRAP,
        render: row => (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            {formatChange(row.changePercent)}
            {row.growthAlert && (
              <Chip
                size="small"
                color="secondary"
                label="growth alert"
                title={`Above the ${row.thresholdPercent}% threshold`}
              />
            )}
          </Box>
        ),
      },
      {
        title: 'Last complete day',
        field: 'lastCompleteDay',
        customSort: sortBy('lastCompleteDay'),
        cellStyle: NO_WRAP,
        render: row => row.lastCompleteDay ?? DASH,
      },
      {
        title: 'Estimated',
        field: 'estimated',
        sorting: false,
        render: row => (row.estimated ? 'yes' : ''),
      },
    ];
    // The error column only when an environment has no figures.
    if (withErrors) {
      columns.push({
        title: 'Error',
        field: 'error',
        sorting: false,
        render: row =>
          row.error ? (
            <Typography variant="body2" color="error">
              {row.error}
            </Typography>
          ) : (
            ''
          ),
      });
    }
    return columns;
  }, [currency, withErrors, entityLink]);
}

/** One sortable row per environment; titles link to the environment's Cost tab. */
export function FinanceCostTable({ report }: { report: FinanceCostReport }) {
  const columns = useColumns(
    report.currency,
    report.environments.some(environment => environment.error),
  );
  // material-table writes its state into the row objects: give it its own copies.
  const data = useMemo(() => financeRows(report), [report]);
  return (
    <Table<FinanceRow>
      title="Environments"
      columns={columns}
      data={data}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
