import { CloudError } from '@/lib/ibmcloud/errors';
import { AppError, ConflictError, UnavailableError, ValidationError } from './errors';

/**
 * Turns a cloud failure on an operator's request into the HTTP error it deserves: IBM refusing the
 * input is the caller's problem (422/409), anything else means the cloud is unavailable (503).
 */
export function asRequestError(err: unknown, field = '(body)'): unknown {
  if (!(err instanceof CloudError) || err instanceof AppError) return err;
  if (err.kind === 'validation') return new ValidationError(`IBM Cloud refused the request: ${err.message}`, [{ field, message: err.message }]);
  if (err.kind === 'conflict') return new ConflictError(`IBM Cloud refused the request: ${err.message}`);
  return new UnavailableError(`IBM Cloud did not complete the request (${err.code}${err.trace ? `, trace ${err.trace}` : ''})`);
}
