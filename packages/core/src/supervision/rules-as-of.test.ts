// The timeline and the reports as they stood at the end of a past China day (the 督查通报 of a month is computed
// as of its last day): events and reports after it left out, a later decision undone.
import { describe, expect, it } from 'vitest';
import type { SupervisionEvent } from './model.ts';
import { eventsAsOf, reportsAsOf } from './rules.ts';

describe('eventsAsOf / reportsAsOf', () => {
  it('keeps what happened by the end of the China day (23:30 北京时间 is still that day)', () => {
    const events: SupervisionEvent[] = [
      { kind: 'created', at: '2026-11-01T01:00:00Z', by: 'admin' },
      // 2026-11-30 23:30 北京时间
      { kind: 'acknowledged', at: '2026-11-30T15:30:00Z', by: 'kjj' },
      // 2026-12-01 00:30 北京时间
      { kind: 'report_submitted', at: '2026-11-30T16:30:00Z', by: 'kjj' },
    ];
    expect(eventsAsOf(events, '2026-11-30').map((e) => e.kind)).toEqual(['created', 'acknowledged']);
    expect(eventsAsOf(events, '2026-10-31')).toEqual([]);
  });

  it('drops reports submitted later and undoes a decision taken after the day', () => {
    const base = { period: '2026-10', unit: 'kjj', text: '进展', percentDone: 40 };
    const reports = [
      {
        ...base,
        id: 'r1',
        submittedAt: '2026-11-03T02:00:00Z',
        status: 'returned' as const,
        decidedAt: '2026-12-02T02:00:00Z',
        decidedBy: 'admin',
        returnReason: '缺少佐证材料',
      },
      {
        ...base,
        id: 'r2',
        submittedAt: '2026-11-04T02:00:00Z',
        status: 'accepted' as const,
        decidedAt: '2026-11-05T02:00:00Z',
        decidedBy: 'admin',
      },
      { ...base, id: 'r3', submittedAt: '2026-12-03T02:00:00Z', status: 'submitted' as const },
    ];
    const asOf = reportsAsOf(reports, '2026-11-30');
    expect(asOf.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(asOf[0]).toEqual({ ...base, id: 'r1', submittedAt: '2026-11-03T02:00:00Z', status: 'submitted' });
    expect(asOf[1]).toBe(reports[1]);
  });
});
