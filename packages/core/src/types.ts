// Branded domain types: a region code is not an indicator code, a percent is not a count.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** NBS administrative code (e.g. '330282') or a plan-defined group code (e.g. '330282-QW'). */
export type RegionCode = Brand<string, 'RegionCode'>;
/** Indicator code from the plan (e.g. 'rd_gdp_ratio'). */
export type IndicatorCode = Brand<string, 'IndicatorCode'>;
/** Department code from the plan (e.g. 'kjj' for 市科技局). */
export type DepartmentCode = Brand<string, 'DepartmentCode'>;
/** A value in percent (4.35 means 4.35%). */
export type Percent = Brand<number, 'Percent'>;
/** An ISO date 'YYYY-MM-DD'. */
export type IsoDate = Brand<string, 'IsoDate'>;

export const regionCode = (s: string) => s as RegionCode;
export const indicatorCode = (s: string) => s as IndicatorCode;
export const departmentCode = (s: string) => s as DepartmentCode;
export const percent = (n: number) => n as Percent;
export const isoDate = (s: string) => s as IsoDate;

export interface LocalizedName {
  zh: string;
  en: string;
}

/** A typed result: success with a value, or a list of located errors. Never both. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; errors: E[] };

/** Fail at compile time when a switch over a union misses a case. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
