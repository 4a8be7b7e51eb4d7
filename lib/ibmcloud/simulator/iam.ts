import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SimError, type SimRequest, type SimResponse } from './http';

/**
 * The IAM token endpoint (docs/reference/ibmcloud-api.md §1.1, §1.2, §8). The SDK core decodes the access token as a
 * JWT and reads `exp`/`iat` to schedule refreshes, so tokens are real (HMAC-signed) JWTs.
 */
export const TOKEN_TTL_SECONDS = 3600;
const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey';

const b64 = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export function signToken(secret: string, claims: Record<string, unknown>): string {
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'sim' })}.${b64(claims)}`;
  return `${unsigned}.${b64(createHmac('sha256', secret).update(unsigned).digest())}`;
}

export function verifyToken(secret: string, token: string, nowSeconds: number): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
    return typeof claims.exp === 'number' && claims.exp > nowSeconds;
  } catch {
    return false;
  }
}

function iamError(status: number, errorCode: string, errorMessage: string, req: SimRequest): SimResponse {
  return { status, body: { context: { requestId: randomBytes(8).toString('hex'), url: `${req.baseUrl}/identity/token` }, errorCode, errorMessage } };
}

export function issueToken(req: SimRequest, secret: string, apiKey: string, nowMs: number): SimResponse {
  const form = (req.body ?? {}) as Record<string, string>;
  if (form.grant_type !== APIKEY_GRANT) return iamError(400, 'BXNIM0109E', 'Property missing or empty. Operation requires property grant_type.', req);
  if (!form.apikey || form.apikey !== apiKey) return iamError(400, 'BXNIM0415E', 'Provided API key could not be found', req);
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + TOKEN_TTL_SECONDS;
  const claims = { iam_id: 'iam-ServiceId-sim', sub: 'ServiceId-sim', account: { bss: 'sim' }, iat, exp, grant_type: APIKEY_GRANT, scope: 'ibm openid' };
  return {
    status: 200,
    body: {
      access_token: signToken(secret, claims),
      refresh_token: 'not_supported',
      token_type: 'Bearer',
      expires_in: TOKEN_TTL_SECONDS,
      expiration: exp,
      scope: 'ibm openid',
    },
  };
}

/** VPC and DNS calls need `Authorization: Bearer <token from our IAM>` (docs/reference/ibmcloud-api.md §8). */
export function requireBearer(req: SimRequest, secret: string, nowMs: number) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) throw new SimError(401, 'token_missing', 'The Authorization header is missing', { name: 'Authorization', type: 'header' });
  if (!verifyToken(secret, header.slice(7), Math.floor(nowMs / 1000))) {
    throw new SimError(401, 'token_invalid', 'The token is invalid or expired', { name: 'Authorization', type: 'header' });
  }
}

/** IAM's own error shape for a request over its rate limit, with the limiter's Retry-After. */
export function rateLimitedToken(req: SimRequest, limited: SimError): SimResponse {
  return { ...iamError(429, 'rate_limit_exceeded', limited.message, req), headers: limited.headers };
}
