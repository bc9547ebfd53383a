import { seesApiKeyDetails, seesConfigurationOf } from '../auth/policy';
import type { ApiKeyRow, PartnerIdpRow } from '../db/entities';
import type { Resolvers } from '../generated/resolvers';
import type { RequestContext } from './context';

/**
 * The field-level rules, all here: each field below reads as null unless the policy lets the
 * caller see it. Tenant viewers (and API keys) see an API key's name, dates and state but not
 * its prefix or scopes, and of a partner identity provider only its issuer and dates.
 */
const ofKey =
  <F extends keyof ApiKeyRow>(field: F) =>
  (key: ApiKeyRow, _: unknown, ctx: RequestContext) =>
    seesApiKeyDetails(ctx.actor, key) ? key[field] : null;

const ofIdp =
  <T>(read: (idp: PartnerIdpRow) => T) =>
  (idp: PartnerIdpRow, _: unknown, ctx: RequestContext) =>
    seesConfigurationOf(ctx.actor, idp.tenantId) ? read(idp) : null;

export const restrictedFields: Pick<Resolvers<RequestContext>, 'ApiKey' | 'PartnerIdp'> = {
  ApiKey: {
    prefix: ofKey('prefix'),
    scopes: ofKey('scopes'),
  },
  PartnerIdp: {
    audience: ofIdp((idp) => idp.audience),
    jwksUrl: ofIdp((idp) => idp.jwksUrl),
    jwks: ofIdp((idp) => (idp.jwks ? JSON.stringify(idp.jwks) : null)),
    clockSkewSeconds: ofIdp((idp) => idp.clockSkewSeconds),
  },
};
