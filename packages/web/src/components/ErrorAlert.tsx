// A failed call shown in place: the server's message (in the UI language) and, where useful, a retry.
import { Alert, Button } from 'antd';
import { useI18n } from '../i18n/language.tsx';
import { errorText } from '../lib/error-text.ts';

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="ding-gap"
      title={errorText(error, { network: t('error.network'), generic: t('error.generic') })}
      action={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
      data-testid="error-alert"
    />
  );
}

/** The text of a failed call, for message.error(). */
export function useErrorText(): (e: unknown) => string {
  const { t } = useI18n();
  return (e) => errorText(e, { network: t('error.network'), generic: t('error.generic') });
}
