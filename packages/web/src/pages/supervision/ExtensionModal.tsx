// 申请延期: a later deadline and the reason, requested before the deadline in force; the server checks the
// rule (core's extensionRequestCheck) and its message is shown as it is.
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import type { SupervisionItemDetail } from '@ding/core';
import { api } from '../../api/endpoints.ts';
import { useErrorText } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/language.tsx';

interface ExtensionForm {
  newDeadline: Dayjs;
  reason: string;
}

export function ExtensionModal({
  open,
  detail,
  onClose,
  onSaved,
}: {
  open: boolean;
  detail: SupervisionItemDetail;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<ExtensionForm>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const close = () => {
    setFailure(undefined);
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setFailure(undefined);
    try {
      await api.supervision.requestExtension(
        detail.item.id,
        v.newDeadline.format('YYYY-MM-DD'),
        v.reason.trim(),
      );
      void message.success(t('sv.form.extensionSent'));
      onSaved();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`${detail.item.code} · ${t('sv.action.extension')}`}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={busy}
          onClick={() => void submit()}
          data-testid="sv-extension-submit"
        >
          {t('sv.form.extensionSubmit')}
        </Button>,
      ]}
    >
      {failure !== undefined && (
        <Alert
          type="error"
          showIcon
          className="ding-gap"
          title={errorText(failure)}
          data-testid="sv-extension-error"
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="newDeadline"
          label={t('sv.form.newDeadline')}
          rules={[{ required: true }]}
          extra={`${t('sv.field.deadline')} ${detail.light.deadline}`}
        >
          <DatePicker data-testid="sv-extension-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('sv.form.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="sv-extension-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
