// The steps of one e2e story (a round, a report, a town's targets): they share state, so after a failure the
// later steps are skipped (their failures would only repeat it) and every open page is screenshotted as
// failure-<story>-<step>-<n>.png; errors thrown in the pages during a step fail it.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { screenshot } from './browser.ts';

export interface StoryOptions {
  /** The screenshot prefix, e.g. 'report'. */
  name: string;
  /** The pages open now (read at failure time). */
  pages: () => Page[];
  /** Errors thrown in the pages so far (appended by `page.on('pageerror')`); a step adding any fails. */
  pageErrors?: readonly string[];
  /** Default timeout of a step, ms. */
  timeout: number;
}

export function storySteps(options: StoryOptions) {
  let broken: string | undefined;
  return function step(name: string, fn: () => Promise<void>, timeout = options.timeout): void {
    it(
      name,
      async (ctx) => {
        if (broken) ctx.skip(`an earlier step failed: ${broken}`);
        ctx.onTestFailed(async () => {
          broken ??= name;
          const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
          for (const [i, page] of options.pages().entries())
            await screenshot(page, `failure-${options.name}-${slug}-${i}`).catch(() => undefined);
        });
        const errorsBefore = options.pageErrors?.length ?? 0;
        await fn();
        if (options.pageErrors)
          expect(options.pageErrors.slice(errorsBefore), 'errors thrown in the page').toEqual([]);
      },
      timeout,
    );
  };
}
