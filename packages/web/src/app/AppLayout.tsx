// The frame around every page: top bar (product, synthetic-data badge, language, user, change password,
// logout) and the
// side menu of the pages the user's role may open.
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Button, Layout, Menu, Result, Segmented, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import {
  AuditOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  DesktopOutlined,
  EditOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  ScheduleOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { navigate, useLocation } from '../router/router.tsx';
import { useI18n } from '../i18n/language.tsx';
import { useSession, useUser } from '../session/session.tsx';
import { usePlan } from '../plan/plan-context.tsx';
import { PAGES } from './pages.tsx';
import { routeHome, routeMatch, routesForRole, type PageKey } from './route-table.ts';
import { useDataStatus } from './data-status.tsx';
import { periodCollectingText, periodShortLabel } from '../lib/periods.ts';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';

const ICONS: Record<PageKey, ReactNode> = {
  tasks: <ScheduleOutlined />,
  entry: <EditOutlined />,
  import: <CloudUploadOutlined />,
  review: <CheckSquareOutlined />,
  progress: <LineChartOutlined />,
  indicators: <FlagOutlined />,
  reports: <FileTextOutlined />,
  cup: <TrophyOutlined />,
  supervision: <CarryOutOutlined />,
  rounds: <FileSearchOutlined />,
  audit: <AuditOutlined />,
  users: <TeamOutlined />,
};

export function AppLayout() {
  const { t, name, ui, lang, setLanguage } = useI18n();
  const { logout } = useSession();
  const user = useUser();
  const { plan, labels } = usePlan();
  const { synthetic, currentPeriod, collecting, status } = useDataStatus();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  // Below the md breakpoint (a phone) the menu folds away entirely and folds again after a choice.
  const [narrow, setNarrow] = useState(false);
  const match = routeMatch(pathname, user.role);
  const current = match.kind === 'page' ? match.route.key : undefined;

  useEffect(() => {
    document.title = current ? `${t(`menu.${current}`)} · ${t('app.name')}` : t('app.name');
  }, [current, t]);

  const scope =
    user.role === 'admin' || user.role === 'leader'
      ? undefined
      : user.department
        ? labels.departmentName(user.department)
        : user.region
          ? labels.regionName(user.region)
          : undefined;

  let body: ReactNode;
  if (match.kind === 'page') {
    const Page = PAGES[match.route.key];
    body = (
      <Suspense fallback={<Spin size="large" className="ding-center" />}>
        <Page />
      </Suspense>
    );
  } else {
    body = (
      <Result
        status={match.kind === 'forbidden' ? '403' : '404'}
        title={match.kind === 'forbidden' ? t('app.forbidden') : t('app.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate(routeHome(user.role))}>
            {t('app.backHome')}
          </Button>
        }
      />
    );
  }

  return (
    <Layout className="ding-shell">
      <Layout.Header className="ding-header">
        <Space size="middle" className="ding-brand">
          <span className="ding-logo" aria-hidden>
            鼎
          </span>
          <Typography.Text strong className="ding-product" data-testid="product-name">
            {t('app.name')}
          </Typography.Text>
          <Typography.Text className="ding-plan-name">{name(plan.name)}</Typography.Text>
          {synthetic && (
            <Tooltip title={t('app.syntheticHint')}>
              <Tag color="warning" data-testid="synthetic-badge">
                {t('app.synthetic')}
              </Tag>
            </Tooltip>
          )}
          {status?.period && currentPeriod && (
            <Tooltip title={status.rule[lang]}>
              <Tag data-testid="current-period">
                {t('app.currentPeriod', { period: periodShortLabel(currentPeriod, lang) })}
              </Tag>
            </Tooltip>
          )}
          {collecting && (
            <Tag color="processing" data-testid="collecting-period">
              {periodCollectingText(collecting, lang)}
            </Tag>
          )}
        </Space>
        <Space size="middle">
          <Segmented
            size="small"
            value={ui}
            onChange={(v) => setLanguage(v === 'en-US' ? 'en-US' : 'zh-CN')}
            options={[
              { value: 'zh-CN', label: <span data-testid="lang-zh">中文</span> },
              { value: 'en-US', label: <span data-testid="lang-en">EN</span> },
            ]}
            aria-label={t('app.language')}
            data-testid="lang-switch"
          />
          <span data-testid="current-user">
            <Typography.Text className="ding-user">{user.displayName}</Typography.Text>{' '}
            <Tag data-testid="current-role">{t(`role.${user.role}`)}</Tag>
            {scope && <Typography.Text className="ding-user-scope">{scope}</Typography.Text>}
          </span>
          {/* On a phone only the key icon shows (styles.css): the header has no room for the words. */}
          <Button
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setChangingPassword(true)}
            aria-label={t('password.change')}
            title={t('password.change')}
            data-testid="change-password"
          >
            <span className="ding-header-label">{t('password.change')}</span>
          </Button>
          <Button
            size="small"
            icon={<LogoutOutlined />}
            onClick={() => void logout().then(() => navigate('/login'))}
            data-testid="logout"
          >
            {t('app.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={200}
          breakpoint="md"
          collapsedWidth={narrow ? 0 : 80}
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setCollapsed(broken);
          }}
          data-testid="app-menu"
        >
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={[
              ...routesForRole(user.role).map((r) => ({
                key: r.key,
                icon: ICONS[r.key],
                label: <span data-testid={`menu-${r.key}`}>{t(`menu.${r.key}`)}</span>,
              })),
              // The big screens are their own page (screen.html), opened beside the app.
              {
                key: 'screen',
                icon: <DesktopOutlined />,
                label: (
                  <a href="/screen/city" target="_blank" rel="noopener" data-testid="menu-screen">
                    {ui === 'en-US' ? 'Big screen' : '大屏'}
                  </a>
                ),
              },
            ]}
            onClick={({ key }) => {
              const route = routesForRole(user.role).find((r) => r.key === key);
              if (route) navigate(route.path);
              if (narrow) setCollapsed(true);
            }}
          />
        </Layout.Sider>
        <Layout.Content className="ding-content">{body}</Layout.Content>
      </Layout>
      <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
