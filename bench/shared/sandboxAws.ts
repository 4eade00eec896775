/** The product's AWS clients pointed at a sandbox, signed with its accounts' keys. */
import { ConfigReader } from '@backstage/config';
import { DEFAULT_SANDBOX_ACCOUNTS } from '@internal/aws-sandbox';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';

export function sandboxAws(sandboxUrl: string): AwsClientFactory {
  return AwsClientFactory.fromConfig(
    new ConfigReader({
      aws: {
        accounts: Object.entries(DEFAULT_SANDBOX_ACCOUNTS).map(
          ([accessKeyId, accountId]) => ({
            accountId,
            accessKeyId,
            secretAccessKey: 'sandbox',
          }),
        ),
      },
      eksPlatform: { aws: { endpoint: sandboxUrl } },
    }),
  );
}
