// 分解到镇街 (issue 10 §1–4): split a group target (市级 / 前湾 / 全市) of one indicator × year over its
// towns by a method, preview the towns' targets with the sum / implied-ratio check, and (admin) approve
// them into a new plan version with a reason.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  ALLOCATION_METHOD_NAMES,
  ALLOCATION_METHODS,
  allocationAllocatable,
  allocationBelowBase,
  allocationChecksFail,
  allocationManualApply,
} from '@ding/core';
import { api } from '../../api/endpoints.ts';
import type {
  AllocationMethod,
  AllocationProposal,
  AllocationQuery,
  AllocationRow,
} from '../../api/types.ts';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.tsx';
import { optionWithTestId } from '../../components/option-test-id.tsx';
import { useI18n } from '../../i18n/language.tsx';
import { allocationManualSeed, allocationProposalView } from '../../lib/allocation-view.ts';
import { formatNumber } from '../../lib/format.ts';
import { testIdProps } from '../../lib/test-id.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePlan } from '../../plan/plan-context.tsx';
import { useUser } from '../../session/session.tsx';

export function AllocationTab() {
  const { t, lang, name } = useI18n();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const { plan, version, labels, reload } = usePlan();
  const user = useUser();
  const isAdmin = user.role === 'admin';

  const indicators = useMemo(() => plan.indicators.filter(allocationAllocatable), [plan]);
  const weights = useMemo(() => plan.indicators.filter((i) => i.aggregation === 'sum'), [plan]);
  const groups = useMemo(() => {
    const counties = plan.regions.filter(
      (r) => r.kind === 'county' && plan.regions.some((c) => c.parent === r.code),
    );
    return [
      ...plan.regionGroups.map((g) => ({ value: g.code, label: name(g.name) })),
      ...counties.map((c) => ({ value: c.code, label: name(c.name) })),
    ];
  }, [plan, name]);
  const thisYear = new Date().getFullYear();

  const [indicator, setIndicator] = useState<string | undefined>(
    indicators.find((i) => i.code === 'hightech_enterprises')?.code ?? indicators[0]?.code,
  );
  const [year, setYear] = useState<number>(Math.min(plan.targetYear, Math.max(plan.startYear, thisYear)));
  const [group, setGroup] = useState<string | undefined>(groups[groups.length > 1 ? 1 : 0]?.value);
  const [method, setMethod] = useState<AllocationMethod>('base-share');
  const [baseYear, setBaseYear] = useState<number | undefined>();
  const [weight, setWeight] = useState<string | undefined>();
  const [manual, setManual] = useState<Record<string, number | null>>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [approveError, setApproveError] = useState<unknown>();
  const [approved, setApproved] = useState<{ version: number; group: string; indicator: string }>();

  const ind = indicator ? labels.indicator(indicator) : undefined;
  const decimals = ind?.decimals ?? 2;
  const ready = !!indicator && !!group && (method !== 'weighted' || !!weight);
  // A manual split starts from the base-share proposal: the server's rows carry the bases and denominators.
  const query: AllocationQuery | undefined = ready
    ? {
        indicator: indicator,
        year,
        group: group,
        method: method === 'manual' ? 'base-share' : method,
        ...(baseYear ? { baseYear } : {}),
        ...(method === 'weighted' && weight ? { weight } : {}),
      }
    : undefined;
  const proposal = useAsync<AllocationProposal | undefined>(
    () => (query ? api.allocation.propose(query) : Promise.resolve(undefined)),
    [JSON.stringify(query)],
  );
  const p = proposal.data;

  useEffect(() => {
    if (p) setManual(allocationManualSeed(p));
  }, [p]);
  useEffect(() => {
    setApproveError(undefined);
    setApproved(undefined);
  }, [indicator, year, group, method, baseYear, weight]);

  const view = p
    ? method === 'manual'
      ? allocationManualApply(p, manual, { decimals, integer: ind?.integer === true })
      : allocationProposalView(p)
    : undefined;
  const failing = view ? allocationChecksFail(view.checks) : true;
  const belowBase = new Set<string>(p && view ? allocationBelowBase(p, view.rows) : []);
  const belowTag = (region: string) =>
    belowBase.has(region) && (
      <Tag color="warning" data-testid={`allocation-below-base-${region}`}>
        {t('allocation.belowBase')}
      </Tag>
    );
  const num = (x: number | undefined) => formatNumber(x, decimals, lang);
  const unit = ind?.unit ?? '';
  // A ratio's towns are weighted by its denominator (GDP …), printed at that indicator's decimals.
  const denominatorDecimals = (ind?.ratio && labels.indicator(ind.ratio.denominator)?.decimals) ?? 2;

  const approve = () => {
    if (!p || !query || !view) return;
    const request: AllocationQuery = {
      ...query,
      method,
      ...(method === 'manual'
        ? { manual: Object.fromEntries(view.rows.map((r) => [r.region, r.proposed])) }
        : {}),
    };
    modal.confirm({
      title: t('allocation.confirmTitle'),
      content: t('allocation.confirmBody', {
        indicator: labels.indicatorName(p.indicator),
        group: name(p.groupName),
        year: p.year,
        n: view.rows.length,
      }),
      okButtonProps: { 'data-testid': 'allocation-confirm' },
      onOk: async () => {
        setBusy(true);
        setApproveError(undefined);
        setApproved(undefined);
        try {
          // The version the proposal was computed on: a plan changed since is refused (stale), not mixed in.
          const r = await api.allocation.approve(request, reason.trim(), p.planVersion ?? version);
          await reload();
          // The proposal is computed again on the new version: approving from it next is not stale.
          proposal.reload();
          setApproved({ version: r.version, group: p.group, indicator: p.indicator });
          setReason('');
          void message.success(t('allocation.approved', { version: r.version }));
        } catch (e) {
          setApproveError(e);
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const columns = [
    {
      title: t('allocation.town'),
      key: 'town',
      render: (_: unknown, r: AllocationRow) => name(r.name),
    },
    {
      title: t('allocation.base', { year: p?.baseYear ?? '' }),
      key: 'base',
      align: 'right' as const,
      render: (_: unknown, r: AllocationRow) => <span className="ding-num">{num(r.base)}</span>,
    },
    ...(method === 'weighted'
      ? [
          {
            title: t('allocation.weightValue', { indicator: weight ? labels.indicatorName(weight) : '' }),
            key: 'weight',
            align: 'right' as const,
            render: (_: unknown, r: AllocationRow) => (
              <span className="ding-num">
                {formatNumber(r.weight, weight ? (labels.indicator(weight)?.decimals ?? 2) : 2, lang)}
              </span>
            ),
          },
        ]
      : []),
    ...(p?.allocates === 'numerator'
      ? [
          {
            title: t('allocation.denominator'),
            key: 'den',
            align: 'right' as const,
            render: (_: unknown, r: AllocationRow) => (
              <span className="ding-num">{formatNumber(r.denominator, denominatorDecimals, lang)}</span>
            ),
          },
        ]
      : []),
    {
      title: `${t('allocation.proposed')}（${unit}）`,
      key: 'proposed',
      align: 'right' as const,
      render: (_: unknown, r: AllocationRow) =>
        method === 'manual' && isAdmin ? (
          <Space size={4}>
            <InputNumber
              size="small"
              style={{ width: 120 }}
              value={manual[r.region] ?? null}
              precision={ind?.integer ? 0 : decimals}
              onChange={(v) => setManual((m) => ({ ...m, [r.region]: v }))}
              status={view?.problems[r.region] ? 'error' : undefined}
              data-testid={`allocation-manual-${r.region}`}
            />
            {view?.problems[r.region] && (
              <Typography.Text type="danger">
                {t(`allocation.problem.${view.problems[r.region]!}`)}
              </Typography.Text>
            )}
            {belowTag(r.region)}
          </Space>
        ) : (
          <Space size={4}>
            <span className="ding-num" data-testid={`allocation-proposed-${r.region}`}>
              {num(r.proposed)}
            </span>
            {belowTag(r.region)}
          </Space>
        ),
    },
    {
      title: t('allocation.share'),
      key: 'share',
      align: 'right' as const,
      render: (_: unknown, r: AllocationRow) => (
        <span className="ding-num">{(r.share * 100).toFixed(1)}%</span>
      ),
    },
  ];

  const checkTags = view && (
    <Space wrap data-testid="allocation-checks">
      {view.checks.sum && (
        <Tag color={view.checks.sum.ok ? 'green' : 'red'} data-testid="allocation-check-sum">
          {view.checks.sum.ok
            ? t('allocation.sumOk', { sum: num(view.checks.sum.actual) })
            : t('allocation.sumBad', {
                sum: num(view.checks.sum.actual),
                expected: num(view.checks.sum.expected),
              })}
        </Tag>
      )}
      {view.checks.ratio && (
        <Tag color={view.checks.ratio.ok ? 'green' : 'red'} data-testid="allocation-check-ratio">
          {t(view.checks.ratio.ok ? 'allocation.ratioOk' : 'allocation.ratioBad', {
            implied: formatNumber(view.checks.ratio.implied, decimals + 2, lang),
            comparator: view.checks.ratio.comparator === '>=' ? '≥' : '≤',
            target: num(view.checks.ratio.target),
          })}
        </Tag>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Form layout="inline" className="ding-gap">
        <Form.Item label={t('common.indicator')}>
          <Select
            style={{ width: 260 }}
            value={indicator}
            onChange={setIndicator}
            showSearch={{ optionFilterProp: 'label' }}
            options={indicators.map((i) => ({ value: i.code, label: name(i.name) }))}
            optionRender={optionWithTestId('allocation-indicator')}
            data-testid="allocation-indicator"
          />
        </Form.Item>
        <Form.Item label={t('targets.year')}>
          <InputNumber
            value={year}
            min={plan.startYear}
            max={plan.targetYear}
            precision={0}
            onChange={(v) => v && setYear(v)}
            data-testid="allocation-year"
          />
        </Form.Item>
        <Form.Item label={t('allocation.group')}>
          <Radio.Group
            value={group}
            onChange={(e) => setGroup(e.target.value as string)}
            optionType="button"
            // antd's Radio.Group drops unknown option props: the test id goes on the label.
            options={groups.map((g) => ({
              value: g.value,
              label: <span data-testid={`allocation-group-${g.value}`}>{g.label}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('targets.baseYear')}>
          <InputNumber
            value={baseYear}
            placeholder={String(year - 1)}
            min={plan.baselineYear - 5}
            max={year}
            precision={0}
            onChange={(v) => setBaseYear(v ?? undefined)}
            data-testid="allocation-base-year"
          />
        </Form.Item>
      </Form>
      <Space wrap>
        <Radio.Group
          value={method}
          onChange={(e) => setMethod(e.target.value as AllocationMethod)}
          options={ALLOCATION_METHODS.map((m) => ({
            value: m,
            label: <span data-testid={`allocation-method-${m}`}>{name(ALLOCATION_METHOD_NAMES[m])}</span>,
          }))}
        />
        {method === 'weighted' && (
          <Select
            style={{ width: 240 }}
            placeholder={t('allocation.weightPick')}
            value={weight}
            onChange={setWeight}
            showSearch={{ optionFilterProp: 'label' }}
            options={weights
              .filter((w) => w.code !== indicator)
              .map((i) => ({ value: i.code, label: name(i.name) }))}
            optionRender={optionWithTestId('allocation-weight')}
            data-testid="allocation-weight"
          />
        )}
      </Space>
      {proposal.error !== undefined && <ErrorAlert error={proposal.error} onRetry={proposal.reload} />}
      {p && view && (
        <>
          <Typography.Paragraph
            type="secondary"
            style={{ marginBottom: 0 }}
            data-testid="allocation-explanation"
          >
            {name(p.explanation)}
          </Typography.Paragraph>
          {belowBase.size > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="allocation-below-base"
              title={t('allocation.belowBaseAlert', {
                n: belowBase.size,
                year: p.baseYear,
                towns: view.rows
                  .filter((r) => belowBase.has(r.region))
                  .map((r) => name(r.name))
                  .join(lang === 'zh' ? '、' : ', '),
              })}
            />
          )}
          <Table<AllocationRow>
            size="small"
            rowKey="region"
            loading={proposal.loading}
            dataSource={view.rows}
            columns={columns}
            pagination={false}
            onRow={(r) => testIdProps(`allocation-row-${r.region}`)}
            data-testid="allocation-table"
            summary={() => (
              <Table.Summary.Row>
                {columns.map((c, i) => (
                  <Table.Summary.Cell key={c.key} index={i} align={i === 0 ? 'left' : 'right'}>
                    {c.key === 'town' && (
                      <strong>{t('allocation.total', { group: name(p.groupName) })}</strong>
                    )}
                    {c.key === 'base' && <span className="ding-num">{num(p.groupBase)}</span>}
                    {c.key === 'proposed' && (
                      <span className="ding-num" data-testid="allocation-sum">
                        {p.allocates === 'numerator'
                          ? formatNumber(view.implied, decimals + 2, lang)
                          : num(view.implied)}
                      </span>
                    )}
                    {c.key === 'share' && (
                      <span className="ding-num">
                        {(view.rows.reduce((a, r) => a + r.share, 0) * 100).toFixed(1)}%
                      </span>
                    )}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )}
          />
          <Space wrap>
            <span>
              {t('allocation.groupTarget')}：
              <strong className="ding-num" data-testid="allocation-group-target">
                {num(p.groupTarget)}
              </strong>{' '}
              {unit}
            </span>
            <span>
              {t('allocation.implied')}：
              <strong className="ding-num" data-testid="allocation-implied">
                {p.allocates === 'numerator'
                  ? formatNumber(view.implied, decimals + 2, lang)
                  : num(view.implied)}
              </strong>{' '}
              {unit}
            </span>
            {checkTags}
          </Space>
          {isAdmin && (
            <Space orientation="vertical" style={{ width: '100%', maxWidth: 720 }}>
              <Input.TextArea
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t('allocation.reasonHelp')}
                data-testid="allocation-reason"
              />
              <Button
                type="primary"
                disabled={failing || !reason.trim()}
                loading={busy}
                onClick={approve}
                data-testid="allocation-approve"
              >
                {t('allocation.approve')}
              </Button>
            </Space>
          )}
        </>
      )}
      {approveError !== undefined && (
        <Alert type="error" showIcon title={errorText(approveError)} data-testid="allocation-error" />
      )}
      {approved && (
        <Alert
          type="success"
          showIcon
          data-testid="allocation-approved"
          title={t('allocation.approvedDetail', {
            version: approved.version,
            indicator: labels.indicatorName(approved.indicator),
            group: labels.regionName(approved.group),
          })}
        />
      )}
    </Space>
  );
}
