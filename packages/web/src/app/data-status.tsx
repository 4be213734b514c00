// Facts about the published data the whole app shows: the newest period with figures (the default of the
// period selectors) and whether the data contains synthetic figures (the "含合成演示数据" badge).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { periodCompare, periodOf, periodIsValid, type Period } from '@ding/core';
import { api } from '../api/endpoints.ts';
import { usePlan } from '../plan/plan-context.tsx';
import { periodCandidates, periodLastEnded } from '../lib/periods.ts';
import { progressHasSynthetic } from '../lib/progress-view.ts';

interface DataStatus {
  /** The newest period with published figures for the home county; undefined while looking. */
  latestPeriod: Period | undefined;
  /** True once any progress data seen in this session contains synthetic figures. */
  synthetic: boolean;
  reportSynthetic: (synthetic: boolean) => void;
}

const DataStatusContext = createContext<DataStatus | undefined>(undefined);

/** How many periods to try, newest first, before settling on the newest quarter that has ended. */
const PROBES = 8;

export function DataStatusProvider({ children }: { children: ReactNode }) {
  const { plan } = usePlan();
  const [latestPeriod, setLatest] = useState<Period>();
  const [probeSynthetic, setProbeSynthetic] = useState(false);
  const [pageSynthetic, setPageSynthetic] = useState(false);

  useEffect(() => {
    let live = true;
    const lastEnded = periodLastEnded(new Date());
    const planEnd = periodOf(plan.targetYear, 4);
    const start = periodCompare(lastEnded, planEnd) < 0 ? lastEnded : planEnd;
    (async () => {
      // The API has no "newest published period": try the newest round's period, then quarter by quarter.
      const rounds = await api.rounds.list().catch(() => []);
      const known = rounds.map((r) => r.period).filter(periodIsValid);
      for (const period of periodCandidates(known, start, PROBES)) {
        const rows = await api.progress.rows({ period, regions: [plan.home], lang: 'zh' }).catch(() => []);
        if (!live) return;
        if (rows.some((r) => r.value)) {
          setLatest(period);
          setProbeSynthetic(progressHasSynthetic(rows));
          return;
        }
      }
      if (live) setLatest(start);
    })();
    return () => {
      live = false;
    };
  }, [plan]);

  const reportSynthetic = useCallback((s: boolean) => setPageSynthetic(s), []);
  const value = useMemo(
    () => ({ latestPeriod, synthetic: probeSynthetic || pageSynthetic, reportSynthetic }),
    [latestPeriod, probeSynthetic, pageSynthetic, reportSynthetic],
  );
  return <DataStatusContext.Provider value={value}>{children}</DataStatusContext.Provider>;
}

export function useDataStatus(): DataStatus {
  const s = useContext(DataStatusContext);
  if (!s) throw new Error('useDataStatus outside DataStatusProvider');
  return s;
}
