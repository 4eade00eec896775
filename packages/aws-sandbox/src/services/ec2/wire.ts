/**
 * The EC2 query wire format, read and written from the AWS SDK's own schemas
 * (`CreateVpc$`, `Vpc$`… exported by @aws-sdk/client-ec2). Parameter names
 * (`Filter.1.Value.1`) and XML element names (`vpcSet`, `tagSet`) therefore come
 * from the same place the real client takes them, instead of a hand-kept table.
 *
 * Static schema layout (smithy): a member is `[schema, traits]`; a schema is a
 * number for simple types (0 string, 1 number, 2 boolean, 4-7 timestamp, 15
 * document, 21 blob, 64|x list of x, 128|x map of x) or an array
 * `[kind, namespace, name, traits, …]` with kind 0 (simple alias), 1 (list),
 * 2 (map), 3/-3/4 (structure, error, union), 9 (operation).
 */
import { escapeXml } from '../../protocols/xml';

type Traits = { xmlName?: string; ec2QueryName?: string } & Record<
  string,
  unknown
>;

interface Resolved {
  schema: unknown;
  traits: Traits;
}

function traitsOf(indicator: unknown): Traits {
  return typeof indicator === 'object' && indicator !== null
    ? (indicator as Traits)
    : {};
}

function deref(ref: unknown): unknown {
  return typeof ref === 'function' ? (ref as () => unknown)() : ref;
}

const isMember = (ref: unknown): ref is [unknown, unknown] =>
  Array.isArray(ref) && ref.length === 2;

/** Unwraps member pointers and simple aliases, keeping the member's own traits. */
function resolve(ref: unknown): Resolved {
  let traits: Traits = {};
  let schema = deref(ref);
  while (isMember(schema)) {
    traits = { ...traitsOf(schema[1]), ...traits };
    schema = deref(schema[0]);
  }
  while (Array.isArray(schema) && schema[0] === 0) schema = deref(schema[4]);
  return { schema, traits };
}

type Kind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'timestamp'
  | 'list'
  | 'map'
  | 'struct'
  | 'other';

function kindOf(schema: unknown): Kind {
  if (typeof schema === 'number') {
    if (schema >= 128) return 'map';
    if (schema >= 64) return 'list';
    if (schema === 1) return 'number';
    if (schema === 2) return 'boolean';
    if (schema >= 4 && schema <= 7) return 'timestamp';
    return schema === 0 || schema === 21 ? 'string' : 'other';
  }
  if (!Array.isArray(schema)) return 'other';
  if (schema[0] === 1) return 'list';
  if (schema[0] === 2) return 'map';
  return [3, -3, 4].includes(schema[0]) ? 'struct' : 'other';
}

function listItemOf(schema: unknown): unknown {
  return typeof schema === 'number' ? schema & 63 : (schema as unknown[])[4];
}

function structMembers(schema: unknown): [string, unknown][] {
  const [, , , , names, members] = schema as [
    number,
    string,
    string,
    unknown,
    string[],
    unknown[],
  ];
  return names.map((name, i) => [name, members[i]]);
}

/** The parameter key the SDK's EC2 serializer writes for a structure member. */
function queryKeyOf(memberName: string, traits: Traits): string {
  if (traits.ec2QueryName) return traits.ec2QueryName;
  const key = traits.xmlName ?? memberName;
  return key[0].toUpperCase() + key.slice(1);
}

class ParamReader {
  private readonly keys: string[];
  constructor(private readonly params: URLSearchParams) {
    this.keys = [...params.keys()];
  }

  read(ref: unknown, key: string): unknown {
    const { schema } = resolve(ref);
    switch (kindOf(schema)) {
      case 'struct':
        return this.readStruct(schema, key);
      case 'list':
        return this.readList(listItemOf(schema), key);
      case 'string':
        return this.params.get(key) ?? undefined;
      case 'number': {
        const value = this.params.get(key);
        return value === null ? undefined : Number(value);
      }
      case 'boolean': {
        const value = this.params.get(key);
        return value === null ? undefined : value === 'true';
      }
      case 'timestamp': {
        const value = this.params.get(key);
        return value === null ? undefined : new Date(value);
      }
      default:
        return undefined;
    }
  }

  private readStruct(schema: unknown, prefix: string) {
    const dotted = prefix ? `${prefix}.` : '';
    if (dotted && !this.keys.some(k => k.startsWith(dotted))) return undefined;
    const value: Record<string, unknown> = {};
    for (const [name, member] of structMembers(schema)) {
      const key = `${dotted}${queryKeyOf(name, resolve(member).traits)}`;
      const field = this.read(member, key);
      if (field !== undefined) value[name] = field;
    }
    return value;
  }

  private readList(item: unknown, prefix: string) {
    const values: unknown[] = [];
    for (let i = 1; ; i++) {
      const key = `${prefix}.${i}`;
      if (!this.keys.some(k => k === key || k.startsWith(`${key}.`))) break;
      values.push(this.read(item, key));
    }
    return values.length ? values : undefined;
  }
}

/** Decodes the form parameters of a request into the SDK's input shape. */
export function readEc2Input(
  operationSchema: readonly unknown[],
  params: URLSearchParams,
): Record<string, unknown> {
  const input = new ParamReader(params).read(operationSchema[4], '');
  return (input as Record<string, unknown>) ?? {};
}

function renderValue(ref: unknown, value: unknown): string {
  const { schema } = resolve(ref);
  const kind = kindOf(schema);
  if (kind === 'struct') return renderStruct(schema, value);
  if (kind === 'list') {
    const item = listItemOf(schema);
    const element = resolve(item).traits.xmlName ?? 'member';
    return (value as unknown[])
      .map(entry => `<${element}>${renderValue(item, entry)}</${element}>`)
      .join('');
  }
  if (value instanceof Date) return value.toISOString();
  // Operations without output (`unit`, e.g. DeleteVpc) answer an empty response element.
  if (typeof value === 'object') return '';
  return escapeXml(String(value));
}

function renderStruct(schema: unknown, value: unknown): string {
  const record = value as Record<string, unknown>;
  return structMembers(schema)
    .filter(([name]) => record[name] !== undefined && record[name] !== null)
    .map(([name, member]) => {
      const element = resolve(member).traits.xmlName ?? name;
      return `<${element}>${renderValue(member, record[name])}</${element}>`;
    })
    .join('');
}

/** Renders an output shape as the body of `<OperationResponse>`, as EC2 does. */
export function renderEc2Output(
  operationSchema: readonly unknown[],
  output: object,
): string {
  return renderValue(operationSchema[5], output);
}
