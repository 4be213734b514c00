// DOCX → PDF by LibreOffice headless (the DOCX stays the one source of truth). Each conversion runs in its own
// temp directory with its own LibreOffice profile (-env:UserInstallation), so parallel conversions never share
// a lock, and under a timeout that kills the whole process group; the PDF reaches its destination only by a
// rename once complete, so a failure leaves no half-written file.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PdfOptions {
  /** Kill LibreOffice after this many milliseconds (default 60 s; a cold first start takes ~3 s). */
  timeoutMs?: number;
  /** The LibreOffice binary (default `soffice` on PATH). */
  soffice?: string;
}

/** Why a conversion failed: the cause is in the message, in Chinese and English. */
export class PdfConversionError extends Error {
  constructor(
    readonly reason: 'not_installed' | 'timeout' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'PdfConversionError';
  }
}

interface RunResult {
  code: number | null;
  stderr: string;
}

function runSoffice(bin: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // detached: its own process group, so the timeout kills soffice.bin and any child it forked.
    const child = spawn(bin, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new PdfConversionError(
              'not_installed',
              `LibreOffice 未安装 (LibreOffice is not installed): '${bin}' not found; apt-get install -y libreoffice-writer-nogui`,
            )
          : e,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(
          new PdfConversionError(
            'timeout',
            `LibreOffice 转换超时 (LibreOffice timed out): no PDF after ${timeoutMs} ms; the process was killed`,
          ),
        );
      } else resolve({ code, stderr });
    });
  });
}

/** The PDF of a DOCX, as a Buffer. */
export async function docxToPdf(docx: Buffer, options: PdfOptions = {}): Promise<Buffer> {
  const work = await mkdtemp(join(tmpdir(), 'ding-pdf-'));
  try {
    const input = join(work, 'report.docx');
    await writeFile(input, docx);
    const { code, stderr } = await runSoffice(
      options.soffice ?? 'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--nologo',
        '--convert-to',
        'pdf:writer_pdf_Export',
        '--outdir',
        work,
        input,
      ],
      options.timeoutMs ?? 60_000,
    );
    const output = join(work, 'report.pdf');
    const size = await stat(output).then(
      (s) => s.size,
      () => 0,
    );
    if (size === 0) {
      throw new PdfConversionError(
        'failed',
        `LibreOffice 转换失败 (LibreOffice conversion failed): exit code ${code}, no PDF written; ${stderr.trim().slice(0, 500)}`,
      );
    }
    return await readFile(output);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Convert and write to `outPath`: the PDF is written beside it under a temporary name and renamed into place
 * when complete (a rename within one directory is atomic), so `outPath` is either the whole PDF or untouched.
 */
export async function docxToPdfFile(docx: Buffer, outPath: string, options: PdfOptions = {}): Promise<void> {
  const pdf = await docxToPdf(docx, options);
  const partial = join(dirname(outPath), `.${process.pid}-${Date.now()}.pdf.partial`);
  try {
    await writeFile(partial, pdf);
    await rename(partial, outPath);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}
