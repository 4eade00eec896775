import { Config } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** The settings every AWS SDK v3 client constructor accepts and this factory sets. */
export interface AwsClientSettings {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'adaptive';
}

/** Which account and region a client acts in. */
export interface AwsTarget {
  accountId: string;
  region: string;
}

const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Builds AWS SDK v3 clients for a given account and region, with credentials from the
 * `aws` config section (`@backstage/integration-aws-node`), the SDK's adaptive retries,
 * and the optional endpoint of `eksPlatform.aws.endpoint`.
 */
export class AwsClientFactory {
  static fromConfig(config: Config): AwsClientFactory {
    const awsConfig = config.getOptionalConfig('eksPlatform.aws');
    const endpoint = awsConfig?.getOptionalString('endpoint');
    if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
      throw new Error(
        `eksPlatform.aws.endpoint must be an http(s) URL, got '${endpoint}'`,
      );
    }
    const maxAttempts =
      awsConfig?.getOptionalNumber('maxAttempts') ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new Error(
        `eksPlatform.aws.maxAttempts must be a positive integer, got ${maxAttempts}`,
      );
    }
    return new AwsClientFactory(
      DefaultAwsCredentialsManager.fromConfig(config),
      { endpoint, maxAttempts },
    );
  }

  constructor(
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly options: { endpoint?: string; maxAttempts: number },
  ) {}

  /** The settings to construct any SDK client for the target with. */
  async settingsFor(target: AwsTarget): Promise<AwsClientSettings> {
    const { sdkCredentialProvider } =
      await this.credentialsManager.getCredentialProvider({
        accountId: target.accountId,
      });
    return {
      region: target.region,
      credentials: sdkCredentialProvider,
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      maxAttempts: this.options.maxAttempts,
      retryMode: 'adaptive',
    };
  }

  /** Constructs an SDK client, e.g. `factory.create(EKSClient, { accountId, region })`. */
  async create<TClient>(
    ClientClass: new (settings: AwsClientSettings) => TClient,
    target: AwsTarget,
  ): Promise<TClient> {
    return new ClientClass(await this.settingsFor(target));
  }
}
