import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';

/** What a token says: its user, the user's token version when issued, and when the session began. */
export interface SessionClaims {
  sub: number;
  ver: number;
  /** Login time (seconds): the session ends JWT_EXPIRES_IN after it, renewed or not. */
  sess: number;
  iat: number;
  exp: number;
}

/** The one algorithm accepted: a token signed otherwise (or `none`) is refused. */
const ALGORITHM = 'HS256';

/** The header that carries a renewed token back to a client in use (the UI stores it). */
export const RENEWED_TOKEN_HEADER = 'X-Access-Token';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** How many verified tokens are kept (see Sessions.verified). */
const VERIFIED_TOKENS = 1024;

/**
 * Login tokens. Each lives SESSION_IDLE_MINUTES and is renewed while the session is in use, so an idle
 * session ends after that time; no renewal goes past JWT_EXPIRES_IN from the login. A token is refused
 * unless signed with HS256 by our secret, with `iat`, `exp` and a life no longer than the idle time.
 */
@Injectable()
export class Sessions {
  private readonly idleSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.idleSeconds = Math.max(1, Math.round(config.sessionIdleMinutes * 60));
  }

  async issue(user: { id: number; tokenVersion: number }, sess = seconds(Date.now())) {
    const iat = seconds(Date.now());
    const exp = Math.min(iat + this.idleSeconds, sess + this.config.sessionLifeSeconds);
    const accessToken = await this.jwt.signAsync({ sub: user.id, ver: user.tokenVersion, sess, iat, exp }, { algorithm: ALGORITHM });
    return { accessToken, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async verify(token: string): Promise<SessionClaims> {
    const known = this.verified.get(token);
    // Checked again each time: a token verified earlier is refused once it expires, as jsonwebtoken would.
    if (known && seconds(Date.now()) < known.exp) return known;
    const claims = await this.verifySignature(token);
    this.verified.delete(token); // re-inserted last: the map stays bounded, oldest first out
    this.verified.set(token, claims);
    for (const oldest of this.verified.keys()) {
      if (this.verified.size <= VERIFIED_TOKENS) break;
      this.verified.delete(oldest);
    }
    return claims;
  }

  /**
   * Tokens whose signature and claims were verified, with their claims: a session's requests send the
   * same token until it is renewed, and checking the signature and parsing the token again was a tenth
   * of what a request cost. A token's claims never change; the user's token version, which logout and
   * the like raise, is compared on every request (AuthGuard), not here.
   */
  private readonly verified = new Map<string, SessionClaims>();

  private async verifySignature(token: string): Promise<SessionClaims> {
    let claims: Partial<SessionClaims>;
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: [ALGORITHM] });
    } catch {
      throw new UnauthorizedException('登录已失效 / invalid or expired token');
    }
    const { sub, ver, sess, iat, exp } = claims;
    const numbers = [sub, ver, sess, iat, exp].every((n) => typeof n === 'number' && Number.isFinite(n));
    if (!numbers || exp! - iat! > this.idleSeconds || exp! - sess! > this.config.sessionLifeSeconds || iat! < sess!) {
      throw new UnauthorizedException('登录已失效 / invalid or expired token');
    }
    return claims as SessionClaims;
  }

  /**
   * A fresh token for a session in use, once a quarter of the idle time (at most a minute) has passed
   * since the token was issued; none when the session's whole life is reached.
   */
  async renewal(claims: SessionClaims, tokenVersion: number) {
    const now = seconds(Date.now());
    if (now - claims.iat < Math.min(60, this.idleSeconds / 4)) return null;
    if (claims.exp >= claims.sess + this.config.sessionLifeSeconds) return null;
    const known = this.renewed.get(claims);
    if (known?.at === now && known.tokenVersion === tokenVersion) return known.token;
    const { accessToken } = await this.issue({ id: claims.sub, tokenVersion }, claims.sess);
    this.renewed.set(claims, { at: now, tokenVersion, token: accessToken });
    return accessToken;
  }

  /**
   * The renewal last issued for a token's claims (the object kept with the verified token), in the
   * second it was signed: a token signed again in the same second for the same version is the same
   * bytes (HS256, same claims), so a burst of requests with one token signs it once, not once each.
   */
  private readonly renewed = new WeakMap<SessionClaims, { at: number; tokenVersion: number; token: string }>();
}
