// Notifications (issue 11 §4): the channels, the env that configures them, and dispatch through the send log.
import type { Repositories } from '../repositories/index.ts';
import type { NotificationChannel } from './channel.ts';
import { emailChannelFromEnv } from './email.ts';
import { InAppChannel } from './in-app.ts';
import { webhookChannelFromEnv } from './webhook.ts';

export * from './channel.ts';
export * from './dispatch.ts';
export { EmailChannel, emailChannelFromEnv, type EmailChannelConfig } from './email.ts';
export { IN_APP_AUTHOR, InAppChannel } from './in-app.ts';
export {
  WebhookChannel,
  webhookChannelFromEnv,
  webhookSignatureHeader,
  webhookSignatureVerify,
  type WebhookChannelConfig,
  type WebhookPayload,
} from './webhook.ts';

/** The in-app channel always; e-mail and the webhook when their env variables are set. */
export function notificationChannelsFromEnv(
  repos: Pick<Repositories, 'notices'>,
  env: NodeJS.ProcessEnv = process.env,
): NotificationChannel[] {
  const optional = [emailChannelFromEnv(env), webhookChannelFromEnv(env)];
  return [new InAppChannel(repos), ...optional.filter((c): c is NonNullable<typeof c> => c !== undefined)];
}
