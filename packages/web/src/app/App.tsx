// The app's root: language and Ant Design locale, then the session decides between login and the layout.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { LanguageProvider, useI18n } from '../i18n/language.tsx';
import { SessionProvider, useSession } from '../session/session.tsx';
import { navigate, useLocation } from '../router/router.tsx';
import { errorText } from '../lib/error-text.ts';
import { routeHome, routeSafeNext } from './route-table.ts';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';

// The login and the signed-in shell are separate chunks: a visit to the login loads no menu or pages.
const LoginPage = lazy(() => import('../pages/LoginPage.tsx'));
const SignedIn = lazy(() => import('./SignedIn.tsx'));

/** No web fonts on an offline government network: the system's CJK fonts. */
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

export function App() {
  return (
    <LanguageProvider>
      <Themed>
        <SessionProvider>
          <Shell />
        </SessionProvider>
      </Themed>
    </LanguageProvider>
  );
}

function Themed({ children }: { children: ReactNode }) {
  const { ui } = useI18n();
  return (
    <ConfigProvider
      locale={ui === 'en-US' ? enUS : zhCN}
      theme={{ token: { fontFamily: FONT, colorPrimary: '#b8322a', borderRadius: 4 } }}
    >
      {children}
    </ConfigProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const { state, retry, logout } = useSession();
  const { pathname, search } = useLocation();

  // Anonymous users see the login (remembering where they were going); users never see it.
  useEffect(() => {
    if (state.status === 'anonymous' && pathname !== '/login') {
      navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    } else if (state.status === 'authenticated' && (pathname === '/' || pathname === '/login')) {
      const next = routeSafeNext(new URLSearchParams(search).get('next'));
      navigate(next ?? routeHome(state.user.role), { replace: true });
    }
  }, [state, pathname, search]);

  const spinner = <Spin size="large" className="ding-center" />;
  switch (state.status) {
    case 'loading':
      return spinner;
    case 'unreachable':
      return (
        <div className="ding-center">
          <Alert
            type="warning"
            showIcon
            title={errorText(state.error, { network: t('error.network'), generic: t('error.generic') })}
            action={<Button onClick={retry}>{t('app.retry')}</Button>}
          />
        </div>
      );
    case 'anonymous':
      return (
        <Suspense fallback={spinner}>
          <LoginPage expired={state.expired} />
        </Suspense>
      );
    case 'authenticated':
      // A password set by an admin is replaced before anything else (the server refuses the rest meanwhile).
      if (state.user.mustChangePassword)
        return (
          <AntApp>
            <div className="ding-center" data-testid="forced-password-change">
              <ChangePasswordDialog open forced onClose={retry} onCancel={() => void logout()} />
            </div>
          </AntApp>
        );
      return (
        <Suspense fallback={spinner}>
          <SignedIn />
        </Suspense>
      );
  }
}
