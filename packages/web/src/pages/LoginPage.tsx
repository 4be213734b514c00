// 登录: username and password; wrong credentials and too many attempts (with the wait) are told apart.
// Plain inputs rather than antd Form: this page is the first load, and the form library is not needed here.
import { useEffect, useState, type SubmitEvent } from 'react';
import { Alert, Button, Input, Segmented, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../api/errors.ts';
import { useI18n } from '../i18n/language.tsx';
import { durationParts } from '../lib/format.ts';
import { errorText } from '../lib/error-text.ts';
import { useSession } from '../session/session.tsx';

/** After a successful login the session changes and the shell moves on to the page asked for. */
export default function LoginPage({ expired }: { expired: boolean }) {
  const { t, ui, setLanguage } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [blockedUntil, setBlockedUntil] = useState<number>();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  // Count the wait down once a second while blocked.
  useEffect(() => {
    if (blockedUntil === undefined) return;
    const timer = window.setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= blockedUntil) {
        setBlockedUntil(undefined);
        setError(undefined);
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [blockedUntil]);

  const submit = async (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const lacking = { username: !username.trim(), password: !password };
    setMissing(lacking);
    if (lacking.username || lacking.password) return;
    setBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(err);
      setPassword('');
      if (
        err instanceof ApiError &&
        err.code === 'too_many_attempts' &&
        err.retryAfterSeconds !== undefined
      ) {
        const n = Date.now();
        setNow(n);
        setBlockedUntil(n + err.retryAfterSeconds * 1000);
      }
    } finally {
      setBusy(false);
    }
  };

  const tooMany = error instanceof ApiError && error.code === 'too_many_attempts';
  let message: string | undefined;
  if (error instanceof ApiError && error.code === 'bad_credentials') message = t('login.badCredentials');
  else if (tooMany) {
    if (blockedUntil === undefined) message = t('login.tooManyNoWait');
    else {
      const { m, s } = durationParts((blockedUntil - now) / 1000);
      message = t('login.tooMany', {
        wait: m > 0 ? t('login.minutes', { m, s }) : t('login.seconds', { s }),
      });
    }
  } else if (error) message = errorText(error, { network: t('error.network'), generic: t('error.generic') });

  return (
    <div className="ding-login">
      <form className="ding-login-card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="ding-login-head">
          <span className="ding-logo ding-logo-large" aria-hidden>
            鼎
          </span>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
          <Segmented
            size="small"
            value={ui}
            onChange={(v) => setLanguage(v === 'en-US' ? 'en-US' : 'zh-CN')}
            options={[
              { value: 'zh-CN', label: <span data-testid="lang-zh">中文</span> },
              { value: 'en-US', label: <span data-testid="lang-en">EN</span> },
            ]}
          />
        </div>
        {expired && !error && (
          <Alert type="info" showIcon title={t('app.sessionExpired')} className="ding-gap" />
        )}
        {message && (
          <Alert
            type={tooMany ? 'warning' : 'error'}
            showIcon
            title={message}
            className="ding-gap"
            data-testid="login-error"
          />
        )}
        <label className="ding-field">
          <span>{t('login.username')}</span>
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            size="large"
            value={username}
            status={missing.username ? 'error' : undefined}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="login-username"
          />
          {missing.username && <em className="ding-field-error">{t('login.usernameRequired')}</em>}
        </label>
        <label className="ding-field">
          <span>{t('login.password')}</span>
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            size="large"
            value={password}
            status={missing.password ? 'error' : undefined}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
          {missing.password && <em className="ding-field-error">{t('login.passwordRequired')}</em>}
        </label>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          disabled={blockedUntil !== undefined}
          data-testid="login-submit"
        >
          {t('login.submit')}
        </Button>
        <Typography.Paragraph type="secondary" className="ding-login-footer">
          {t('login.footer')}
        </Typography.Paragraph>
      </form>
    </div>
  );
}
