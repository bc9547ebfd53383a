import type pg from 'pg';
import type { TenantStatus } from '../auth/actor';
import type { Access } from '../auth/policy';
import { checkTenantStatus } from '../auth/policy';
import type { RateLimits } from '../auth/rate-limits';
import type { ChunkClaims } from '../files/chunk-tokens';

/** Admits one chunk request: throws FORBIDDEN or RATE_LIMITED, or lets it through. */
export type DataPlaneGate = (claims: ChunkClaims, access: Access) => Promise<void>;

/**
 * Chunk tokens are signed for a while, so the tenant's status is read at each request: a
 * suspension or a switch to read-only stops tokens already handed out.
 */
export function dataPlaneGate(pool: pg.Pool, limits: RateLimits): DataPlaneGate {
  return async (claims, access) => {
    const { rows } = await pool.query<{ status: TenantStatus }>(
      'select status from tenant where id = $1',
      [claims.tenantId],
    );
    checkTenantStatus(rows[0]?.status ?? 'SUSPENDED', access);
    await limits.dataPlane(claims);
  };
}
