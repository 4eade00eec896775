import { randomUUID } from 'node:crypto';
import { AwsError, SandboxResponse, SignedRequest } from '../core/types';
import { escapeXml, renderXml, XmlValue } from './xml';

/** The `Action` parameter of a form-encoded query-protocol request. */
export function queryOperation(request: SignedRequest): string | undefined {
  return new URLSearchParams(request.body).get('Action') ?? undefined;
}

function xmlResponse(status: number, body: string): SandboxResponse {
  return { status, headers: { 'content-type': 'text/xml' }, body };
}

/** EC2: `<CreateVpcResponse><requestId/>…fields…</CreateVpcResponse>`. */
export function ec2Result(
  operation: string,
  fields: Record<string, XmlValue>,
): SandboxResponse {
  return xmlResponse(
    200,
    `<${operation}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
      `<requestId>${randomUUID()}</requestId>${renderXml(fields, 'item')}` +
      `</${operation}Response>`,
  );
}

/** EC2 errors: `<Response><Errors><Error><Code/><Message/></Error></Errors>`. */
export function ec2Error(error: AwsError): SandboxResponse {
  return xmlResponse(
    error.status,
    `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error>` +
      `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(
        error.message,
      )}</Message>` +
      `</Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`,
  );
}

/** IAM and STS: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata/>`. */
export function memberResult(
  operation: string,
  namespace: string,
  fields: Record<string, XmlValue>,
): SandboxResponse {
  return xmlResponse(
    200,
    `<${operation}Response xmlns="${namespace}">` +
      `<${operation}Result>${renderXml(
        fields,
        'member',
      )}</${operation}Result>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
      `</${operation}Response>`,
  );
}

/** IAM and STS errors: `<ErrorResponse><Error><Type/><Code/><Message/></Error>`. */
export function memberError(
  error: AwsError,
  namespace: string,
): SandboxResponse {
  return xmlResponse(
    error.status,
    `<ErrorResponse xmlns="${namespace}"><Error>` +
      `<Type>${error.status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
      `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(
        error.message,
      )}</Message>` +
      `</Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}
