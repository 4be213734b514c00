// Coloured tags for the statuses of figures (progress) and of round tasks.
import { Tag } from 'antd';
import { STATUS_LABELS, type Status } from '@ding/core';
import type { TaskStatus } from '../api/types.ts';
import { useI18n } from '../i18n/language.tsx';
import { statusColor } from '../lib/progress-view.ts';

export function StatusTag({ status }: { status: Status }) {
  const { lang } = useI18n();
  return (
    <Tag color={statusColor(status)} data-status={status}>
      {STATUS_LABELS[status][lang]}
    </Tag>
  );
}

const TASK_COLORS: Record<TaskStatus, string> = {
  pending: 'default',
  submitted: 'processing',
  approved: 'cyan',
  returned: 'error',
  published: 'success',
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={TASK_COLORS[status] ?? 'default'} data-status={status}>
      {t(`task.${status}`)}
    </Tag>
  );
}
