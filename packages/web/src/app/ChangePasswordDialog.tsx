// 修改密码: the signed-in user changes their own password (POST /api/auth/password). The server checks the
// current password and the policy; the form checks that the confirmation matches. On success every other
// session of the account is signed out, this one stays.
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api } from '../api/endpoints.ts';
import { ApiError } from '../api/errors.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/language.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** The form field a refusal names (`details.field`), if it is one of ours. */
function fieldOf(e: unknown): (typeof FIELDS)[number] | undefined {
  if (!(e instanceof ApiError) || typeof e.details !== 'object' || e.details === null) return undefined;
  const field = (e.details as { field?: unknown }).field;
  return FIELDS.find((f) => f === field);
}

/**
 * `forced`: the account's password was set by an admin and must be changed before anything else (the server
 * answers every other request 403 password_change_required) — the dialog cannot be dismissed; `onCancel`
 * (signing out) is the only other way out.
 */
export function ChangePasswordDialog({
  open,
  onClose,
  forced = false,
  onCancel,
}: {
  open: boolean;
  onClose: () => void;
  forced?: boolean;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const close = () => {
    form.resetFields();
    setError(undefined);
    onClose();
  };

  const submit = async () => {
    // The form shows what is missing or mismatched; nothing is sent.
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.auth.changePassword(v.currentPassword, v.newPassword);
      void message.success(t('password.changed'));
      close();
    } catch (e) {
      setError(e);
      const field = fieldOf(e);
      if (field) form.setFields([{ name: field, errors: [e instanceof Error ? e.message : ''] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(forced ? 'password.forcedTitle' : 'password.title')}
      onCancel={forced ? onCancel : close}
      cancelText={forced ? t('app.logout') : undefined}
      closable={!forced}
      maskClosable={!forced}
      keyboard={!forced}
      onOk={() => void submit()}
      okText={t('password.submit')}
      okButtonProps={{ loading: busy, 'data-testid': 'change-password-submit' }}
      forceRender
    >
      {forced && <Alert type="info" showIcon className="ding-gap" title={t('password.forcedIntro')} />}
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="change-password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('users.passwordRule')}
          rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
