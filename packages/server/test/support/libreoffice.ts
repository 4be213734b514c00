// LibreOffice for the tests that read files written by a real spreadsheet program.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** `soffice --version`, or undefined when LibreOffice is not installed (those tests skip locally, fail in CI). */
export async function sofficeVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('soffice', ['--version'], { timeout: 30_000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}
