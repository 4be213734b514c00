// 督查督办 (issue 11): the supervised items with their lights and the rule behind each, red first; filters by
// unit, light, state and type, and 我的事项 for a unit's own items (on by default for units); an item's
// detail, timeline and actions in a drawer (?item=<id>, so it can be linked); the units ranked by 按时反馈率;
// and for the admin the send log with 立即发送今日提醒.
import { useMemo, useState } from 'react';
import { Button, Card, Select, Space, Switch, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  SUPERVISION_STATE_NAMES,
  SUPERVISION_TYPES,
  SUPERVISION_TYPE_NAMES,
  engineQuarterLabel,
  type SupervisionLight,
  type SupervisionState,
  type SupervisionType,
} from '@ding/core';
import { api } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/language.tsx';
import {
  supervisionCounts,
  supervisionFilter,
  supervisionUnitOptions,
  supervisionUserUnit,
} from '../lib/supervision-view.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePlan } from '../plan/plan-context.tsx';
import { useQueryParam } from '../router/router.tsx';
import { useUser } from '../session/session.tsx';
import { ItemCreateModal } from './supervision/ItemCreateModal.tsx';
import { LightName } from './supervision/LightTag.tsx';
import { RankingTable } from './supervision/RankingTable.tsx';
import { SendLog } from './supervision/SendLog.tsx';
import { SupervisionDrawer } from './supervision/SupervisionDrawer.tsx';
import { SupervisionList } from './supervision/SupervisionList.tsx';

const LIGHTS: readonly SupervisionLight[] = ['red', 'yellow', 'blue', 'green', 'done'];
const STATES: readonly SupervisionState[] = [
  'assigned',
  'in_progress',
  'reported',
  'returned',
  'completed',
  'closed',
];

const oneOf = <T extends string>(values: readonly T[], x: string | undefined): T | undefined =>
  values.find((v) => v === x);

