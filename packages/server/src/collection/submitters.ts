// Who a signed-in user reports for, what a submitter is called, and which period a figure of a round has.
import {
  periodOf,
  periodParse,
  regionName,
  type Actor,
  type Indicator,
  type Lang,
  type Period,
  type Plan,
  type RegionCode,
} from '@ding/core';

/** What every collection service needs to know about the caller. */
export interface CollectionUser extends Actor {
  id: string;
  username: string;
}

/** The submitter an admin's uploads are filed under (their rows keep the owing submitter). */
export const ADMIN_SUBMITTER = 'admin';

/**
 * The submitter key a reporter writes for: a town reporter its town ('town:330282004'), a department
 * reporter its department ('department:tjj'). Admins and leaders report for no one.
 */
export function submitterOfUser(user: Actor): string | undefined {
  switch (user.role) {
    case 'town':
      return user.region ? `town:${user.region}` : undefined;
    case 'department':
      return user.department ? `department:${user.department}` : undefined;
    case 'admin':
    case 'leader':
      return undefined;
  }
}

/** '浒山街道' for 'town:330282004', '市统计局' for 'department:tjj'; the key itself when unknown. */
export function submitterName(plan: Plan, submitter: string, lang: Lang = 'zh'): string {
  const [kind, code] = splitKey(submitter);
  if (kind === 'town' && code) return regionName(plan, code as RegionCode, lang);
  if (kind === 'department' && code) {
    const dept = plan.departments.find((d) => d.code === code);
    return dept ? dept.name[lang] : code;
  }
  return submitter;
}

function splitKey(key: string): [string, string | undefined] {
  const i = key.indexOf(':');
  return i < 0 ? [key, undefined] : [key.slice(0, i), key.slice(i + 1)];
}

/**
 * The period a figure owed in a round is reported for: the round's period, except that an annual
 * indicator owed in a Q4 round is the year's figure ('2025', not '2025Q4') — the engine and the import
 * treat annual indicators as having no quarterly figures.
 */
export function figurePeriod(ind: Pick<Indicator, 'frequency'>, roundPeriod: Period): Period {
  const { year, quarter } = periodParse(roundPeriod);
  return ind.frequency === 'annual' && quarter !== undefined ? periodOf(year) : roundPeriod;
}

/** The period before (the template's 上期值): core's, kept on the collection module's surface. */
export { periodPrevious } from '@ding/core';
