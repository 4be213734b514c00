// 报送进展 (the lead unit) or 报送配合情况 (a cooperating unit): the period (the item's next report by default;
// periods already answered are not offered to the lead unit), the text, 完成进度 only for items without
// indicators (theirs is computed), up to 5 attachments. The server's refusal is shown as it is.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Select, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { SupervisionItemDetail } from '@ding/core';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/language.tsx';
import { supervisionReportChoices } from '../../lib/supervision-view.ts';
import { SubmitModal } from './SubmitModal.tsx';

/** The server's limit (services/supervision.ts ATTACHMENT_LIMITS). */
const MAX_FILES = 5;

interface ReportForm {
  period?: string;
  text: string;
  percentDone?: number;
}

export function ReportModal({
  open,
  detail,
  role,
  onClose,
  onSaved,
}: {
  open: boolean;
  detail: SupervisionItemDetail;
  role: 'lead' | 'cooperating';
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportForm>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { choices, defaultPeriod } = useMemo(() => supervisionReportChoices(detail, role), [detail, role]);
  const withPercent = role === 'lead' && detail.item.indicators.length === 0;

  // The form is destroyed when hidden (it opens on its initial values); the files are ours.
  const close = () => {
    setFiles([]);
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    await api.supervision.report(detail.item.id, {
      ...(v.period ? { period: v.period } : {}),
      text: v.text.trim(),
      ...(withPercent && v.percentDone !== undefined && v.percentDone !== null
        ? { percentDone: v.percentDone }
        : {}),
      files: files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : [])),
    });
    void message.success(t('sv.form.submitted'));
    setFiles([]);
    onSaved();
  };

  return (
    <SubmitModal
      open={open}
      title={`${detail.item.code} · ${t(role === 'lead' ? 'sv.action.report' : 'sv.action.part')}`}
      okText={t('sv.form.submit')}
      testId="sv-report"
      onCancel={close}
      onSubmit={submit}
    >
      <Form form={form} layout="vertical" initialValues={{ period: defaultPeriod }}>
        <Form.Item name="period" label={t('sv.form.period')}>
          <Select
            data-testid="sv-report-period"
            options={choices.map((c) => ({
              value: c.period,
              disabled: c.disabled,
              label: c.disabled
                ? t('sv.form.periodDone', { period: c.period })
                : t('sv.form.periodDue', { period: c.period, due: c.dueOn }),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t(role === 'lead' ? 'sv.form.text' : 'sv.form.partText')}
          rules={[{ required: true, whitespace: true, message: t('sv.form.textRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={10_000} data-testid="sv-report-text" />
        </Form.Item>
        {withPercent ? (
          <Form.Item name="percentDone" label={t('sv.form.percentDone')}>
            <InputNumber min={0} max={100} precision={0} data-testid="sv-report-percent" />
          </Form.Item>
        ) : (
          role === 'lead' && <Alert type="info" className="ding-gap" title={t('sv.form.percentHint')} />
        )}
        <Form.Item label={t('sv.form.files', { n: MAX_FILES })}>
          <Upload
            multiple
            fileList={files}
            maxCount={MAX_FILES}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              if (fileList.length > MAX_FILES)
                void message.warning(t('sv.form.filesTooMany', { n: MAX_FILES }));
              setFiles(fileList.slice(0, MAX_FILES));
            }}
            data-testid="sv-report-files"
          >
            <Button icon={<UploadOutlined />}>{t('sv.form.filesButton')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </SubmitModal>
  );
}
