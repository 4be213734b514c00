// Edit one target of the plan (admin): its numbers only, with a required reason; saved as the plan's
// next version (PUT /plan/targets/:index) and audited old → new. A stale edit is refused (409).
import { useEffect, useState } from 'react';
import { Alert, App, Descriptions, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Target } from '@ding/core';
import { api } from '../../api/endpoints.ts';
import { useErrorText } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/language.tsx';
import { targetApplyForm, targetFormOf, type TargetForm } from '../../lib/targets.ts';
import { usePlan } from '../../plan/plan-context.tsx';

export function TargetEditModal({ index, onClose }: { index: number | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { plan, version, labels, reload } = usePlan();
  const target: Target | undefined = index === undefined ? undefined : plan.targets[index];
  const [form] = Form.useForm<TargetForm & { reason: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    if (target) {
      form.setFieldsValue({ ...targetFormOf(target), reason: '' });
      setFailure(undefined);
    }
  }, [target, form]);

  const save = async () => {
    if (!target || index === undefined) return;
    const values = await form.validateFields();
    setBusy(true);
    setFailure(undefined);
    try {
      await api.plan.updateTarget(index, targetApplyForm(target, values), values.reason.trim(), version);
      await reload();
      void message.success(t('targets.saved'));
      onClose();
    } catch (e) {
      setFailure(e);
      if ((e as { status?: number }).status === 409) await reload(); // someone else edited the plan first
    } finally {
      setBusy(false);
    }
  };

  const year = (name: keyof TargetForm, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <InputNumber min={1990} max={2100} precision={0} />
    </Form.Item>
  );
  const amount = (name: keyof TargetForm, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <InputNumber style={{ width: 180 }} />
    </Form.Item>
  );

  let fields = null;
  if (target) {
    switch (target.type) {
      case 'path': {
        const years: string[] = [];
        for (let y = plan.startYear; y <= plan.targetYear; y++) years.push(String(y));
        for (const y of Object.keys(target.values)) if (!years.includes(y)) years.push(y);
        fields = (
          <>
            <Form.Item name="comparator" label={t('targets.comparator')}>
              <Select
                style={{ width: 120 }}
                options={[
                  { value: '>=', label: '≥' },
                  { value: '<=', label: '≤' },
                ]}
              />
            </Form.Item>
            <Space wrap>
              {years.sort().map((y) => (
                <Form.Item key={y} name={['values', y]} label={y}>
                  <InputNumber style={{ width: 120 }} data-testid={`target-value-${y}`} />
                </Form.Item>
              ))}
            </Space>
          </>
        );
        break;
      }
      case 'annual_flow':
      case 'cumulative':
        fields = (
          <Space wrap>
            {year('from', t('targets.from'))}
            {year('to', t('targets.to'))}
            {amount('value', t('targets.amount'))}
          </Space>
        );
        break;
      case 'multiple_of_base':
        fields = (
          <Space wrap>
            {year('baseYear', t('targets.baseYear'))}
            {year('year', t('targets.year'))}
            {amount('factor', t('targets.factor'))}
          </Space>
        );
        break;
      case 'average_growth':
        fields = (
          <Space wrap>
            {year('baseYear', t('targets.baseYear'))}
            {year('year', t('targets.year'))}
            {amount('rate', t('targets.rate'))}
          </Space>
        );
        break;
      case 'relative_growth':
        fields = (
          <Space wrap>
            {year('from', t('targets.from'))}
            {year('to', t('targets.to'))}
            {amount('marginPp', t('targets.margin'))}
          </Space>
        );
        break;
    }
  }

  return (
    <Modal
      open={target !== undefined}
      title={index !== undefined && t('targets.editTitle', { index })}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: busy, 'data-testid': 'target-save' }}
      width={720}
      destroyOnHidden
    >
      {target && (
        <>
          <Descriptions
            size="small"
            column={2}
            className="ding-gap"
            items={[
              { key: 'i', label: t('common.indicator'), children: labels.indicatorName(target.indicator) },
              { key: 'r', label: t('common.region'), children: labels.regionName(target.region) },
              { key: 't', label: t('targets.type'), children: t(`targetType.${target.type}`) },
              { key: 's', label: t('indicators.source'), children: target.source },
              ...(target.type === 'relative_growth'
                ? [{ key: 'e', label: t('targets.exceeds'), children: labels.indicatorName(target.exceeds) }]
                : []),
            ]}
          />
          {failure !== undefined && (
            <Alert type="error" showIcon className="ding-gap" title={errorText(failure)} />
          )}
          <Form form={form} layout="vertical">
            {fields}
            <Form.Item
              name="reason"
              label={t('common.reason')}
              extra={t('targets.reasonHelp')}
              rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}
            >
              <Input.TextArea rows={2} data-testid="target-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
