// Facts about the published data the whole app shows, from GET /periods/current: the current period (the
// default of the period selectors — one rule, core's currentPeriodResolve), the quarter being collected,
// and whether any published figure is synthetic (the "含合成演示数据" badge, on every page).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { periodCompare, periodIsValid, periodOf, type Period } from '@ding/core';
import { api } from '../api/endpoints.ts';
import type { CurrentPeriod, PeriodPublication } from '../api/types.ts';
import { usePlan } from '../plan/plan-context.tsx';
import { periodLastEnded } from '../lib/periods.ts';

interface DataStatus {
  /** The current period (the latest whose core figures are substantially published); undefined while looking. */
  currentPeriod: Period | undefined;
  /** A later quarter with some figures published, still being collected (填报中). */
  collecting: PeriodPublication | undefined;
  /** The server's answer; undefined while looking or when it could not be read. */
  status: CurrentPeriod | undefined;
  /** True when any published figure in force is synthetic, or any data a page showed was. */
  synthetic: boolean;
  reportSynthetic: (synthetic: boolean) => void;
  /** Ask again (after a publication). */
  reload: () => void;
}

const DataStatusContext = createContext<DataStatus | undefined>(undefined);

export function DataStatusProvider({ children }: { children: ReactNode }) {
  const { plan } = usePlan();
  const [status, setStatus] = useState<CurrentPeriod>();
  const [fallback, setFallback] = useState<Period>();
  const [pageSynthetic, setPageSynthetic] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    const lastEnded = periodLastEnded(new Date());
    const planEnd = periodOf(plan.targetYear, 4);
    const start = periodCompare(lastEnded, planEnd) < 0 ? lastEnded : planEnd;
    api.periods
      .current()
      .then((s) => {
        if (!live) return;
        setStatus(s);
        setFallback(s.period && periodIsValid(s.period) ? undefined : start);
      })
      .catch(() => {
        if (live) setFallback(start); // unreadable: the newest quarter that has ended
      });
    return () => {
      live = false;
    };
  }, [plan, generation]);

  const reportSynthetic = useCallback((s: boolean) => setPageSynthetic(s), []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const value = useMemo<DataStatus>(() => {
    const period = status?.period;
    return {
      currentPeriod: period && periodIsValid(period) ? period : fallback,
      collecting: status?.collecting ?? undefined,
      status,
      synthetic: (status?.synthetic ?? false) || pageSynthetic,
      reportSynthetic,
      reload,
    };
  }, [status, fallback, pageSynthetic, reportSynthetic, reload]);
  return <DataStatusContext.Provider value={value}>{children}</DataStatusContext.Provider>;
}

export function useDataStatus(): DataStatus {
  const s = useContext(DataStatusContext);
  if (!s) throw new Error('useDataStatus outside DataStatusProvider');
  return s;
}
