/** Readers for the form-encoded parameters of query-protocol requests (EC2, IAM, STS). */

export type QueryParams = URLSearchParams;

/** `Prefix.1`, `Prefix.2`… (EC2) or `Prefix.member.1`… (IAM, STS) in index order. */
export function readList(params: QueryParams, prefix: string): string[] {
  const values: string[] = [];
  for (const style of [`${prefix}.`, `${prefix}.member.`]) {
    for (let i = 1; params.has(`${style}${i}`); i++) {
      values.push(params.get(`${style}${i}`) as string);
    }
  }
  return values;
}

/** Indexes 1..n present under `prefix.N.` (e.g. `Filter.1.Name`), in order. */
export function listIndexes(params: QueryParams, prefix: string): number[] {
  const indexes = new Set<number>();
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`);
  for (const key of params.keys()) {
    const match = pattern.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

export interface Filter {
  name: string;
  values: string[];
}

/** EC2 `Filter.N.Name` / `Filter.N.Value.M`. */
export function readFilters(params: QueryParams, prefix = 'Filter'): Filter[] {
  return listIndexes(params, prefix).map(i => ({
    name: params.get(`${prefix}.${i}.Name`) ?? '',
    values: readList(params, `${prefix}.${i}.Value`),
  }));
}

/** `Prefix.N.Key` / `Prefix.N.Value` pairs, e.g. EC2 `TagSpecification.1.Tag`. */
export function readTags(
  params: QueryParams,
  prefix: string,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const i of listIndexes(params, prefix)) {
    const key = params.get(`${prefix}.${i}.Key`);
    if (key !== null) tags[key] = params.get(`${prefix}.${i}.Value`) ?? '';
  }
  return tags;
}
