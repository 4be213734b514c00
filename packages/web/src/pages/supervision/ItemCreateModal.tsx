// 新建事项 (admin: 立项 + 交办): the type (with its default deadline), title, lead and cooperating units,
// 责任领导, the contact, the deadline (empty: the type's default), cadence, milestones and linked indicators.
// The server numbers it (DB-n) and checks it whole; its message names every field at fault.
import { useMemo } from 'react';
import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  SUPERVISION_DEFAULT_DAYS,
  SUPERVISION_TYPES,
  SUPERVISION_TYPE_NAMES,
  dateAddDays,
  type SupervisionType,
} from '@ding/core';
import { api } from '../../api/endpoints.ts';
import type { SupervisionItemInput } from '../../api/types.ts';
import { useI18n } from '../../i18n/language.tsx';
import { supervisionUnitOptions } from '../../lib/supervision-view.ts';
import { usePlan } from '../../plan/plan-context.tsx';
import { SubmitModal } from './SubmitModal.tsx';

interface CreateForm {
  type: SupervisionType;
  titleZh: string;
  titleEn?: string;
  leadUnits: string[];
  cooperatingUnits?: string[];
  leader?: string;
  contactName?: string;
  contactPhone?: string;
  deadline?: Dayjs;
  cadence: 'monthly' | 'quarterly';
  milestones?: { date?: Dayjs; deliverable?: string }[];
  indicators?: string[];
  source?: string;
}

/** The form's values as the API's input (empty optional fields left out). */
function itemInput(v: CreateForm): SupervisionItemInput {
  const input: SupervisionItemInput = {
    type: v.type,
    title: { zh: v.titleZh.trim(), en: v.titleEn?.trim() ?? '' },
    leadUnits: v.leadUnits,
    cooperatingUnits: v.cooperatingUnits ?? [],
    cadence: v.cadence,
    milestones: (v.milestones ?? []).flatMap((m) =>
      m.date ? [{ date: m.date.format('YYYY-MM-DD'), deliverable: m.deliverable?.trim() ?? '' }] : [],
    ),
    indicators: v.indicators ?? [],
  };
  if (v.leader?.trim()) input.leader = { name: v.leader.trim() };
  if (v.contactName?.trim() && v.contactPhone?.trim())
    input.contact = { name: v.contactName.trim(), phone: v.contactPhone.trim() };
  if (v.deadline) input.deadline = v.deadline.format('YYYY-MM-DD');
  if (v.source?.trim()) input.source = v.source.trim();
  return input;
}

export function ItemCreateModal({
  open,
  today,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** China's day the server judges on (the overview's `today`): 交办 is today. */
  today: string;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t, lang, name } = useI18n();
  const { plan } = usePlan();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const type = Form.useWatch('type', form);

  const units = useMemo(() => {
    const all = supervisionUnitOptions(plan, today, lang);
    return [
      { label: t('sv.filter.departments'), options: all.filter((u) => u.kind === 'department') },
      { label: t('sv.filter.towns'), options: all.filter((u) => u.kind === 'town') },
    ];
  }, [plan, today, lang, t]);
  const indicators = plan.indicators.map((i) => ({ value: i.code, label: name(i.name) }));
  const hint =
    type === undefined
      ? undefined
      : type === 'plan_task'
        ? t('sv.create.defaultYearEnd')
        : t('sv.create.defaultDays', {
            days: SUPERVISION_DEFAULT_DAYS[type],
            date: dateAddDays(today, SUPERVISION_DEFAULT_DAYS[type]),
          });

  const save = async () => {
    const v = await form.validateFields();
    const item = await api.supervision.create(itemInput(v));
    void message.success(t('sv.create.saved', { code: item.code }));
    onSaved(item.id);
  };

  return (
    <SubmitModal
      open={open}
      width={720}
      title={t('sv.create.title')}
      okText={t('sv.create.save')}
      testId="sv-create"
      onCancel={onClose}
      onSubmit={save}
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{ type: 'leader_instruction', cadence: 'monthly', milestones: [] }}
      >
        <Form.Item name="type" label={t('sv.create.type')} rules={[{ required: true }]} extra={hint}>
          <Select
            data-testid="sv-create-type"
            options={SUPERVISION_TYPES.map((x) => ({ value: x, label: SUPERVISION_TYPE_NAMES[x][lang] }))}
          />
        </Form.Item>
        <Form.Item
          name="titleZh"
          label={t('sv.create.titleZh')}
          rules={[{ required: true, whitespace: true, max: 300 }]}
        >
          <Input data-testid="sv-create-title" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('sv.create.titleEn')} rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="leadUnits"
          label={t('sv.create.lead')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            options={units}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="sv-create-lead"
          />
        </Form.Item>
        <Form.Item name="cooperatingUnits" label={t('sv.create.cooperating')}>
          <Select mode="multiple" options={units} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="leader" label={t('sv.create.leader')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item
            name="contactName"
            label={t('sv.create.contactName')}
            dependencies={['contactPhone']}
            rules={[
              { max: 50 },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value?.trim() !== !String(getFieldValue('contactPhone') ?? '').trim()
                    ? Promise.reject(new Error(t('sv.create.contactBoth')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('sv.create.contactPhone')} rules={[{ max: 30 }]}>
            <Input />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="deadline" label={t('sv.create.deadline')}>
            <DatePicker data-testid="sv-create-deadline" />
          </Form.Item>
          <Form.Item name="cadence" label={t('sv.create.cadence')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'monthly', label: t('sv.cadence.monthly') },
                { value: 'quarterly', label: t('sv.cadence.quarterly') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('sv.create.milestones')}>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'date']} rules={[{ required: true }]}>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'deliverable']}
                      rules={[{ required: true, whitespace: true, max: 500 }]}
                    >
                      <Input placeholder={t('sv.milestone.deliverable')} style={{ width: 320 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  {t('sv.create.addMilestone')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="indicators" label={t('sv.create.indicators')}>
          <Select mode="multiple" options={indicators} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="source" label={t('sv.create.source')} rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
      </Form>
    </SubmitModal>
  );
}
