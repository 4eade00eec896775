/** Colours of services in charts, in `report.services` order (cycled beyond ten). */
const PALETTE = [
  '#1976d2',
  '#ef6c00',
  '#2e7d32',
  '#8e24aa',
  '#c62828',
  '#00838f',
  '#6d4c41',
  '#ad1457',
  '#558b2f',
  '#455a64',
];

export function serviceColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}
