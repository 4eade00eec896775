/**
 * Pure logic of the EksSubnetLayoutPicker field: the default layout, the rest
 * of the form it reads, the per-AZ capacity table and the problems that block
 * the Review step. All maths comes from @internal/plugin-eks-platform-common.
 */
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  availabilityZonesOf,
  computeSubnetIpCapacity,
  DEFAULT_REGION,
  ENVIRONMENT_PRESETS,
  EnvironmentName,
  ENVIRONMENTS,
  EnvironmentSpec,
  explainSubnetShortfall,
  IpCapacityReport,
  presetFor,
  SUBNET_PREFIX_RANGE,
  SubnetIpCapacity,
  validateEnvironmentSpec,
} from '@internal/plugin-eks-platform-common';

/** Value of the `EksSubnetLayoutPicker` field (the action's `network` input). */
export interface SubnetLayoutValue {
  vpcCidr: string;
  /** Index i belongs to availabilityZones[i]. */
  publicSubnetCidrs: string[];
  /** Index i belongs to availabilityZones[i]. */
  privateSubnetCidrs: string[];
}

export type SubnetListKey = 'publicSubnetCidrs' | 'privateSubnetCidrs';

export interface NodeGroupSizeInput {
  minSize?: number;
  desiredSize?: number;
  maxSize?: number;
}

/** What the field reads from the rest of the form. */
export interface SubnetLayoutContext {
  environment: EnvironmentName;
  region: string;
  availabilityZones: string[];
  /** By node group name (system, app-on-demand, app-spot). */
  nodeGroupSizes: Record<string, NodeGroupSizeInput>;
}

export const DEFAULT_ENVIRONMENT: EnvironmentName = 'dev';

const SIZE_KEYS = ['minSize', 'desiredSize', 'maxSize'] as const;

type Loose = Record<string, unknown>;

function asObject(value: unknown): Loose | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Loose)
    : undefined;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(item => typeof item === 'string');
}

function readNodeGroupSizes(
  value: unknown,
): SubnetLayoutContext['nodeGroupSizes'] {
  const groups = asObject(value) ?? {};
  const sizes: SubnetLayoutContext['nodeGroupSizes'] = {};
  for (const [name, raw] of Object.entries(groups)) {
    const group = asObject(raw);
    if (!group) continue;
    const size: NodeGroupSizeInput = {};
    for (const key of SIZE_KEYS) {
      const figure = group[key];
      if (typeof figure === 'number' && Number.isFinite(figure)) {
        size[key] = figure;
      }
    }
    sizes[name] = size;
  }
  return sizes;
}

/**
 * The rest of the form, as scaffolder-react passes it in `formContext.formData`
 * (and validators get it as `context.formData`): `environment` (default dev),
 * `location.region` / `location.availabilityZones` (the EksRegionZonesPicker
 * value; default the region's first three zones, as the actions do) and
 * `nodeGroupSizes`.
 */
export function readLayoutContext(formData: unknown): SubnetLayoutContext {
  const form = asObject(formData) ?? {};
  const environment = ENVIRONMENTS.includes(form.environment as EnvironmentName)
    ? (form.environment as EnvironmentName)
    : DEFAULT_ENVIRONMENT;
  const location = asObject(form.location) ?? {};
  const region =
    typeof location.region === 'string' && location.region
      ? location.region
      : DEFAULT_REGION;
  const availabilityZones =
    isStringArray(location.availabilityZones) &&
    location.availabilityZones.length > 0
      ? location.availabilityZones
      : availabilityZonesOf(region).slice(0, 3);
  return {
    environment,
    region,
    availabilityZones,
    nodeGroupSizes: readNodeGroupSizes(form.nodeGroupSizes),
  };
}

/** The preset's address plan, the field's default. */
export function presetLayout(environment: EnvironmentName): SubnetLayoutValue {
  const { vpcCidr, publicSubnetCidrs, privateSubnetCidrs } =
    ENVIRONMENT_PRESETS[environment].network;
  return {
    vpcCidr,
    publicSubnetCidrs: [...publicSubnetCidrs],
    privateSubnetCidrs: [...privateSubnetCidrs],
  };
}

export function sameLayout(a: unknown, b: unknown): boolean {
  const pick = (value: unknown) => {
    const v = asObject(value);
    return JSON.stringify(
      v
        ? [v.vpcCidr, v.publicSubnetCidrs, v.privateSubnetCidrs]
        : value ?? null,
    );
  };
  return pick(a) === pick(b);
}

/** The environment whose preset layout this is, if it is one unchanged. */
export function presetEnvironmentOf(
  value: unknown,
): EnvironmentName | undefined {
  return ENVIRONMENTS.find(environment =>
    sameLayout(value, presetLayout(environment)),
  );
}

