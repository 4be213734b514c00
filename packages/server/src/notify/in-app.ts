// The in-app channel: the message becomes a notice (the 通知 list in the web app) addressed to the user id.
import type { Repositories } from '../repositories/index.ts';
import {
  messageTextWithLink,
  type NotificationChannel,
  type OutgoingMessage,
  type Recipient,
} from './channel.ts';

/** Who the notices say wrote them. */
export const IN_APP_AUTHOR = 'ding reminders';

export class InAppChannel implements NotificationChannel {
  readonly name = 'inapp';

  constructor(private readonly repos: Pick<Repositories, 'notices'>) {}

  reaches(): boolean {
    return true;
  }

  address(recipient: Recipient): string {
    return recipient.userId;
  }

  async send(message: OutgoingMessage): Promise<{ detail?: string }> {
    const zh = `${message.subject}\n${messageTextWithLink(message.text, message.link)}`;
    // Without an English version the notice shows the Chinese text in both languages rather than nothing.
    const en = message.en
      ? `${message.en.subject}\n${messageTextWithLink(message.en.text, message.link, 'Details: ')}`
      : zh;
    const [notice] = await this.repos.notices.create([
      { recipient: message.recipient.userId, message: { zh, en }, createdBy: IN_APP_AUTHOR },
    ]);
    return notice ? { detail: `notice ${notice.id}` } : {};
  }
}
