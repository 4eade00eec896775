/**
 * Time in the sandbox. Lifecycle transitions take AWS's real durations multiplied by
 * `timeScale` (1 = as slow as AWS, 0.01 in tests), and are computed from timestamps when
 * read, so nothing runs timers in the background.
 */
export class SandboxClock {
  constructor(
    readonly timeScale: number,
    private readonly nowMs: () => number = Date.now,
  ) {
    if (!(timeScale >= 0)) {
      throw new Error(`timeScale must be >= 0, got ${timeScale}`);
    }
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMillis(): number {
    return this.nowMs();
  }

  /** Milliseconds a transition AWS completes in `awsSeconds` takes here. */
  scaledMillis(awsSeconds: number): number {
    return awsSeconds * 1000 * this.timeScale;
  }

  /** Whether a transition started at `startedAtMs`, lasting `awsSeconds` on AWS, is over. */
  hasElapsed(startedAtMs: number, awsSeconds: number): boolean {
    return this.nowMs() - startedAtMs >= this.scaledMillis(awsSeconds);
  }
}

/** Durations of AWS lifecycle transitions, in AWS seconds (before scaling). */
export const AWS_DURATIONS = {
  clusterCreate: 600,
  clusterDelete: 300,
  nodegroupCreate: 180,
  nodegroupDelete: 180,
  addonCreate: 60,
  addonDelete: 30,
  natGatewayCreate: 120,
  natGatewayDelete: 60,
  /**
   * IAM is eventually consistent: "changes that you make ... take time to become visible
   * ... a few seconds" to other services (IAM User Guide, "Troubleshoot IAM", Changes that I
   * make are not always immediately visible). Terraform's AWS provider retries EKS creates for
   * up to two minutes after a role is made for this reason.
   */
  iamPropagation: 10,
  /**
   * EC2 is eventually consistent: a resource just created may be unknown to other calls
   * for "a brief period" ("Eventual consistency in the Amazon EC2 API", EC2 API reference);
   * a NAT gateway named by CreateRoute right after CreateNatGateway is the case the
   * Terraform AWS provider retries (InvalidNatGatewayID.NotFound).
   */
  ec2EventualConsistency: 2,
  /** An Application Load Balancer is `provisioning` for a few minutes before `active`. */
  loadBalancerCreate: 180,
  /**
   * After DeleteLoadBalancer, EC2 keeps the load balancer's network interfaces for a few
   * minutes, so its subnets and security groups still answer DependencyViolation
   * ("Troubleshoot dependency errors when deleting a VPC", AWS Knowledge Center; tools
   * that destroy VPCs retry for this, e.g. alchemy-run/alchemy#1125).
   */
  loadBalancerEniRelease: 120,
} as const;
