/** XML rendering for the query-protocol services (EC2, IAM, STS). */

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A value the serializer understands; undefined fields are left out, like AWS omits them. */
export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | undefined
  | XmlValue[]
  | { [key: string]: XmlValue };

/**
 * Renders `value` as the content of an element. Arrays become repeated `listItem` elements:
 * EC2 wraps members in `<item>`, IAM and STS in `<member>`.
 */
export function renderXml(
  value: XmlValue,
  listItem: 'item' | 'member',
): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    return value
      .map(entry => `<${listItem}>${renderXml(entry, listItem)}</${listItem}>`)
      .join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(
        ([name, field]) => `<${name}>${renderXml(field, listItem)}</${name}>`,
      )
      .join('');
  }
  return escapeXml(String(value));
}
