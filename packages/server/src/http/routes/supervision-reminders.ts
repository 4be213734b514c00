// /api/supervision/reminders and /api/supervision/sends (issue 11 §4): today's digests previewed (dry run)
// or sent now through the configured channels, and the send log — what went to whom, when, and what failed.
import { createRoute, z } from '@hono/zod-openapi';
import { chinaDate } from '../../china-time.ts';
import { notificationChannelsFromEnv, type NotificationChannel } from '../../notify/index.ts';
import type { NotificationSendStatus } from '../../repositories/index.ts';
import { supervisionRemindersRun } from '../../services/supervision-reminders.ts';
import type { Workspace } from '../../services/workspace.ts';
import { workspacePlan } from '../../services/workspace.ts';
import { requireRole } from '../context.ts';
import { apiRouter } from '../openapi.ts';
import type { ResolvedAppOptions } from '../options.ts';
import { SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';

const Counts = z.object({
  sent: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  dead: z.number().int(),
});

export const ReminderRunSchema = z
  .object({
    date: z.string(),
    digests: z.array(
      z.object({
        userId: z.string(),
        username: z.string(),
        displayName: z.string(),
        subject: z.string(),
        text: z.string(),
        entries: z.number().int(),
        channels: z.array(z.string()),
      }),
    ),
    dispatch: Counts.optional(),
    retried: Counts.optional(),
  })
  .openapi('ReminderRun');

export const NotificationSendSchema = z
  .object({
    id: z.number().int(),
    key: z.string().openapi({ example: 'digest:3f0c…:2026-12-03' }),
    channel: z.string(),
    recipientUserId: z.string(),
    address: z.string(),
    subject: z.string(),
    status: z.enum(['pending', 'sent', 'failed', 'dead']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('NotificationSend');

const runRoute = createRoute({
  method: 'post',
  path: '/supervision/reminders/run',
  tags: ['supervision'],
  summary:
    "Today's reminder digests (one per person): a dry run previews them; otherwise they are sent once per person, day and channel",
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { body: jsonBody(z.object({ dryRun: z.boolean().default(true) })) },
  responses: {
    200: jsonResponse(ReminderRunSchema, 'the digests and, when sent, the delivery counts'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const sendsRoute = createRoute({
  method: 'get',
  path: '/supervision/sends',
  tags: ['supervision'],
  summary: 'The send log, newest first: every digest per channel with its status, attempts and last error',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: {
    query: z.object({
      status: z
        .enum(['pending', 'sent', 'failed', 'dead'])
        .optional()
        .openapi({ param: { name: 'status', in: 'query' } }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(200)
        .openapi({ param: { name: 'limit', in: 'query' } }),
    }),
  },
  responses: { 200: jsonResponse(z.array(NotificationSendSchema), 'the log'), ...errorResponses(401, 403) },
});

/** The channels of a workspace: configured once per workspace from the environment unless the app was given some. */
const channelsByWorkspace = new WeakMap<Workspace, NotificationChannel[]>();
export function reminderChannels(
  ws: Workspace,
  opts: Pick<ResolvedAppOptions, 'notificationChannels'>,
): NotificationChannel[] {
  if (opts.notificationChannels) return opts.notificationChannels(ws);
  let channels = channelsByWorkspace.get(ws);
  if (!channels) {
    channels = notificationChannelsFromEnv(ws.repos);
    channelsByWorkspace.set(ws, channels);
  }
  return channels;
}

export function supervisionReminderRoutes(opts: ResolvedAppOptions) {
  return apiRouter()
    .openapi(runRoute, async (c) => {
      const { dryRun } = c.req.valid('json');
      const ws = c.var.ws;
      const plan = await workspacePlan(ws);
      const now = opts.now();
      const result = await supervisionRemindersRun(ws, plan, {
        today: chinaDate(now),
        dryRun,
        channels: reminderChannels(ws, opts),
        appUrl: process.env.DING_APP_URL ?? new URL(c.req.url).origin,
        now,
      });
      return c.json(result, 200);
    })
    .openapi(sendsRoute, async (c) => {
      const { status, limit } = c.req.valid('query');
      const rows = await c.var.ws.repos.notificationSends.list({
        limit,
        ...(status ? { status: status as NotificationSendStatus } : {}),
      });
      return c.json(
        rows.map((r) => ({
          id: r.id,
          key: r.key,
          channel: r.channel,
          recipientUserId: r.recipientUserId,
          address: r.recipientAddress,
          subject: r.message.subject,
          status: r.status,
          attempts: r.attempts,
          lastError: r.lastError,
          nextAttemptAt: r.nextAttemptAt,
          createdAt: r.createdAt,
          sentAt: r.sentAt,
        })),
        200,
      );
    });
}
