// Selectors shared by pages: the collection round (kept in the URL as ?round=) and the period.
import { useEffect, useMemo } from 'react';
import { Select, Tag, type SelectProps } from 'antd';
import { periodCompare, type Period } from '@ding/core';
import { api } from '../api/endpoints.ts';
import type { Round } from '../api/types.ts';
import { useI18n } from '../i18n/language.tsx';
import { periodGroupsBetween, periodLabel, periodQuartersDescending } from '../lib/periods.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePlan } from '../plan/plan-context.tsx';
import { useQueryParam } from '../router/router.tsx';
import { optionWithTestId } from './option-test-id.tsx';

export interface RoundChoice {
  rounds: Round[] | undefined;
  round: Round | undefined;
  setRound: (id: string | undefined) => void;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** Rounds newest first; the chosen one from ?round=, else the newest open round. */
export function useRoundChoice(openOnly: boolean): RoundChoice {
  const { data, loading, error, reload } = useAsync(() => api.rounds.list(), []);
  const [param, setParam] = useQueryParam('round');
  const rounds = useMemo(
    () =>
      data
        ?.filter((r) => !openOnly || r.status === 'open')
        .sort((a, b) => periodCompare(b.period as Period, a.period as Period)),
    [data, openOnly],
  );
  const round = rounds?.find((r) => String(r.id) === param) ?? (param ? undefined : rounds?.[0]);
  // Write the default into the URL so a reload or a shared link shows the same round.
  useEffect(() => {
    if (!param && rounds?.[0]) setParam(String(rounds[0].id));
  }, [param, rounds, setParam]);
  return { rounds, round, setRound: setParam, loading, error, reload };
}

export function RoundSelect({ choice, width = 260 }: { choice: RoundChoice; width?: number }) {
  const { t, lang } = useI18n();
  return (
    <Select
      style={{ width }}
      loading={choice.loading}
      placeholder={choice.rounds?.length === 0 ? t('common.noOpenRound') : t('common.selectRound')}
      value={choice.round ? String(choice.round.id) : undefined}
      onChange={(v: string) => choice.setRound(v)}
      data-testid="round-select"
      optionRender={optionWithTestId('round-select')}
      options={(choice.rounds ?? []).map((r) => ({
        value: String(r.id),
        label: (
          <span>
            {periodLabel(r.period, lang)}
            {r.status === 'closed' && (
              <Tag style={{ marginInlineStart: 8 }}>{t('tasks.roundStatus.closed')}</Tag>
            )}
          </span>
        ),
      }))}
    />
  );
}

/** Years of the plan up to the current year (baseline year first: it holds the base of the targets). */
export function usePlanYears(): { from: number; to: number } {
  const { plan } = usePlan();
  const thisYear = new Date().getFullYear();
  return { from: plan.baselineYear, to: Math.max(plan.baselineYear, Math.min(plan.targetYear, thisYear)) };
}

export function PeriodSelect({
  value,
  onChange,
  quartersOnly = false,
  testId = 'period-select',
  width = 240,
  allowClear = false,
}: {
  value: string | undefined;
  onChange: (p: string | undefined) => void;
  quartersOnly?: boolean;
  testId?: string;
  width?: number;
  allowClear?: boolean;
}) {
  const { lang } = useI18n();
  const { from, to } = usePlanYears();
  const options = useMemo<SelectProps['options']>(() => {
    const option = (p: string) => ({
      value: p,
      label: periodLabel(p, lang),
      search: `${p} ${periodLabel(p, lang)}`,
    });
    if (quartersOnly) return periodQuartersDescending(from, to).map(option);
    return periodGroupsBetween(from, to).map((g) => ({
      label: lang === 'zh' ? `${g.year}年` : String(g.year),
      options: g.periods.map(option),
    }));
  }, [from, to, lang, quartersOnly]);
  return (
    <Select
      style={{ width }}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      options={options}
      showSearch={{ optionFilterProp: 'search' }}
      allowClear={allowClear}
      optionRender={optionWithTestId(testId)}
      data-testid={testId}
    />
  );
}
