/**
 * `environmentGraph(spec)`: every resource of an environment as a node, in an order in
 * which each node comes after what it depends on.
 */
import { EnvironmentSpec } from '../types';
import { FlowLogDestinationRef, networkGraph } from './networkGraph';
import { clusterGraph, ClusterGraphOptions } from './clusterGraph';
import { nodegroupGraph } from './nodegroupGraph';
import { kubernetesMadeGraph } from './kubernetesMadeGraph';
import { ResourceKind, ResourceNode } from './types';

export interface EnvironmentGraphOptions extends ClusterGraphOptions {
  flowLogDestination?: FlowLogDestinationRef;
}

/**
 * Every node of the environment, each after the nodes it depends on; last, what the
 * cluster's controllers make (step `kubernetes`).
 */
export function environmentGraph(
  spec: EnvironmentSpec,
  options: EnvironmentGraphOptions = {},
): ResourceNode[] {
  const nodes = [
    ...networkGraph(spec, options.flowLogDestination),
    ...clusterGraph(spec, options),
    ...nodegroupGraph(spec),
    ...kubernetesMadeGraph(spec),
  ];
  checkGraph(nodes);
  return nodes;
}

/** Throws when a key repeats, a dependency is missing or comes later (which rules out cycles). */
export function checkGraph(nodes: readonly ResourceNode[]): void {
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.key)) throw new Error(`Graph node ${n.key} is listed twice`);
    for (const dependency of n.dependsOn) {
      if (!seen.has(dependency)) {
        throw new Error(
          `Graph node ${n.key} depends on ${dependency}, which is not listed before it`,
        );
      }
    }
    if (n.partOf && !seen.has(n.partOf)) {
      throw new Error(
        `Graph node ${n.key} is part of unknown node ${n.partOf}`,
      );
    }
    seen.add(n.key);
  }
}

/**
 * Which kinds each kind's nodes depend on, a relation counted as its owner (a route table
 * depends on the NAT gateway its route points to).
 */
export function kindDependencies(
  nodes: readonly ResourceNode[],
): Map<ResourceKind, Set<ResourceKind>> {
  const byKey = new Map(nodes.map(n => [n.key, n]));
  const ownerKind = (n: ResourceNode): ResourceKind => {
    let current = n;
    while (current.partOf && byKey.has(current.partOf)) {
      current = byKey.get(current.partOf)!;
    }
    return current.kind;
  };
  const needs = new Map<ResourceKind, Set<ResourceKind>>();
  for (const n of nodes) {
    const kind = ownerKind(n);
    const set = needs.get(kind) ?? new Set<ResourceKind>();
    for (const key of n.dependsOn) {
      const dependency = byKey.get(key);
      if (dependency && ownerKind(dependency) !== kind) {
        set.add(ownerKind(dependency));
      }
    }
    needs.set(kind, set);
  }
  return needs;
}

/**
 * The kinds of the nodes in the order destroy deletes them: groups of kinds that can go at
 * the same time, each group before the kinds its nodes depend on.
 */
export function destroyOrder(nodes: readonly ResourceNode[]): ResourceKind[][] {
  const needs = kindDependencies(nodes);
  const levels: ResourceKind[][] = [];
  const remaining = new Set(needs.keys());
  while (remaining.size > 0) {
    // Kinds nothing remaining depends on.
    const level = [...remaining].filter(
      kind => ![...remaining].some(other => needs.get(other)!.has(kind)),
    );
    if (level.length === 0) {
      throw new Error('Resource kinds depend on each other in a cycle');
    }
    levels.push(level);
    level.forEach(kind => remaining.delete(kind));
  }
  return levels;
}

/** The nodes of one step. */
export function nodesOfStep(
  nodes: readonly ResourceNode[],
  step: ResourceNode['step'],
): ResourceNode[] {
  return nodes.filter(n => n.step === step);
}
