import { authenticator } from 'otplib';
import QRCode from 'qrcode';

const stepSeconds = 30;
/** One step either side: phone clocks drift, and a code typed late arrives in the next step. */
const window = 1;
const issuer = 'Cairn';

/** 160 random bits, base32 as authenticator apps expect (RFC 4226 recommends 160). */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export interface TotpEnrolmentOffer {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

export async function enrolmentOffer(email: string, secret: string): Promise<TotpEnrolmentOffer> {
  const otpauthUri = authenticator.keyuri(email, issuer, secret);
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrCodeDataUrl };
}

/**
 * The time step `code` belongs to when it is valid at `now` (within the window), else null.
 * Callers refuse a step at or before the last one accepted: that is a replayed code.
 */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = authenticator
    .clone({ window, step: stepSeconds, epoch: now })
    .checkDelta(code, secret);
  return delta === null ? null : Math.floor(now / 1000 / stepSeconds) + delta;
}
