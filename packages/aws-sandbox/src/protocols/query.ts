import { randomUUID } from 'node:crypto';

/** A response of an AWS query-protocol (form-encoded request, XML response) service. */
export interface SandboxResponse {
  status: number;
  contentType: string;
  body: string;
}

export function parseQueryBody(body: string): URLSearchParams {
  return new URLSearchParams(body);
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata/></ActionResponse>`. */
export function queryResult(
  action: string,
  namespace: string,
  resultXml: string,
): SandboxResponse {
  return {
    status: 200,
    contentType: 'text/xml',
    body:
      `<${action}Response xmlns="${namespace}">` +
      `<${action}Result>${resultXml}</${action}Result>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
      `</${action}Response>`,
  };
}

/** The `<ErrorResponse>` document STS and IAM return for a failed call. */
export function queryError(
  status: number,
  code: string,
  message: string,
  namespace: string,
): SandboxResponse {
  return {
    status,
    contentType: 'text/xml',
    body:
      `<ErrorResponse xmlns="${namespace}"><Error>` +
      `<Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
      `<Code>${escapeXml(code)}</Code><Message>${escapeXml(
        message,
      )}</Message>` +
      `</Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}