/**
 * A complete value from whatever the form holds: missing or mistyped parts
 * come from the environment's preset, and an untouched preset of another
 * environment follows the environment chosen since. Anything the user typed
 * is kept as is, valid or not (validation reports it).
 */
export function normalizeLayout(
  value: unknown,
  context: SubnetLayoutContext,
): SubnetLayoutValue {
  const preset = presetLayout(context.environment);
  const input = asObject(value);
  if (!input) return preset;
  const presetOf = presetEnvironmentOf(input);
  if (presetOf !== undefined && presetOf !== context.environment) return preset;
  const complete =
    typeof input.vpcCidr === 'string' &&
    isStringArray(input.publicSubnetCidrs) &&
    isStringArray(input.privateSubnetCidrs);
  if (complete) return input as unknown as SubnetLayoutValue;
  return {
    vpcCidr: typeof input.vpcCidr === 'string' ? input.vpcCidr : preset.vpcCidr,
    publicSubnetCidrs: isStringArray(input.publicSubnetCidrs)
      ? input.publicSubnetCidrs
      : preset.publicSubnetCidrs,
    privateSubnetCidrs: isStringArray(input.privateSubnetCidrs)
      ? input.privateSubnetCidrs
      : preset.privateSubnetCidrs,
  };
}

export function withVpcCidr(
  value: SubnetLayoutValue,
  vpcCidr: string,
): SubnetLayoutValue {
  return { ...value, vpcCidr };
}

/** Replaces one subnet; a list shorter than `index` is padded with empty entries. */
export function withSubnet(
  value: SubnetLayoutValue,
  key: SubnetListKey,
  index: number,
  cidr: string,
): SubnetLayoutValue {
  const list = [...value[key]];
  while (list.length < index) list.push('');
  list[index] = cidr;
  return { ...value, [key]: list };
}

/** The preset's node groups with the form's sizes applied, as the actions build them. */
export function sizedNodeGroups(
  context: SubnetLayoutContext,
): EnvironmentSpec['nodeGroups'] {
  return presetFor(context.environment).nodeGroups.map(group => {
    const size = context.nodeGroupSizes[group.name] ?? {};
    const sized = { ...group };
    for (const key of SIZE_KEYS) {
      const figure = size[key];
      if (figure !== undefined) sized[key] = figure;
    }
    return sized;
  });
}

/**
 * The environment spec the actions would build from this layout and the rest
 * of the form. The value is passed as found so validation reports bad types.
 */
export function layoutSpec(
  value: unknown,
  context: SubnetLayoutContext,
): EnvironmentSpec {
  const preset = presetFor(context.environment);
  const input = asObject(value) ?? {};
  return presetFor(context.environment, {
    region: context.region,
    availabilityZones: context.availabilityZones,
    network: {
      ...preset.network,
      vpcCidr: input.vpcCidr as string,
      publicSubnetCidrs: input.publicSubnetCidrs as string[],
      privateSubnetCidrs: input.privateSubnetCidrs as string[],
    },
    nodeGroups: sizedNodeGroups(context),
  });
}

