import { createHash, randomBytes, randomInt } from 'node:crypto';

// Random secrets and their stored form. Links, sessions and reset tokens are 128+ bits from the
// OS's CSPRNG; the database keeps only their SHA-256, so reading the tables opens nothing.

/** A URL-safe random token of `bytes` bytes (default 16 = 128 bits). */
export function createToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex of a token or code: what the database stores and looks up. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** 8 characters a person can read aloud and type: no 0/O, 1/I/L, 5/S, 2/Z, 8/B look-alikes. */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CODE_LENGTH = 8;

export function createCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
