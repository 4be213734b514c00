// Delivery of finished messages through the channels, recorded in the send log (issue 11 §4): each message
// key goes out at most once per channel, failures are retried with backoff, and one channel's failure never
// stops the others.
import type { NotificationSend, Repositories } from '../repositories/index.ts';
import { ChannelError, type NotificationChannel, type OutgoingMessage } from './channel.ts';

export interface DispatchOptions {
  /** The time of this run (tests pass it instead of sleeping); default now. */
  now?: Date;
  /** Deliveries tried before a row is dead; default 5. */
  maxAttempts?: number;
  /** Milliseconds to wait after the n-th failed delivery (n ≥ 1); default 1, 5, 30, 120, 360 minutes. */
  backoff?: (failures: number) => number;
  /**
   * How long a claimed row may stay pending before another run takes it for abandoned (its sender crashed
   * between claim and result); default 5 minutes, longer than any channel's timeout.
   */
  claimTimeoutMs?: number;
}

export type SkipReason = 'already_sent' | 'in_progress' | 'not_due' | 'dead' | 'unreachable';

export type DispatchOutcome =
  | { outcome: 'sent'; detail?: string }
  | { outcome: 'skipped'; reason: SkipReason }
  | { outcome: 'failed'; error: string; nextAttemptAt: string }
  | { outcome: 'dead'; error: string };

/** One message × channel of a run; `sendId` is the send-log row (none when the channel cannot reach). */
export type DispatchDetail = { key: string; channel: string; sendId?: number } & DispatchOutcome;

export interface DispatchSummary {
  sent: number;
  skipped: number;
  failed: number;
  dead: number;
  details: DispatchDetail[];
}

const MINUTE = 60_000;
const BACKOFF_MINUTES = [1, 5, 30, 120, 360];

export function notificationBackoffDefault(failures: number): number {
  const i = Math.min(Math.max(failures, 1), BACKOFF_MINUTES.length) - 1;
  return (BACKOFF_MINUTES[i] ?? 1) * MINUTE;
}

interface RunSettings {
  now: Date;
  maxAttempts: number;
  backoff: (failures: number) => number;
  leaseUntil: string;
}

function settingsOf(options: DispatchOptions): RunSettings {
  const now = options.now ?? new Date();
  return {
    now,
    maxAttempts: options.maxAttempts ?? 5,
    backoff: options.backoff ?? notificationBackoffDefault,
    leaseUntil: new Date(now.getTime() + (options.claimTimeoutMs ?? 5 * MINUTE)).toISOString(),
  };
}

/**
 * Send each message through each channel that reaches its recipient, once per key and channel ever: the
 * (key, channel) row is claimed first, so a second run — after a restart, or on another instance — skips
 * what was sent, retries what failed when it is due, and takes over a claim left pending too long.
 * One window remains: a sender that dies after the channel accepted but before the row says sent has it
 * sent again once the claim lapses — hence the key travels with every delivery (X-Ding-Delivery, a
 * Message-ID derived from it) for the receiving end to drop the repeat.
 */
export async function notificationsDispatch(
  repos: Pick<Repositories, 'notificationSends'>,
  channels: readonly NotificationChannel[],
  messages: readonly OutgoingMessage[],
  options: DispatchOptions = {},
): Promise<DispatchSummary> {
  const run = settingsOf(options);
  const details: DispatchDetail[] = [];
  for (const message of messages) {
    for (const channel of channels) {
      if (!channel.reaches(message.recipient)) {
        details.push({ key: message.key, channel: channel.name, outcome: 'skipped', reason: 'unreachable' });
        continue;
      }
      const claim = await repos.notificationSends.claim(
        { channel: channel.name, recipientAddress: channel.address(message.recipient), message },
        run.leaseUntil,
        run.now.toISOString(),
      );
      details.push(claim.claimed ? await deliver(repos, channel, claim.send, run) : skipped(claim.send));
    }
  }
  return summarize(details);
}

/**
 * Send again the failed rows whose retry time has passed and the pending rows abandoned mid-send, for the
 * given channels, each rebuilt from what the log stored (the newest content of its key).
 */
export async function notificationsRetryDue(
  repos: Pick<Repositories, 'notificationSends'>,
  channels: readonly NotificationChannel[],
  options: DispatchOptions = {},
): Promise<DispatchSummary> {
  const run = settingsOf(options);
  const byName = new Map<string, NotificationChannel>(channels.map((c) => [c.name, c]));
  const due = await repos.notificationSends.due([...byName.keys()], run.now.toISOString());
  const details: DispatchDetail[] = [];
  for (const row of due) {
    const channel = byName.get(row.channel);
    if (!channel) continue;
    const claim = await repos.notificationSends.claimStored(row, run.leaseUntil, run.now.toISOString());
    details.push(claim.claimed ? await deliver(repos, channel, claim.send, run) : skipped(claim.send));
  }
  return summarize(details);
}

/** Send a claimed row and record the result; whatever the channel throws is recorded, never rethrown. */
async function deliver(
  repos: Pick<Repositories, 'notificationSends'>,
  channel: NotificationChannel,
  send: NotificationSend,
  run: RunSettings,
): Promise<DispatchDetail> {
  const at = { key: send.key, channel: send.channel, sendId: send.id };
  let result: { detail?: string };
  try {
    result = await channel.send(send.message);
  } catch (e) {
    const error =
      e instanceof ChannelError ? e : new ChannelError(errorText(e), { retryable: true, cause: e });
    const failures = send.attempts + 1;
    const retry = error.retryable && failures < run.maxAttempts;
    const nextAttemptAt = retry ? new Date(run.now.getTime() + run.backoff(failures)).toISOString() : null;
    await repos.notificationSends.markFailed(send.id, error.message, nextAttemptAt);
    return nextAttemptAt
      ? { ...at, outcome: 'failed', error: error.message, nextAttemptAt }
      : { ...at, outcome: 'dead', error: error.message };
  }
  await repos.notificationSends.markSent(send.id, run.now.toISOString());
  return { ...at, outcome: 'sent', ...result };
}

function skipped(send: NotificationSend): DispatchDetail {
  return {
    key: send.key,
    channel: send.channel,
    sendId: send.id,
    outcome: 'skipped',
    reason: skipReason(send),
  };
}

function skipReason(send: NotificationSend): SkipReason {
  switch (send.status) {
    case 'sent':
      return 'already_sent';
    case 'dead':
      return 'dead';
    case 'pending':
      return 'in_progress';
    case 'failed':
      return 'not_due';
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}

function summarize(details: DispatchDetail[]): DispatchSummary {
  const count = (outcome: DispatchOutcome['outcome']) => details.filter((d) => d.outcome === outcome).length;
  return {
    sent: count('sent'),
    skipped: count('skipped'),
    failed: count('failed'),
    dead: count('dead'),
    details,
  };
}
