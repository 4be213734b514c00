// Facts about the published data the whole app shows: the newest period with figures (the default of the
// period selectors) and whether the data contains synthetic figures (the "含合成演示数据" badge).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { periodCompare, periodIsValid, periodOf, type Period } from '@ding/core';
import { api } from '../api/endpoints.ts';
import { usePlan } from '../plan/plan-context.tsx';
import { periodLastEnded } from '../lib/periods.ts';
import { progressHasSynthetic } from '../lib/progress-view.ts';

interface DataStatus {
  /** The newest period with published figures for the home county; undefined while looking. */
  latestPeriod: Period | undefined;
  /** True once any progress data seen in this session contains synthetic figures. */
  synthetic: boolean;
  reportSynthetic: (synthetic: boolean) => void;
}

const DataStatusContext = createContext<DataStatus | undefined>(undefined);

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
    // Without a period the server answers for the latest quarter that has data; the rows name it.
    api.progress
      .rows({ regions: [plan.home], lang: 'zh' })
      .then((rows) => {
        if (!live) return;
        const period = rows[0]?.period;
        setLatest(period && periodIsValid(period) ? period : start);
        setProbeSynthetic(progressHasSynthetic(rows));
      })
      .catch(() => {
        if (live) setLatest(start); // no data yet (404): the newest quarter that has ended
      });
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
