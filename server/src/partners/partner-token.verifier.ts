import { ErrorCode } from '@cairn/schema';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload, JWTVerifyGetKey, JWTVerifyOptions, KeyLike } from 'jose';
import type { PartnerIdpRow } from '../db/entities';
import { AppError, UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';
import { partnerAlgorithms } from './partner-idp-input';

/** Fetching a partner's keys failed: the partner's problem or the network's, worth a retry. */
class KeysUnavailable extends Error {}

/** jose's error codes that mean the token itself is bad, as the message an integrator reads. */
const tokenFaults: Record<string, string> = {
  ERR_JWT_EXPIRED: 'the partner token has expired',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: "the partner token's signature does not verify",
  ERR_JWKS_NO_MATCHING_KEY: "no key of the identity provider matches the token's kid and alg",
  ERR_JOSE_ALG_NOT_ALLOWED: `the partner token's alg is not one of ${partnerAlgorithms.join(', ')}`,
  ERR_JWS_INVALID: 'the partner token is not a valid signed JWT',
  ERR_JWT_INVALID: 'the partner token is not a valid JWT',
  ERR_JOSE_NOT_SUPPORTED: "the partner token's algorithm or key is not supported",
};

const claimFaults: Record<string, string> = {
  nbf: 'the partner token is not valid yet (nbf)',
  iss: 'the partner token has another issuer',
  aud: 'the partner token is meant for another audience',
};

export interface PartnerClaims extends JWTPayload {
  sub: string;
}

/**
 * Verifies partner JWTs with jose against the identity provider's keys. Key sets are kept per
 * provider version: a remote set refetches on its own schedule (and on an unknown kid, at most
 * every 30 seconds), so a flood of bad tokens cannot make the server hammer the partner.
 */
export class PartnerTokenVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly log: Logger) {}

  /** The unverified issuer, to pick the identity provider that must then verify the token. */
  static issuerOf(token: string): string {
    try {
      const { iss } = decodeJwt(token);
      if (typeof iss === 'string') return iss;
    } catch {
      // Reported below like any token that names no issuer.
    }
    throw new UnauthenticatedError('the partner token is not a JWT with an iss claim');
  }

  async verify(idp: PartnerIdpRow, token: string): Promise<PartnerClaims> {
    const options: JWTVerifyOptions = {
      issuer: idp.issuer,
      audience: idp.audience,
      algorithms: [...partnerAlgorithms],
      clockTolerance: idp.clockSkewSeconds,
      requiredClaims: ['exp', 'sub'],
    };
    try {
      const { payload } = await jwtVerify(token, this.keySetOf(idp), options).catch(
        (error: unknown) => tryEachCandidate(error, token, options),
      );
      return { ...payload, sub: payload.sub! };
    } catch (error) {
      throw this.refusal(idp, error);
    }
  }

  private keySetOf(idp: PartnerIdpRow): JWTVerifyGetKey {
    const cacheKey = `${idp.id}@${idp.updatedAt.getTime()}`;
    let keySet = this.keySets.get(cacheKey);
    if (!keySet) {
      keySet = idp.jwksUrl
        ? remoteKeySet(new URL(idp.jwksUrl))
        : createLocalJWKSet(idp.jwks as unknown as JSONWebKeySet);
      // Settings changes leave old entries behind; a rare full reset bounds the map.
      if (this.keySets.size > 1000) this.keySets.clear();
      this.keySets.set(cacheKey, keySet);
    }
    return keySet;
  }

  private refusal(idp: PartnerIdpRow, error: unknown): AppError {
    if (error instanceof AppError) return error;
    if (error instanceof KeysUnavailable) {
      this.log.warn({ err: error.cause, idpId: idp.id }, 'partner JWKS could not be fetched');
      return new AppError(
        ErrorCode.Internal,
        "the identity provider's signing keys could not be fetched; try again later",
      );
    }
    const code = joseCode(error);
    const claim = (error as { claim?: unknown }).claim;
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && typeof claim === 'string') {
      return new UnauthenticatedError(
        claimFaults[claim] ?? `the partner token's ${claim} claim is missing or wrong`,
      );
    }
    const fault = code ? tokenFaults[code] : undefined;
    if (fault) return new UnauthenticatedError(fault);
    this.log.warn({ err: error, idpId: idp.id }, 'partner token refused for an unexpected reason');
    return new UnauthenticatedError('the partner token could not be verified');
  }
}

/**
 * A token naming no kid may match several keys of the set (jose hands them over on the error):
 * the first whose signature verifies decides; if none does, the signature is what failed.
 */
async function tryEachCandidate(error: unknown, token: string, options: JWTVerifyOptions) {
  if (joseCode(error) !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw error;
  for await (const key of error as AsyncIterable<KeyLike>) {
    try {
      return await jwtVerify(token, key, options);
    } catch (attempt) {
      if (joseCode(attempt) !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') throw attempt;
    }
  }
  throw new errors.JWSSignatureVerificationFailed();
}

/** A remote key set whose fetch failures are told apart from tokens no key matches. */
function remoteKeySet(url: URL): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, { timeoutDuration: 5000 });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      const code = joseCode(error);
      if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') {
        throw error;
      }
      throw new KeysUnavailable('fetching the JWKS failed', { cause: error });
    }
  };
}

function joseCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
  return typeof code === 'string' ? code : undefined;
}
