// Password hashing with scrypt (node:crypto), a memory-hard KDF: random salt, parameters stored with the hash.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two: 128·N·r bytes of memory (32 MiB at 2^15, r = 8). */
  N: number;
  r: number;
  p: number;
}

/**
 * One of the equivalent minimums of the OWASP Password Storage Cheat Sheet (N = 2^17, r = 8, p = 1 or,
 * with less memory per hash, N = 2^15, r = 8, p = 3): about 0.35 s per log-in on one core.
 */
export const SCRYPT_DEFAULT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scryptAsync(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node's default limit (32 MiB) is exactly 128·N·r at 2^15; leave headroom.
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (salt and hash in base64): self-describing, so the cost can rise later. */
export async function passwordHash(password: string, params: ScryptParams = SCRYPT_DEFAULT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parse(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Refuse parameters no hash of ours has: a tampered row must not make a log-in take minutes.
  const sane = (x: number, max: number) => Number.isInteger(x) && x >= 1 && x <= max;
  if (!sane(N, 2 ** 20) || (N & (N - 1)) !== 0 || !sane(r, 32) || !sane(p, 16)) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || key.length !== KEY_LENGTH) return undefined;
  return { params: { N, r, p }, salt, key };
}

/** Whether `password` matches `encoded`, compared in constant time; a malformed hash matches nothing. */
export async function passwordVerify(password: string, encoded: string): Promise<boolean> {
  const parsed = parse(encoded);
  if (!parsed) return false;
  const key = await scryptAsync(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** A hash of nothing in particular: verified against when the username is unknown, so timing does not tell. */
let decoy: Promise<string> | undefined;
export function passwordDecoyHash(): Promise<string> {
  decoy ??= passwordHash(randomBytes(16).toString('hex'));
  return decoy;
}