export function subnetCapacity(
  value: SubnetLayoutValue,
  context: SubnetLayoutContext,
): IpCapacityReport {
  return computeSubnetIpCapacity({
    availabilityZones: context.availabilityZones,
    network: { privateSubnetCidrs: value.privateSubnetCidrs },
    nodeGroups: sizedNodeGroups(context),
  });
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** "use a /22 or larger", or what to do when no subnet AWS allows is large enough. */
export function shortfallRemedy(zone: SubnetIpCapacity): string {
  return zone.suggestedPrefix !== undefined &&
    zone.suggestedPrefix >= SUBNET_PREFIX_RANGE.min
    ? `use a /${zone.suggestedPrefix} or larger`
    : `even a /${SUBNET_PREFIX_RANGE.min} is too small, lower the node groups' maxSize`;
}

/** Short status of one zone for the table: "OK" or "runs out at 4 nodes — use a /22 or larger". */
export function capacityStatus(zone: SubnetIpCapacity): string {
  if (zone.fits) return 'OK';
  const runsOut =
    zone.nodesThatFit !== undefined
      ? `runs out at ${formatCount(zone.nodesThatFit)} nodes`
      : 'too small';
  return `${runsOut} — ${shortfallRemedy(zone)}`;
}

function capacityMessage(zone: SubnetIpCapacity): string {
  const runsOut =
    zone.nodesThatFit !== undefined
      ? `; it runs out at ${formatCount(zone.nodesThatFit)} nodes`
      : '';
  return `${zone.subnetCidr} holds ${formatCount(
    zone.usableAddresses,
  )} usable addresses, the node groups need ${formatCount(
    zone.requiredAddresses,
  )} at max size (${formatCount(
    zone.nodesPerAvailabilityZone,
  )} nodes in this AZ)${runsOut} — ${shortfallRemedy(zone)}`;
}

export interface CapacityRow {
  index: number;
  /** Undefined when there are more subnets than zones. */
  availabilityZone?: string;
  publicSubnetCidr: string;
  privateSubnetCidr: string;
  /** Absent while the private subnet is not a valid CIDR. */
  capacity?: SubnetIpCapacity;
  status: string;
  /** The long explanation of a shortfall, for a tooltip. */
  explanation?: string;
}

/** One row per availability zone (or per subnet, when they outnumber the zones). */
export function capacityRows(
  value: SubnetLayoutValue,
  context: SubnetLayoutContext,
): CapacityRow[] {
  const report = subnetCapacity(value, context);
  const count = Math.max(
    context.availabilityZones.length,
    value.publicSubnetCidrs.length,
    value.privateSubnetCidrs.length,
  );
  return Array.from({ length: count }, (_, index) => {
    const availabilityZone = context.availabilityZones[index];
    const capacity = report.availabilityZones.find(z => z.index === index);
    let status: string;
    if (availabilityZone === undefined) status = 'no availability zone';
    else if (value.privateSubnetCidrs[index] === undefined)
      status = 'no private subnet';
    else if (!capacity) status = 'private subnet is not a valid CIDR';
    else status = capacityStatus(capacity);
    return {
      index,
      availabilityZone,
      publicSubnetCidr: value.publicSubnetCidrs[index] ?? '',
      privateSubnetCidr: value.privateSubnetCidrs[index] ?? '',
      capacity,
      status,
      explanation:
        capacity && !capacity.fits
          ? explainSubnetShortfall(capacity)
          : undefined,
    };
  });
}

/** A problem of the field, addressed by the value's own key. */
export interface LayoutProblem {
  /** "vpcCidr", "publicSubnetCidrs", "privateSubnetCidrs[1]". */
  field: string;
  key: 'vpcCidr' | SubnetListKey;
  index?: number;
  availabilityZone?: string;
  /** The validator's rule id, e.g. "subnet-overlap", "ip-capacity". */
  rule: string;
  /** Starts with the field: "privateSubnetCidrs[1] (eu-west-3b): ...". */
  message: string;
  /** The message without the field, for display next to the input. */
  detail: string;
}

const NETWORK_FIELD_PATH =
  /^network\.(vpcCidr|publicSubnetCidrs|privateSubnetCidrs)(?:\[(\d+)\])?$/;

/**
 * Runs the environment validator on the spec this layout gives and keeps the
 * problems of the layout's own fields: CIDR syntax, VPC and subnet sizes,
 * subnets inside the VPC, overlaps, one public and one private subnet per
 * zone, and whether each private subnet holds the node groups at max size.
 */
export function subnetLayoutProblems(
  value: unknown,
  context: SubnetLayoutContext,
): LayoutProblem[] {
  const problems = validateEnvironmentSpec(layoutSpec(value, context));
  const input = asObject(value);
  const report =
    input && isStringArray(input.privateSubnetCidrs)
      ? computeSubnetIpCapacity({
          availabilityZones: context.availabilityZones,
          network: { privateSubnetCidrs: input.privateSubnetCidrs },
          nodeGroups: sizedNodeGroups(context),
        })
      : undefined;
  return problems.flatMap(problem => {
    const match = NETWORK_FIELD_PATH.exec(problem.path);
    if (!match) return [];
    const key = match[1] as LayoutProblem['key'];
    const index = match[2] === undefined ? undefined : Number(match[2]);
    const field = problem.path.slice('network.'.length);
    const availabilityZone =
      index === undefined ? undefined : context.availabilityZones[index];
    const zone =
      problem.rule === 'ip-capacity'
        ? report?.availabilityZones.find(z => z.index === index)
        : undefined;
    let text = zone
      ? capacityMessage(zone)
      : problem.message.replace(/network\./g, '');
    if (text.startsWith(`${field}: `)) text = text.slice(field.length + 2);
    const label = availabilityZone ? `${field} (${availabilityZone})` : field;
    const message = text.startsWith(`${field} `) ? text : `${label}: ${text}`;
    return [
      {
        field,
        key,
        index,
        availabilityZone,
        rule: problem.rule,
        message,
        detail: text,
      },
    ];
  });
}

/** The field's `validation`: reads the rest of the form from `context.formData`. */
export const validateSubnetLayout: CustomFieldValidator<SubnetLayoutValue> = (
  value,
  validation,
  context,
) => {
  const layoutContext = readLayoutContext(context?.formData);
  for (const problem of subnetLayoutProblems(value, layoutContext)) {
    validation.addError(problem.message);
  }
};
