// 用户 (admin): accounts with role and scope (a department reporter's department, a town reporter's town);
// create, edit role/scope/active, reset a password. Every change is audited by the server.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { periodEndDate, periodOf, regionChildrenOn, type RegionCode, type Role } from '@ding/core';
import { api } from '../api/endpoints.ts';
import type { User, UserChanges } from '../api/types.ts';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/language.tsx';
import { useAsync } from '../lib/use-async.ts';
import { usePlan } from '../plan/plan-context.tsx';

const ROLES: Role[] = ['admin', 'department', 'town', 'leader'];
const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  department: 'blue',
  town: 'green',
  leader: 'purple',
};

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  department?: string;
  region?: string;
  active: boolean;
  email?: string;
  phone?: string;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User };

export default function UsersPage() {
  const { t, name } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { plan, labels } = usePlan();
  const users = useAsync(() => api.users.list(), []);
  const [dialog, setDialog] = useState<Dialog>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);

  // Towns that exist today (a town reporter writes its own town's figures).
  const thisYear = new Date().getFullYear();
  const towns = regionChildrenOn(
    plan,
    plan.home as RegionCode,
    periodEndDate(periodOf(Math.min(thisYear, plan.targetYear))),
  );

  const open = (d: Dialog) => {
    form.resetFields();
    if (d.kind === 'edit') {
      form.setFieldsValue({
        displayName: d.user.displayName,
        role: d.user.role,
        ...(d.user.department ? { department: d.user.department } : {}),
        ...(d.user.region ? { region: d.user.region } : {}),
        active: d.user.active,
        email: d.user.email ?? '',
        phone: d.user.phone ?? '',
      });
    } else if (d.kind === 'create') form.setFieldsValue({ role: 'town', active: true });
    setDialog(d);
  };

  const save = async () => {
    if (!dialog) return;
    // The form shows what is missing or wrong; nothing is sent (and nothing is left unhandled).
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setBusy(true);
    try {
      if (dialog.kind === 'create') {
        const u = await api.users.create({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          password: v.password,
          role: v.role,
          ...(v.role === 'department' && v.department ? { department: v.department } : {}),
          ...(v.role === 'town' && v.region ? { region: v.region } : {}),
          ...(v.email?.trim() ? { email: v.email.trim() } : {}),
          ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        });
        void message.success(t('users.created', { name: u.displayName }));
      } else if (dialog.kind === 'edit') {
        // The scope follows the role: a department only for a department reporter, a town only for a town's.
        const changes: UserChanges = {
          displayName: v.displayName.trim(),
          role: v.role,
          department: v.role === 'department' ? (v.department ?? null) : null,
          region: v.role === 'town' ? (v.region ?? null) : null,
          active: v.active,
          email: v.email?.trim() || null,
          phone: v.phone?.trim() || null,
        };
        const u = await api.users.update(dialog.user.id, changes);
        void message.success(t('users.updated', { name: u.displayName }));
      } else {
        await api.users.update(dialog.user.id, { password: v.password });
        void message.success(t('users.passwordReset', { name: dialog.user.displayName }));
      }
      setDialog(undefined);
      users.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.role'),
      key: 'role',
      filters: ROLES.map((r) => ({ text: t(`role.${r}`), value: r })),
      onFilter: (v: unknown, u: User) => u.role === v,
      render: (_: unknown, u: User) => <Tag color={ROLE_COLORS[u.role]}>{t(`role.${u.role}`)}</Tag>,
    },
    {
      title: t('users.scope'),
      key: 'scope',
      render: (_: unknown, u: User) =>
        u.department ? labels.departmentName(u.department) : u.region ? labels.regionName(u.region) : '—',
    },
    {
      title: t('users.contacts'),
      key: 'contacts',
      responsive: ['lg' as const],
      render: (_: unknown, u: User) => [u.email, u.phone].filter(Boolean).join(' · ') || '—',
    },
    {
      title: t('users.active'),
      key: 'active',
      render: (_: unknown, u: User) =>
        u.active ? <Tag color="success">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, u: User) => (
        <Space>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => open({ kind: 'edit', user: u })}
            data-testid={`user-edit-${u.username}`}
          >
            {t('common.edit')}
          </Button>
          <Button
            size="small"
            icon={<KeyOutlined />}
            onClick={() => open({ kind: 'password', user: u })}
            data-testid={`user-password-${u.username}`}
          >
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  const password = (label: string) => (
    <Form.Item
      name="password"
      label={label}
      extra={t('users.passwordRule')}
      rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}
    >
      <Input.Password autoComplete="new-password" data-testid="user-form-password" />
    </Form.Item>
  );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open({ kind: 'create' })}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        }
      />
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <Table<User>
        size="small"
        rowKey={(u) => String(u.id)}
        loading={users.loading}
        dataSource={users.data}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        data-testid="users-table"
      />
      <Modal
        open={dialog !== undefined}
        title={
          dialog?.kind === 'create'
            ? t('users.create')
            : dialog?.kind === 'edit'
              ? t('users.editTitle', { name: dialog.user.displayName })
              : dialog && t('users.resetTitle', { name: dialog.user.displayName })
        }
        onCancel={() => setDialog(undefined)}
        onOk={() => void save()}
        okButtonProps={{ loading: busy, 'data-testid': 'user-form-save' }}
        forceRender
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'password' ? (
            password(t('users.newPassword'))
          ) : (
            <>
              {dialog?.kind === 'create' && (
                <Form.Item
                  name="username"
                  label={t('users.username')}
                  rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{1,63}$/i }]}
                >
                  <Input autoComplete="off" data-testid="user-form-username" />
                </Form.Item>
              )}
              <Form.Item
                name="displayName"
                label={t('users.displayName')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input data-testid="user-form-name" />
              </Form.Item>
              {dialog?.kind === 'create' && password(t('users.password'))}
              <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
                <Select
                  options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                  data-testid="user-form-role"
                />
              </Form.Item>
              {role === 'department' && (
                <Form.Item
                  name="department"
                  label={t('users.department')}
                  rules={[{ required: true, message: t('users.departmentRequired') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={plan.departments.map((d) => ({ value: d.code, label: name(d.name) }))}
                  />
                </Form.Item>
              )}
              {role === 'town' && (
                <Form.Item
                  name="region"
                  label={t('users.region')}
                  rules={[{ required: true, message: t('users.regionRequired') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={towns.map((c) => ({ value: c, label: labels.regionName(c) }))}
                  />
                </Form.Item>
              )}
              <Form.Item
                name="email"
                label={t('users.email')}
                extra={t('users.contactsHint')}
                rules={[{ type: 'email', message: t('users.emailInvalid') }]}
              >
                <Input inputMode="email" autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('users.phone')}
                rules={[{ pattern: /^[0-9+\-\s]{5,20}$/, message: t('users.phoneInvalid') }]}
              >
                <Input inputMode="tel" autoComplete="off" />
              </Form.Item>
              {dialog?.kind === 'edit' && (
                <Form.Item name="active" label={t('users.active')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              )}
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