export default function SupervisionPage() {
  const { t, lang } = useI18n();
  const { plan } = usePlan();
  const user = useUser();
  const myUnit = supervisionUserUnit(user);
  const [tab, setTab] = useQueryParam('tab');
  const [itemId, setItemId] = useQueryParam('item');
  const [unit, setUnit] = useQueryParam('unit');
  const [lightParam, setLight] = useQueryParam('light');
  const [stateParam, setState] = useQueryParam('state');
  const [typeParam, setType] = useQueryParam('type');
  // 我的事项: on by default for a department or town (?mine=0 turns it off); admins and leaders see all.
  const [mineParam, setMine] = useQueryParam('mine');
  const mine = myUnit !== undefined && mineParam !== '0';
  const light = oneOf(LIGHTS, lightParam);
  const state = oneOf(STATES, stateParam);
  const type = oneOf<SupervisionType>(SUPERVISION_TYPES, typeParam);
  const [creating, setCreating] = useState(false);

  // The light is filtered here, not by the server, so the summary counts every light of the list.
  const overview = useAsync(
    () => api.supervision.overview({ unit: mine ? undefined : unit, state, mine }),
    [mine, unit, state],
  );
  const o = overview.data;
  const listed = useMemo(() => supervisionFilter(o?.items ?? [], { type }), [o, type]);
  const shown = useMemo(() => supervisionFilter(listed, { light }), [listed, light]);
  const counts = supervisionCounts(listed);
  const today = o?.today ?? new Date().toISOString().slice(0, 10);
  const units = useMemo(() => {
    const all = supervisionUnitOptions(plan, today, lang);
    return [
      { label: t('sv.filter.departments'), options: all.filter((u) => u.kind === 'department') },
      { label: t('sv.filter.towns'), options: all.filter((u) => u.kind === 'town') },
    ];
  }, [plan, today, lang, t]);

  const summary = (
    <div className="ding-sv-summary" data-testid="sv-summary">
      {LIGHTS.map((l) => (
        <Card
          key={l}
          size="small"
          className={`ding-sv-count${light === l ? ' ding-sv-count-selected' : ''}`}
          onClick={() => setLight(light === l ? undefined : l)}
          data-testid={`sv-count-${l}`}
          data-count={counts.byLight[l]}
        >
          <LightName light={l} />
          <strong>{counts.byLight[l]}</strong>
        </Card>
      ))}
      <Card size="small" className="ding-sv-count" data-testid="sv-count-overdue" data-count={counts.overdue}>
        <Typography.Text type="danger">{t('sv.summary.overdue')}</Typography.Text>
        <strong>{counts.overdue}</strong>
      </Card>
      <Space orientation="vertical" size={0} style={{ alignSelf: 'center' }}>
        <Typography.Text type="secondary">
          {t('sv.summary.total', { n: counts.total })} · {o ? t('sv.summary.today', { date: o.today }) : ''} ·{' '}
          {t('sv.summary.pick')}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="sv-period">
          {o?.period
            ? t('sv.summary.period', { period: engineQuarterLabel(o.period)[lang] })
            : o && t('sv.summary.noPeriod')}
        </Typography.Text>
      </Space>
    </div>
  );

  const filters = (
    <Space wrap className="ding-gap">
      {myUnit !== undefined && (
        <Space size={4}>
          <Switch checked={mine} onChange={(on) => setMine(on ? undefined : '0')} data-testid="sv-mine" />
          <span>{t('sv.filter.mine')}</span>
        </Space>
      )}
      {!mine && (
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('sv.filter.unit')}
          value={unit}
          onChange={(v: string | undefined) => setUnit(v)}
          options={units}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="sv-filter-unit"
        />
      )}
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('sv.filter.light')}
        value={light}
        onChange={(v: string | undefined) => setLight(v)}
        options={LIGHTS.map((l) => ({ value: l, label: <LightName light={l} /> }))}
        data-testid="sv-filter-light"
      />
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('sv.filter.state')}
        value={state}
        onChange={(v: string | undefined) => setState(v)}
        options={STATES.map((s) => ({ value: s, label: SUPERVISION_STATE_NAMES[s][lang] }))}
        data-testid="sv-filter-state"
      />
      <Select
        allowClear
        style={{ width: 150 }}
        placeholder={t('sv.filter.type')}
        value={type}
        onChange={(v: string | undefined) => setType(v)}
        options={SUPERVISION_TYPES.map((x) => ({ value: x, label: SUPERVISION_TYPE_NAMES[x][lang] }))}
        data-testid="sv-filter-type"
      />
    </Space>
  );

  const itemsView = (
    <>
      {summary}
      {filters}
      <SupervisionList items={shown} loading={overview.loading} onOpen={(id) => setItemId(id)} />
    </>
  );

  return (
    <>
      <PageHeader
        title={t('sv.title')}
        extra={
          user.role === 'admin' && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="sv-create-open"
            >
              {t('sv.new')}
            </Button>
          )
        }
      />
      {overview.error !== undefined && <ErrorAlert error={overview.error} onRetry={overview.reload} />}
      <Tabs
        activeKey={tab === 'ranking' || (tab === 'sends' && user.role === 'admin') ? tab : 'items'}
        onChange={(k) => setTab(k === 'items' ? undefined : k)}
        items={[
          {
            key: 'items',
            label: <span data-testid="sv-tab-items">{t('sv.tab.items')}</span>,
            children: itemsView,
          },
          {
            key: 'ranking',
            label: <span data-testid="sv-tab-ranking">{t('sv.tab.ranking')}</span>,
            children: <RankingTable ranking={o?.ranking ?? []} loading={overview.loading} />,
          },
          ...(user.role === 'admin'
            ? [
                {
                  key: 'sends',
                  label: <span data-testid="sv-tab-sends">{t('sv.tab.sends')}</span>,
                  children: <SendLog onSent={overview.reload} />,
                },
              ]
            : []),
        ]}
      />
      <SupervisionDrawer id={itemId} onClose={() => setItemId(undefined)} onChanged={overview.reload} />
      {user.role === 'admin' && (
        <ItemCreateModal
          open={creating}
          today={today}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            overview.reload();
            setItemId(id);
          }}
        />
      )}
    </>
  );
}
