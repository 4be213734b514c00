// 申请延期: a later deadline and the reason, requested before the deadline in force; the server checks the
// rule (core's extensionRequestCheck) and its message is shown as it is.
import { App, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import type { SupervisionItemDetail } from '@ding/core';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/language.tsx';
import { SubmitModal } from './SubmitModal.tsx';

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
  const [form] = Form.useForm<ExtensionForm>();

  const submit = async () => {
    const v = await form.validateFields();
    await api.supervision.requestExtension(
      detail.item.id,
      v.newDeadline.format('YYYY-MM-DD'),
      v.reason.trim(),
    );
    void message.success(t('sv.form.extensionSent'));
    onSaved();
  };

  return (
    <SubmitModal
      open={open}
      title={`${detail.item.code} · ${t('sv.action.extension')}`}
      okText={t('sv.form.extensionSubmit')}
      testId="sv-extension"
      onCancel={onClose}
      onSubmit={submit}
    >
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
    </SubmitModal>
  );
}
