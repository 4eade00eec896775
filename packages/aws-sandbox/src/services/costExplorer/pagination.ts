/**
 * NextPageToken handling. A token carries the offset of the next page and a fingerprint
 * of the request, so a token replayed with other parameters fails like on AWS.
 */
import { createHash } from 'node:crypto';
import { AwsError } from '../../core/types';

interface PageToken {
  offset: number;
  fingerprint: string;
}

function fingerprintOf(request: object): string {
  const { NextPageToken: _ignored, ...parameters } = request as {
    NextPageToken?: string;
  };
  return createHash('sha256')
    .update(JSON.stringify(parameters))
    .digest('hex')
    .slice(0, 16);
}

export function encodePageToken(request: object, offset: number): string {
  const token: PageToken = { offset, fingerprint: fingerprintOf(request) };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/** The offset a request's NextPageToken points to (0 without a token). */
export function decodePageToken(
  request: object & { NextPageToken?: string },
): number {
  if (!request.NextPageToken) return 0;
  let token: Partial<PageToken>;
  try {
    token = JSON.parse(
      Buffer.from(request.NextPageToken, 'base64url').toString('utf8'),
    );
  } catch {
    token = {};
  }
  if (
    typeof token.offset !== 'number' ||
    !Number.isInteger(token.offset) ||
    token.offset < 0 ||
    typeof token.fingerprint !== 'string'
  ) {
    throw new AwsError(
      'InvalidNextTokenException',
      'The pagination token is invalid. Try again without a pagination token.',
      400,
    );
  }
  if (token.fingerprint !== fingerprintOf(request)) {
    throw new AwsError(
      'RequestChangedException',
      'Your request parameters changed between pages. Try again with the old parameters or without a pagination token.',
      400,
    );
  }
  return token.offset;
}
