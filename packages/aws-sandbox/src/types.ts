/** A signed request after the sandbox has resolved who sent it. */
export interface SandboxRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  region: string;
  accountId: string;
}
