import { useEffect, useMemo } from 'react';
import { Link } from '@material-ui/core';

/** A download link for a CSV built in the browser. */
export function CsvDownloadLink(props: { csv: string; filename: string }) {
  const href = useMemo(
    () => URL.createObjectURL(new Blob([props.csv], { type: 'text/csv' })),
    [props.csv],
  );
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <Link href={href} download={props.filename}>
      Export CSV
    </Link>
  );
}
