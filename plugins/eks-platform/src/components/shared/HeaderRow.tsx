import { TableCell, TableHead, TableRow } from '@material-ui/core';

/** The header of the plain figure tables of the cost and SLO views. */
export function HeaderRow({ labels }: { labels: string[] }) {
  return (
    <TableHead>
      <TableRow>
        {labels.map(label => (
          <TableCell key={label}>{label}</TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}
