/**
 * What an upgrade checks before it changes anything, all read-only: the target is the next
 * minor version and in standard support (DescribeClusterVersions), EKS's upgrade insights
 * for it (an ERROR blocks with its description and recommendation, a WARNING needs an
 * acknowledgement), every add-on has a version for the target (DescribeAddonVersions),
 * and no node group is already changing.
 */
import {
  DescribeAddonCommand,
  DescribeAddonVersionsCommand,
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  DescribeInsightCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListAddonsCommand,
  ListInsightsCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import {
  compareKubernetesVersions,
  nextKubernetesVersion,
} from '@internal/plugin-eks-platform-common';

/** Networking first: the nodes' pods need them across the roll (EKS User Guide, "Update existing cluster"). */
export const NETWORKING_ADDONS = ['vpc-cni', 'kube-proxy', 'coredns'];

export interface AddonStep {
  name: string;
  from: string;
  to: string;
}

export interface UpgradePlan {
  clusterName: string;
  current: string;
  target: string;
  /** False when a resumed task finds the control plane already on the target. */
  controlPlane: boolean;
  addons: AddonStep[];
  nodegroups: { name: string; from: string }[];
}

export interface UpgradeCheck {
  plan: UpgradePlan;
  /** Why the upgrade may not start; empty when it may. */
  blocking: string[];
  /** Findings the caller must acknowledge. */
  warnings: string[];
  /** Every check, passed or not, for the log. */
  checks: string[];
  /** False when the target is not the next minor version: nothing else was checked. */
  targetIsNext: boolean;
}

/**
 * Once the control plane is on the target, this task is finishing its own upgrade: an
 * add-on or node group it is updating is its own change (EKS refuses anyone else's).
 */
function settled(check: UpgradeCheck, status: string | undefined): boolean {
  return !check.plan.controlPlane && status === 'UPDATING';
}

async function insightsFor(
  eks: EKSClient,
  clusterName: string,
  target: string,
  check: UpgradeCheck,
): Promise<void> {
  const { insights = [] } = await eks.send(
    new ListInsightsCommand({
      clusterName,
      filter: {
        categories: ['UPGRADE_READINESS'],
        kubernetesVersions: [target],
      },
    }),
  );
  for (const summary of insights) {
    const status = summary.insightStatus?.status ?? 'UNKNOWN';
    if (status === 'PASSING') {
      check.checks.push(`Upgrade insight "${summary.name}": PASSING`);
      continue;
    }
    const { insight } = await eks.send(
      new DescribeInsightCommand({ clusterName, id: summary.id }),
    );
    const usage = insight?.categorySpecificSummary?.deprecationDetails
      ?.map(
        d =>
          `${d.usage} (replace with ${d.replacedWith}; called by ${
            d.clientStats?.map(c => c.userAgent).join(', ') || 'unknown clients'
          })`,
      )
      .join('; ');
    const text = `Upgrade insight "${summary.name}" is ${status}: ${
      insight?.description ?? summary.description
    } ${summary.insightStatus?.reason ?? ''} Recommendation: ${
      insight?.recommendation ?? 'none given'
    }${usage ? ` Deprecated API usage: ${usage}.` : ''}`.replace(/\s+/g, ' ');
    check.checks.push(text);
    if (status === 'ERROR') check.blocking.push(text);
    else check.warnings.push(text);
  }
}

async function addonSteps(
  eks: EKSClient,
  clusterName: string,
  target: string,
  check: UpgradeCheck,
): Promise<AddonStep[]> {
  const { addons = [] } = await eks.send(
    new ListAddonsCommand({ clusterName }),
  );
  const ordered = [
    ...NETWORKING_ADDONS.filter(name => addons.includes(name)),
    ...addons.filter(name => !NETWORKING_ADDONS.includes(name)),
  ];
  // Read side by side; judged in order, so the plan lists networking first.
  const described = await Promise.all(
    ordered.map(addonName =>
      Promise.all([
        eks.send(new DescribeAddonCommand({ clusterName, addonName })),
        eks.send(
          new DescribeAddonVersionsCommand({
            addonName,
            kubernetesVersion: target,
          }),
        ),
      ]),
    ),
  );
  const steps: AddonStep[] = [];
  ordered.forEach((addonName, index) => {
    const [{ addon }, { addons: infos = [] }] = described[index];
    const versions = infos[0]?.addonVersions ?? [];
    const byDefault = versions.find(v =>
      v.compatibilities?.some(
        c => c.clusterVersion === target && c.defaultVersion,
      ),
    );
    const to = byDefault?.addonVersion ?? versions[0]?.addonVersion;
    const from = addon?.addonVersion ?? 'unknown';
    if (!to) {
      check.blocking.push(
        `Add-on ${addonName} ${from} has no version for Kubernetes ${target} (DescribeAddonVersions)`,
      );
      return;
    }
    if (addon?.status !== 'ACTIVE' && !settled(check, addon?.status)) {
      check.blocking.push(
        `Add-on ${addonName} is ${addon?.status}: wait until it is ACTIVE`,
      );
    }
    check.checks.push(`Add-on ${addonName}: ${from} → ${to}`);
    if (to !== from) steps.push({ name: addonName, from, to });
  });
  return steps;
}

/** The plan and its checks; `resuming` when this task already started the upgrade. */
export async function checkUpgrade(
  eks: EKSClient,
  clusterName: string,
  target: string,
): Promise<UpgradeCheck> {
  const { cluster } = await eks.send(
    new DescribeClusterCommand({ name: clusterName }),
  );
  const current = cluster?.version ?? '';
  const check: UpgradeCheck = {
    plan: {
      clusterName,
      current,
      target,
      controlPlane: current !== target,
      addons: [],
      nodegroups: [],
    },
    blocking: [],
    warnings: [],
    checks: [],
    targetIsNext: true,
  };
  const next = nextKubernetesVersion(current);
  if (current !== target && target !== next) {
    check.blocking.push(
      compareKubernetesVersions(target, current) > 0
        ? `${clusterName} runs ${current}: EKS upgrades one minor version at a time, so upgrade to ${next} first, then run this template again for ${target}`
        : `${clusterName} runs ${current}: EKS cannot go back to ${target}`,
    );
    check.targetIsNext = false;
    return check;
  }
  const { clusterVersions = [] } = await eks.send(
    new DescribeClusterVersionsCommand({ clusterVersions: [target] }),
  );
  const info = clusterVersions[0];
  if (!info || info.versionStatus !== 'STANDARD_SUPPORT') {
    check.blocking.push(
      `Kubernetes ${target} is ${
        info ? `in ${info.versionStatus}` : 'not offered by EKS'
      }: upgrade to a version in standard support`,
    );
  } else {
    check.checks.push(
      `Kubernetes ${target} is in standard support until ${info.endOfStandardSupportDate
        ?.toISOString()
        .slice(0, 10)}`,
    );
  }
  await insightsFor(eks, clusterName, target, check);
  check.plan.addons = await addonSteps(eks, clusterName, target, check);
  const { nodegroups: names = [] } = await eks.send(
    new ListNodegroupsCommand({ clusterName }),
  );
  const nodegroups = await Promise.all(
    names.map(nodegroupName =>
      eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName })),
    ),
  );
  nodegroups.forEach(({ nodegroup }, index) => {
    const nodegroupName = names[index];
    const from = nodegroup?.version ?? 'unknown';
    if (nodegroup?.status !== 'ACTIVE' && !settled(check, nodegroup?.status)) {
      check.blocking.push(
        `Node group ${nodegroupName} is ${nodegroup?.status}: wait until it is ACTIVE`,
      );
    }
    check.checks.push(`Node group ${nodegroupName}: ${from} → ${target}`);
    if (from !== target)
      check.plan.nodegroups.push({ name: nodegroupName, from });
  });
  return check;
}
