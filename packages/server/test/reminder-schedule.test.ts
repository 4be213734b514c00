// The daily reminder run of `ding serve` on a fixed clock: nothing before the day's hour (北京时间), the
// digests once it has come, nothing more on the later checks of the same day or from a second instance's
// schedule, and the next day's digests the next day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  reminderScheduleSettingsFromEnv,
  reminderScheduleStart,
  type NotificationChannel,
  type OutgoingMessage,
} from '../src/index.ts';
import { demoAppOpen, type DemoApp } from './support/demo-app.ts';

/** A channel that reaches everyone and records what it was given. */
function recordingChannel(): NotificationChannel & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    name: 'webhook',
    sent,
    reaches: () => true,
    address: (r) => `bridge:${r.username}`,
    send: async (m) => {
      sent.push(m);
      return {};
    },
  };
}

let demo: DemoApp;
beforeAll(async () => {
  demo = await demoAppOpen();
}, 120_000);
afterAll(() => demo?.close());

describe('reminderScheduleStart', () => {
  it('sends from the hour on, once per day across two schedules, and again the next day', async () => {
    const channel = recordingChannel();
    // 08:59 北京时间 = 00:59 UTC
    let now = new Date('2026-12-07T00:59:00Z');
    const options = { channels: [channel], hour: 9, intervalMs: 3_600_000, now: () => now };
    const a = reminderScheduleStart(demo.ws, options);
    const b = reminderScheduleStart(demo.ws, options);
    await a.tick();
    expect(channel.sent).toHaveLength(0);
    now = new Date('2026-12-07T01:00:00Z'); // 09:00
    await Promise.all([a.tick(), b.tick()]);
    const first = channel.sent.length;
    expect(first).toBeGreaterThan(0);
    expect(new Set(channel.sent.map((m) => m.key)).size).toBe(first);
    expect(channel.sent.every((m) => m.key.endsWith(':2026-12-07'))).toBe(true);
    now = new Date('2026-12-07T09:00:00Z');
    await a.tick();
    expect(channel.sent).toHaveLength(first);
    now = new Date('2026-12-08T02:00:00Z');
    await b.tick();
    expect(channel.sent.length).toBeGreaterThan(first);
    expect(channel.sent.slice(first).every((m) => m.key.endsWith(':2026-12-08'))).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('reads its settings from the environment, refusing a bad hour', () => {
    expect(reminderScheduleSettingsFromEnv({})).toEqual({ enabled: true, hour: 9 });
    expect(reminderScheduleSettingsFromEnv({ DING_REMINDERS: 'off', DING_REMINDER_HOUR: '17' })).toEqual({
      enabled: false,
      hour: 17,
    });
    expect(() => reminderScheduleSettingsFromEnv({ DING_REMINDER_HOUR: '25' })).toThrow(/0–23/);
  });
});
