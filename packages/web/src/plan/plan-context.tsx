// The active plan (GET /plan), loaded once per session and shared by every page, with its name lookups.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import type { Plan } from '@ding/core';
import { api } from '../api/endpoints.ts';
import { useI18n } from '../i18n/language.tsx';
import { errorText } from '../lib/error-text.ts';
import { planLabels, type PlanLabels } from './labels.ts';

interface PlanContextValue {
  plan: Plan;
  /** Stored version of the plan in force (sent back with edits so a stale edit is refused). */
  version: number | undefined;
  labels: PlanLabels;
  reload: () => Promise<void>;
}

const PlanContext = createContext<PlanContextValue | undefined>(undefined);

export function PlanProvider({ children }: { children: ReactNode }) {
  const { t, lang } = useI18n();
  const [loaded, setLoaded] = useState<{ plan: Plan; version: number | undefined }>();
  const [error, setError] = useState<unknown>();
  const load = useCallback(async () => {
    setError(undefined);
    try {
      setLoaded(await api.plan.get());
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const value = useMemo(
    () => (loaded ? { ...loaded, labels: planLabels(loaded.plan, lang), reload: load } : undefined),
    [loaded, lang, load],
  );
  if (error && !loaded) {
    return (
      <Result
        status="error"
        title={t('app.planLoadFailed')}
        subTitle={errorText(error, { network: t('error.network'), generic: t('error.generic') })}
        extra={<Button onClick={() => void load()}>{t('app.retry')}</Button>}
      />
    );
  }
  if (!value) return <Spin size="large" className="ding-center" />;
  return <PlanContext.Provider value={value}>{children}</PlanContext.Provider>;
}

export function usePlan(): PlanContextValue {
  const p = useContext(PlanContext);
  if (!p) throw new Error('usePlan outside PlanProvider');
  return p;
}
