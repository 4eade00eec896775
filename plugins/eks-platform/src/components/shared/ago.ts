/** "4 min ago", against the report's time so the page says what the report saw. */
export function ago(at: string | undefined, generatedAt: string): string {
  const then = at ? Date.parse(at.replace(' ', 'T')) : NaN;
  if (Number.isNaN(then)) return '—';
  const minutes = Math.max(
    0,
    Math.round((Date.parse(generatedAt) - then) / 60_000),
  );
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}
