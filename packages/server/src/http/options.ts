// How the app is set up: where the web app is, the clock, proxy trust, login slow-down, password cost.
import type { Context } from 'hono';
import type { ScryptParams } from '../auth/password.ts';
import type { NotificationChannel } from '../notify/index.ts';
import type { Workspace } from '../services/workspace.ts';

export interface AppOptions {
  /** Built web app (packages/web/dist) to serve at /; without it, the server-rendered progress page. */
  webDist?: string;
  /** Clock (tests move it to expire sessions and throttling windows). */
  now?: () => Date;
  /**
   * Behind one reverse proxy you run: take the client IP from the last X-Forwarded-For entry and the
   * scheme/host from X-Forwarded-Proto/-Host. Off by default (a client could forge them).
   */
  trustProxy?: boolean;
  /** Pause added to every failed log-in (default 300 ms). */
  loginFailureDelayMs?: number;
  /** scrypt cost for new password hashes (default SCRYPT_DEFAULT). */
  passwordParams?: ScryptParams;
  /** The reminder channels (default: in-app, plus e-mail and webhook when their env variables are set). */
  notificationChannels?: (ws: Workspace) => NotificationChannel[];
}

export interface ResolvedAppOptions {
  webDist: string | undefined;
  now: () => Date;
  trustProxy: boolean;
  loginFailureDelayMs: number;
  passwordParams: ScryptParams | undefined;
  notificationChannels: ((ws: Workspace) => NotificationChannel[]) | undefined;
}

export function appOptionsResolve(options: AppOptions = {}): ResolvedAppOptions {
  return {
    webDist: options.webDist,
    now: options.now ?? (() => new Date()),
    trustProxy: options.trustProxy ?? false,
    loginFailureDelayMs: options.loginFailureDelayMs ?? 300,
    passwordParams: options.passwordParams,
    notificationChannels: options.notificationChannels,
  };
}

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } } | undefined;

/** The caller's IP: the socket's peer (node-server), or the proxy's X-Forwarded-For when trusted. */
export function requestIp(c: Context, options: ResolvedAppOptions): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as NodeBindings)?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Whether the browser reached us over https (cookies are then Secure). */
export function requestIsHttps(c: Context, options: ResolvedAppOptions): boolean {
  if (options.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

/** host[:port] the browser addressed (node-server builds the URL from the Host header). */
export function requestHost(c: Context, options: ResolvedAppOptions): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.toLowerCase();
  }
  return new URL(c.req.url).host.toLowerCase();
}
