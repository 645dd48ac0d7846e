import type { Store } from '../data/store.js';
import { generateToken, hashToken, tokenMatches } from './secrets.js';

const ADMIN_TOKEN_HASH = 'admin_token_sha256';

/** Checks the admin token; only its hash is ever held. */
export class AdminAuth {
  constructor(private readonly hash: string) {}

  verify(presented: string | undefined): boolean {
    return presented !== undefined && presented !== '' && tokenMatches(this.hash, presented);
  }
}

/**
 * The admin token of this data dir. A configured token wins (its hash replaces the stored one);
 * otherwise the stored hash is kept across restarts; only on the very first start is a token
 * generated, and then it is returned so the caller can show it once.
 */
export async function initAdminAuth(
  store: Store,
  configured: string | undefined,
): Promise<{ auth: AdminAuth; generated?: string }> {
  if (configured !== undefined) {
    const hash = hashToken(configured);
    await store.putSetting(ADMIN_TOKEN_HASH, hash);
    return { auth: new AdminAuth(hash) };
  }
  const stored = await store.getSetting(ADMIN_TOKEN_HASH);
  if (stored !== undefined) return { auth: new AdminAuth(stored) };
  const generated = generateToken();
  const hash = hashToken(generated);
  await store.putSetting(ADMIN_TOKEN_HASH, hash);
  return { auth: new AdminAuth(hash), generated };
}

/** The token from `Authorization: Bearer <token>`, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

const FORM = 'Authorization: Bearer <admin token>';

/** Why a request whose Authorization header was refused did not pass, saying what to send. */
export function authRefusal(header: string | undefined): string {
  if (header === undefined) return `this needs an ${FORM} header`;
  const scheme = /^\s*(\S+)/.exec(header)?.[1];
  if (scheme === undefined) return `the Authorization header is empty; send ${FORM}`;
  if (scheme.toLowerCase() !== 'bearer') {
    // Cut short: the header is the client's own text, up to 16 KiB of it.
    return `the Authorization header uses the "${scheme.slice(0, 32)}" scheme; send ${FORM}`;
  }
  if (bearerToken(header) === undefined) {
    return `the Authorization header is not of the form ${FORM}`;
  }
  return 'the bearer token is not the admin token';
}
