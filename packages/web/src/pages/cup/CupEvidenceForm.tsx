// Evidence (佐证材料) for a bonus or deduction item (admin): a town, the item, how many units and a note or
// a file reference. The server checks it against the scheme and names the field at fault (nothing saved).
import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Select } from 'antd';
import type { CupResults, CupScheme } from '@ding/core';
import { api } from '../../api/endpoints.ts';
import { useErrorText } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/language.tsx';

interface EvidenceForm {
  region: string;
  item: string;
  quantity: number;
  note: string;
  file?: string;
}

export function CupEvidenceForm({
  scheme,
  results,
  year,
  onSaved,
}: {
  scheme: CupScheme;
  results: CupResults;
  year: number;
  onSaved: () => void;
}) {
  const { t, name } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<EvidenceForm>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const items = [
    ...scheme.bonus.map((b) => ({
      value: b.code,
      label: `${t('cup.bonus')} · ${name(b.name)}（${t('cup.perUnitCap', { per: b.perUnit, cap: b.cap })}）`,
    })),
    ...scheme.deductions.map((b) => ({
      value: b.code,
      label: `${t('cup.deductions')} · ${name(b.name)}（${t('cup.perUnitCap', { per: b.perUnit, cap: b.cap })}）`,
    })),
  ];

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setFailure(undefined);
    try {
      await api.cup.addEvidence({
        year,
        region: v.region,
        item: v.item,
        quantity: v.quantity,
        note: v.note.trim(),
        ...(v.file?.trim() ? { file: v.file.trim() } : {}),
      });
      void message.success(t('cup.evidenceSaved'));
      form.resetFields();
      onSaved();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 640 }} initialValues={{ quantity: 1 }}>
      <Alert type="info" showIcon className="ding-gap" title={t('cup.evidenceHelp', { year })} />
      {failure !== undefined && (
        <Alert
          type="error"
          showIcon
          className="ding-gap"
          title={errorText(failure)}
          data-testid="cup-evidence-error"
        />
      )}
      <Form.Item name="region" label={t('cup.town')} rules={[{ required: true }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={results.towns.map((x) => ({ value: x.region, label: name(x.name) }))}
          data-testid="cup-evidence-region"
        />
      </Form.Item>
      <Form.Item name="item" label={t('cup.item')} rules={[{ required: true }]}>
        <Select options={items} data-testid="cup-evidence-item" />
      </Form.Item>
      <Form.Item name="quantity" label={t('cup.quantity')} rules={[{ required: true }]}>
        <InputNumber min={1} precision={0} data-testid="cup-evidence-quantity" />
      </Form.Item>
      <Form.Item name="note" label={t('cup.evidenceNote')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={2} data-testid="cup-evidence-note" />
      </Form.Item>
      <Form.Item name="file" label={t('cup.evidenceFile')}>
        <Input data-testid="cup-evidence-file" />
      </Form.Item>
      <Button type="primary" loading={busy} onClick={() => void save()} data-testid="cup-evidence-save">
        {t('cup.evidenceSave')}
      </Button>
    </Form>
  );
}
