// 科技创新杯 (seed 四(四); issue 10 §5–7): the year's town evaluation — results per peer group (rank, total,
// dimension subtotals, 位次变化, awards), each town's breakdown with formulas and inputs, the scheme (a
// proposal until the bureau adopts it), evidence for bonus/deduction items (admin) and the XLSX.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { cupRankChangeText, type CupTownResult } from '@ding/core';
import { api } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/language.tsx';
import { cupGroupTowns, cupPointsText as pts } from '../lib/cup-view.ts';
import { formatSigned } from '../lib/format.ts';
import { testIdProps } from '../lib/test-id.ts';
import { useAsync } from '../lib/use-async.ts';
import { useQueryParam } from '../router/router.tsx';
import { useUser } from '../session/session.tsx';
import { CupBreakdownDrawer } from './cup/CupBreakdownDrawer.tsx';
import { CupEvidenceForm } from './cup/CupEvidenceForm.tsx';
import { CupEvidenceList } from './cup/CupEvidenceList.tsx';
import { CupSchemeView } from './cup/CupSchemeView.tsx';

export default function CupPage() {
  const { t, lang, name } = useI18n();
  const user = useUser();
  const [tab, setTab] = useQueryParam('tab');
  const [yearParam, setYearParam] = useQueryParam('year');
  const [opened, setOpened] = useState<string>();
  // The evaluation is of a whole year: last year until this one ends.
  const year = Number(yearParam) || new Date().getFullYear() - 1;

  const scheme = useAsync(() => api.cup.scheme(), []);
  const results = useAsync(() => api.cup.results(year), [year]);
  const s = scheme.data;
  const r = results.data;
  const openedTown = r?.towns.find((x) => x.region === opened);
  // The evidence list reloads when an entry is added (pending: the results do not change until it is approved).
  const [evidenceVersion, setEvidenceVersion] = useState(0);
  const evidenceChanged = () => setEvidenceVersion((v) => v + 1);

  const groupTables = useMemo(() => {
    if (!s || !r) return [];
    return s.groups
      .map((g) => ({ group: g, towns: cupGroupTowns(r, g.code) }))
      .filter((x) => x.towns.length > 0);
  }, [s, r]);

  const columns = s
    ? [
        {
          title: t('cup.rank'),
          key: 'rank',
          width: 64,
          render: (_: unknown, x: CupTownResult) => (
            <span data-testid={`cup-rank-${x.region}`}>{x.rankInGroup}</span>
          ),
        },
        {
          title: t('cup.town'),
          key: 'town',
          render: (_: unknown, x: CupTownResult) => (
            <Typography.Link onClick={() => setOpened(x.region)} data-testid={`cup-town-${x.region}`}>
              {name(x.name)}
            </Typography.Link>
          ),
        },
        {
          title: t('cup.total'),
          key: 'total',
          align: 'right' as const,
          render: (_: unknown, x: CupTownResult) => (
            <strong className="ding-num" data-testid={`cup-total-${x.region}`}>
              {pts(x.total)}
            </strong>
          ),
        },
        ...s.dimensions.map((d) => ({
          title: `${name(d.name)}（${d.points}）`,
          key: `dim-${d.code}`,
          align: 'right' as const,
          render: (_: unknown, x: CupTownResult) => (
            <span className="ding-num">{pts(x.dimensions.find((y) => y.code === d.code)?.points ?? 0)}</span>
          ),
        })),
        {
          title: t('cup.adjust'),
          key: 'adjust',
          align: 'right' as const,
          render: (_: unknown, x: CupTownResult) =>
            x.bonus === 0 && x.deduction === 0 ? (
              '—'
            ) : (
              <span className="ding-num">
                {x.bonus !== 0 && formatSigned(x.bonus, 2)}{' '}
                {x.deduction !== 0 && formatSigned(x.deduction, 2)}
              </span>
            ),
        },
        {
          title: t('cup.overall'),
          key: 'overall',
          align: 'right' as const,
          render: (_: unknown, x: CupTownResult) => x.rankOverall,
        },
        {
          title: t('cup.rankChange'),
          key: 'change',
          render: (_: unknown, x: CupTownResult) => {
            const c = cupRankChangeText(x.rankChange, lang);
            const color = { up: 'green', down: 'red', same: undefined, new: 'blue' }[c.tone];
            return (
              <Tag color={color} data-testid={`cup-change-${x.region}`}>
                {c.text}
              </Tag>
            );
          },
        },
        {
          title: t('cup.awards'),
          key: 'awards',
          render: (_: unknown, x: CupTownResult) => (
            <Space size={2} wrap>
              {x.awards.map((a) => (
                <Tag key={a.zh} color="gold">
                  {name(a)}
                </Tag>
              ))}
            </Space>
          ),
        },
      ]
    : [];

  const resultsView = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {r?.status === 'proposal' && (
        <Alert type="warning" showIcon title={t('cup.proposalHint')} data-testid="cup-proposal" />
      )}
      {r && r.warnings.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('cup.warnings', { n: r.warnings.length })}
          description={r.warnings.slice(0, 8).join('；')}
        />
      )}
      {groupTables.map(({ group, towns }) => (
        <Card
          key={group.code}
          size="small"
          title={`${name(group.name)} · ${t('cup.groupSize', { n: towns.length, top: group.top })}`}
          data-testid={`cup-group-${group.code}`}
        >
          <Table<CupTownResult>
            size="small"
            rowKey="region"
            dataSource={towns}
            columns={columns}
            pagination={false}
            onRow={(x) => testIdProps(`cup-row-${x.region}`)}
          />
        </Card>
      ))}
      {r && r.awards.length > 0 && (
        <Card size="small" title={t('cup.awardList')} data-testid="cup-awards">
          {r.awards.map((a) => (
            <p key={`${a.group}-${a.kind}`}>
              <Tag color="gold">{name(a.name)}</Tag>
              {a.regions
                .map((code) => name(r.towns.find((x) => x.region === code)?.name ?? { zh: code, en: code }))
                .join('、')}
            </p>
          ))}
        </Card>
      )}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={t('cup.title')}
        extra={
          <Space>
            <span>{t('cup.year')}</span>
            <InputNumber
              value={year}
              min={1990}
              max={2100}
              precision={0}
              onChange={(v) => v && setYearParam(String(v))}
              data-testid="cup-year"
            />
            <Button icon={<DownloadOutlined />} href={api.cup.xlsxUrl(year)} data-testid="cup-xlsx">
              {t('common.downloadXlsx')}
            </Button>
            <Button icon={<FileWordOutlined />} href={api.cup.noticeUrl(year)} data-testid="cup-notice">
              {t('cup.noticeDocx')}
            </Button>
          </Space>
        }
      />
      {scheme.error !== undefined && <ErrorAlert error={scheme.error} onRetry={scheme.reload} />}
      {results.error !== undefined && <ErrorAlert error={results.error} onRetry={results.reload} />}
      <Tabs
        activeKey={tab === 'scheme' || tab === 'evidence' ? tab : 'results'}
        onChange={(k) => setTab(k === 'results' ? undefined : k)}
        items={[
          { key: 'results', label: t('cup.tab.results'), children: resultsView },
          { key: 'scheme', label: t('cup.tab.scheme'), children: s && <CupSchemeView scheme={s} /> },
          ...(user.role === 'admin' && s && r
            ? [
                {
                  key: 'evidence',
                  label: t('cup.tab.evidence'),
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <CupEvidenceForm scheme={s} results={r} year={year} onSaved={evidenceChanged} />
                      <CupEvidenceList
                        scheme={s}
                        results={r}
                        year={year}
                        reloadKey={evidenceVersion}
                        onDecided={results.reload}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CupBreakdownDrawer
        town={openedTown}
        year={year}
        onClose={() => setOpened(undefined)}
        onRevised={results.reload}
      />
    </>
  );
}
