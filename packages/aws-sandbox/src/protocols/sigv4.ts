/** What the SigV4 `Authorization` header says about a request. */
export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Reads the credential scope of a SigV4-signed request. Like LocalStack, the sandbox routes
 * on the scope's service name, so every SDK client can share one endpoint.
 */
export function parseCredentialScope(
  authorization: string | undefined,
): CredentialScope | undefined {
  const match = authorization?.match(CREDENTIAL);
  if (!match) {
    return undefined;
  }
  const [, accessKeyId, region, service] = match;
  return { accessKeyId, region, service };
}
