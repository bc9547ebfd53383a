import { checkTenantStatus } from '../auth/policy';
import { UnauthenticatedError } from '../errors';
import type { EndUserService } from '../identity/end-users.service';
import type { TenantService } from '../identity/tenants.service';
import type { PartnerIdpService } from './partner-idps.service';
import { PartnerTokenVerifier } from './partner-token.verifier';

const userTokenTtlSeconds = 3600;

/**
 * An end user signs in with a JWT from the tenant's partner identity provider instead of a token
 * the partner backend minted. Every way the token can be wrong answers UNAUTHENTICATED; the
 * tenant's status is told only to someone whose token verified.
 */
export class PartnerSignIn {
  constructor(
    private readonly idps: PartnerIdpService,
    private readonly verifier: PartnerTokenVerifier,
    private readonly tenants: TenantService,
    private readonly endUsers: EndUserService,
  ) {}

  async signIn(tenantId: string, token: string) {
    const issuer = PartnerTokenVerifier.issuerOf(token);
    const idp = await this.idps.byIssuer(tenantId, issuer);
    if (!idp) {
      throw new UnauthenticatedError('this tenant has no partner identity provider of that issuer');
    }
    const claims = await this.verifier.verify(idp, token);
    if (claims.sub.length === 0 || claims.sub.length > 256 || claims.sub.trim() !== claims.sub) {
      throw new UnauthenticatedError("the partner token's sub is not a usable user id");
    }
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) throw new UnauthenticatedError();
    // Signing in may create the user: a write, as minting a token with an API key is.
    checkTenantStatus(tenant.status, 'write');
    return this.endUsers.mintToken(tenantId, claims.sub, {
      source: { idp: idp.id },
      ttlSeconds: userTokenTtlSeconds,
      notAfter: null,
    });
  }
}
