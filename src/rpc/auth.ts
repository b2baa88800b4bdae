// HTTP basic auth as Supervisor checks it: plain password, or `{SHA}` + hex sha1 of the password.
import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let crypto: Crypto | null = null;

/** node:crypto costs ~2 MiB of RSS: loaded on the first authenticated request, not at startup. */
function loadCrypto(): Crypto {
  crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto;
  return crypto;
}

export type AuthVerdict = 'ok' | 'unauthorized' | 'malformed';

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && loadCrypto().timingSafeEqual(x, y);
}

export function passwordMatches(stored: string, given: string): boolean {
  if (stored.startsWith('{SHA}')) {
    const digest = loadCrypto().createHash('sha1').update(given, 'utf8').digest('hex');
    return sameText(stored.slice(5), digest);
  }
  return sameText(stored, given);
}

/** Judges an Authorization header against the configured credentials. */
export function checkBasicAuth(header: string | undefined, username: string, password: string): AuthVerdict {
  if (!header) return 'unauthorized';
  const match = /^\s*(\S+)\s+(.*)$/.exec(header);
  if (!match || match[1].toLowerCase() !== 'basic') return 'unauthorized';
  const cookie = match[2].trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cookie)) return 'malformed';
  const decoded = Buffer.from(cookie, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // Supervisor splits on the first colon; no colon can never match a user
  if (colon < 0) return 'unauthorized';
  const ok = sameText(decoded.slice(0, colon), username) && passwordMatches(password, decoded.slice(colon + 1));
  return ok ? 'ok' : 'unauthorized';
}
