import { createHash } from 'node:crypto';

/** The SHA-256 (hex) of a token: all the store ever keeps of it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
