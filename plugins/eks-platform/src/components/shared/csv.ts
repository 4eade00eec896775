/** CSV writing shared by the cost and SLO exports (RFC 4180 quoting). */

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Lines of cells; sections are separated by an empty line and the file ends with one. */
export function csvSections(sections: string[][][]): string {
  const text = sections
    .map(lines => lines.map(line => line.map(csvCell).join(',')).join('\n'))
    .join('\n\n');
  return `${text}\n`;
}
