// The report renderer read back: the DOCX's XML (page setup, fonts, widths, header rows, 页码), then the PDF
// LibreOffice makes of it (text, fonts, a look at pages 1–2). Skipped without soffice, unless CI is set.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentNumbers, textPart, type ReportDocument } from '@ding/core';
import {
  docxToPdf,
  docxToPdfFile,
  PdfConversionError,
  reportDocx,
  reportSampleDocument,
  tableColumnWidths,
} from '../src/index.ts';
import { mmToTwips, ptToHalfPoints } from '../src/report/gongwen.ts';
import { chartFontFiles, chartRender, mmToPx } from '../src/report/charts.ts';
import { sofficeVersion } from './support/libreoffice.ts';

const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'ding-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 60 附表 rows at 14 pt a row: more than one page (the 版心 is 225 mm ≈ 638 pt). */
const SAMPLE = reportSampleDocument({ annexRows: 60 });

async function unzipDocx(buf: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) out[name] = await zip.file(name)!.async('string');
  }
  out['@media'] = Object.keys(zip.files)
    .filter((n) => n.startsWith('word/media/'))
    .join(',');
  return out;
}

const all = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[0]);
const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
/** The text of a run or paragraph: its w:t contents joined. */
const text = (xml: string) =>
  all(xml, /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)
    .map((t) => t.replace(/<[^>]+>/g, ''))
    .join('');

let xml: Record<string, string>;
let docxBuf: Buffer;
beforeAll(async () => {
  docxBuf = await reportDocx(SAMPLE);
  xml = await unzipDocx(docxBuf);
});

describe('GB/T 9704 page setup in twips', () => {
  it('A4 and the 版心 margins: 1 mm = 1440/25.4 twips, rounded', () => {
    // 210 mm = 11905.5 → 11906; 297 mm = 16837.8 → 16838 (Word's own A4); 37 mm = 2097.6 → 2098;
    // 35 mm = 1984.25 → 1984; 28 mm = 1587.4 → 1587; 26 mm = 1474.0 → 1474; footer 23 mm = 1303.9 → 1304.
    expect([210, 297, 37, 35, 28, 26, 23].map(mmToTwips)).toEqual([
      11906, 16838, 2098, 1984, 1587, 1474, 1304,
    ]);
    const doc = xml['word/document.xml']!;
    const pgSz = all(doc, /<w:pgSz [^>]*>/g)[0]!;
    expect([attr(pgSz, 'w:w'), attr(pgSz, 'w:h')]).toEqual(['11906', '16838']);
    const pgMar = all(doc, /<w:pgMar [^>]*>/g)[0]!;
    expect(['w:top', 'w:bottom', 'w:left', 'w:right', 'w:footer'].map((a) => attr(pgMar, a))).toEqual([
      '2098',
      '1984',
      '1587',
      '1474',
      '1304',
    ]);
  });

  it('body: 仿宋_GB2312 三号 (16 pt = w:sz 32), exact 28.95 pt lines (579 twips), 2-character indent', () => {
    const doc = xml['word/document.xml']!;
    const para = all(doc, /<w:p>(?:(?!<\/w:p>).)*技术交易额完成(?:(?!<\/w:p>).)*<\/w:p>/g)[0]!;
    expect(para).toContain('<w:spacing w:line="579" w:lineRule="exact"/>');
    expect(para).toContain('w:firstLine="640"'); // 2 × 16 pt × 20
    expect(para).toContain(`<w:sz w:val="${ptToHalfPoints(16)}"/>`);
    expect(para).toContain('w:eastAsia="仿宋_GB2312"');
    // −0.25 pt a character: 28 × 15.75 pt = 441 pt fits the 442.2 pt line (156 mm).
    expect(para).toContain('<w:spacing w:val="-5"/>');
  });
});

describe('the DOCX as WPS and Word need it', () => {
  it('every run with text names its font in ascii, hAnsi and eastAsia (document, footers, styles)', () => {
    for (const part of ['word/document.xml', 'word/footer1.xml', 'word/footer2.xml']) {
      const runs = all(xml[part]!, /<w:r>(?:(?!<\/w:r>).)*<\/w:r>/g).filter((r) =>
        /<w:t[ >]|<w:tab\/>/.test(r),
      );
      expect(runs.length, part).toBeGreaterThan(0);
      for (const r of runs) {
        const f = all(r, /<w:rFonts [^>]*>/g)[0];
        expect(f, `${part}: ${text(r)}`).toBeDefined();
        expect([attr(f!, 'w:ascii'), attr(f!, 'w:hAnsi')]).toEqual([
          attr(f!, 'w:eastAsia'),
          attr(f!, 'w:eastAsia'),
        ]);
      }
    }
    for (const part of ['word/document.xml', 'word/footer1.xml', 'word/styles.xml']) {
      for (const f of all(xml[part]!, /<w:rFonts [^>]*>/g))
        expect(attr(f, 'w:eastAsia'), `${part}: ${f}`).toBeTruthy();
    }
  });

  it('headings: 一、 in 黑体, （一） in 楷体_GB2312, 1. in bold 仿宋_GB2312 — numbering in the text', () => {
    const doc = xml['word/document.xml']!;
    const runOf = (t: string) => all(doc, /<w:r>(?:(?!<\/w:r>).)*<\/w:r>/g).find((r) => text(r) === t)!;
    expect(runOf('一、总体情况')).toContain('w:eastAsia="黑体"');
    expect(runOf('（一）研发投入')).toContain('w:eastAsia="楷体_GB2312"');
    const h3 = runOf('1.R&amp;D经费支出占GDP比重');
    expect(h3).toContain('w:eastAsia="仿宋_GB2312"');
    expect(h3).toContain('<w:b/>');
  });

  it('every table cell carries its own width (w:tcW in dxa), equal to the sum of the columns it spans', () => {
    const doc = xml['word/document.xml']!;
    const tables = all(doc, /<w:tbl>(?:(?!<\/w:tbl>).)*<\/w:tbl>/g);
    expect(tables).toHaveLength(2);
    const annex = SAMPLE.blocks.filter((b) => b.kind === 'table')[1]!;
    const widths = tableColumnWidths(annex.kind === 'table' ? annex.columns : []);
    // 附表 widths in characters of 五号 (10.5 pt) + 2 × 1 mm padding: 9 chars → 9 × 10.5 × 20 + 2 × 57 = 2004.
    expect(widths[0]).toBe(2004);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(mmToTwips(156));
    for (const t of tables) {
      const cells = all(t, /<w:tc>(?:(?!<\/w:tc>).)*<\/w:tc>/g);
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells)
        expect(c).toMatch(/<w:tcW w:type="dxa" w:w="\d+"\/>|<w:tcW w:w="\d+" w:type="dxa"\/>/);
    }
    const annexXml = tables[1]!;
    const firstRowWidths = all(all(annexXml, /<w:tr>(?:(?!<\/w:tr>).)*?<\/w:tr>/g)[0]!, /<w:tcW [^>]*>/g).map(
      (w) => Number(attr(w, 'w:w')),
    );
    expect(firstRowWidths).toEqual(widths);
    expect(annexXml).toContain('<w:tblLayout w:type="fixed"/>');
  });

  it('header rows repeat on every page (w:tblHeader) and only header rows do', () => {
    const doc = xml['word/document.xml']!;
    const tables = all(doc, /<w:tbl>(?:(?!<\/w:tbl>).)*<\/w:tbl>/g);
    for (const t of tables) {
      const rows = all(t, /<w:tr>(?:(?!<\/w:tr>).)*?<\/w:tr>/g);
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(rows.slice(1).filter((r) => r.includes('<w:tblHeader'))).toEqual([]);
    }
    expect(all(tables[1]!, /<w:tr>/g)).toHaveLength(61);
  });

  it('no TOC field: the only field is PAGE in the footers', () => {
    const parts = Object.entries(xml).filter(([n]) => n.startsWith('word/'));
    for (const [name, x] of parts) {
      expect(x, name).not.toMatch(/TOC\b/);
      expect(x, name).not.toContain('w:fldSimple');
    }
    const fieldCodes = parts.flatMap(([, x]) =>
      [...x.matchAll(/<w:instrText[^>]*>([^<]*)</g)].map((m) => m[1]!.trim()),
    );
    expect(new Set(fieldCodes.filter(Boolean))).toEqual(new Set(['PAGE']));
  });

  it('页码 "— N —" in 宋体 4号: odd pages (default footer) right, even pages left, one 14 pt character in', () => {
    expect(xml['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const doc = xml['word/document.xml']!;
    const refs = all(doc, /<w:footerReference [^>]*>/g).map((r) => [attr(r, 'w:type'), attr(r, 'r:id')]);
    expect(refs.map((r) => r[0])).toEqual(['default', 'even']);
    const rels = xml['word/_rels/document.xml.rels']!;
    const target = (id: string) =>
      `word/${attr(all(rels, new RegExp(`<Relationship [^>]*Id="${id}"[^>]*>`, 'g'))[0]!, 'Target')}`;
    const odd = xml[target(refs[0]![1]!)]!;
    const even = xml[target(refs[1]![1]!)]!;
    for (const f of [odd, even]) {
      expect(text(f)).toBe('—  —'); // "— " + PAGE + " —"
      expect(f).toContain('PAGE');
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>'); // 4号 14 pt
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(odd).toContain('<w:ind w:right="280"/>');
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(even).toContain('<w:ind w:left="280"/>');
  });

  it('报头: title, 期数, editor and date over a rule; black by default, red (E60012) in the 红头 variant', async () => {
    const doc = xml['word/document.xml']!;
    const paras = all(doc, /<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/g).slice(0, 3);
    expect(paras[2]).toContain('<w:tab/>');
    expect(paras.map(text)).toEqual([
      '慈溪市科技创新统计季报',
      '2025年第3期（总第12期）',
      '慈溪市科学技术局编2025年10月20日',
    ]);
    expect(paras[0]).toContain('w:eastAsia="方正小标宋简体"');
    expect(paras[0]).toContain('<w:color w:val="000000"/>');
    expect(paras[2]).toMatch(/<w:bottom [^>]*w:color="000000"/);
    const red = await unzipDocx(await reportDocx({ ...SAMPLE, meta: { ...SAMPLE.meta, redHeader: true } }));
    const redParas = all(red['word/document.xml']!, /<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/g).slice(0, 3);
    expect(redParas[0]).toContain('<w:color w:val="E60012"/>');
    expect(redParas[2]).toMatch(/<w:bottom [^>]*w:color="E60012"/);
  });

  it('prints every number part exactly as the model has it, and the 注 at the end', () => {
    const body = text(xml['word/document.xml']!);
    const numbers = documentNumbers(SAMPLE);
    // 60 附表 rows × 7 numbers + 19 towns × 4 + the sentences'.
    expect(numbers.length).toBeGreaterThan(500);
    let at = 0;
    for (const n of numbers) {
      const i = body.indexOf(n.part.text, at);
      expect(i, `${n.path} '${n.part.text}'`).toBeGreaterThanOrEqual(0);
      at = i + n.part.text.length;
    }
    expect(body).toContain('1—9月，全市（含前湾）技术交易额完成58.36亿元，同比增长12.3%');
    expect(body.endsWith('本期数据为合成演示数据。')).toBe(true);
    expect(body).toContain('注：全市（含前湾）指慈溪市域');
  });

  it('charts: an SVG with its PNG fallback each', () => {
    const media = xml['@media']!.split(',').sort();
    expect(media).toEqual([
      'word/media/image1.png',
      'word/media/image1.svg',
      'word/media/image2.png',
      'word/media/image2.svg',
    ]);
    expect(xml['word/document.xml']).toContain('asvg:svgBlip');
  });

  it('refuses a malformed document, naming the block and row', async () => {
    const bad: ReportDocument = {
      ...SAMPLE,
      blocks: [
        {
          kind: 'table',
          caption: 'x',
          columns: [{ label: 'a', width: { chars: 4 }, align: 'left' }],
          rows: [[textPart('1'), textPart('2')]],
          notes: [],
        },
      ],
    };
    await expect(reportDocx(bad)).rejects.toThrow('blocks[0] (table).rows[0]: 2 cells, table has 1 columns');
  });
});

describe('charts: ECharts SSR → SVG → PNG', () => {
  it('renders the spec at the 版心 width (156 mm = 590 px at 96 px/in) as SVG text and a 3× PNG', async () => {
    expect(mmToPx(156)).toBe(590); // 156 / 25.4 × 96 = 589.6
    const chart = SAMPLE.blocks.find((b) => b.kind === 'chart');
    if (chart?.kind !== 'chart') throw new Error('sample has no chart');
    const r = await chartRender(chart.chart);
    expect([r.widthPx, r.heightPx]).toEqual([590, 321]); // 85 mm = 321.3 px
    expect(r.svg).toContain('各镇（街道）规上工业R&amp;D经费支出及增速');
    expect(r.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR width and height: 3 × 590 = 1770, 3 × 321 = 963.
    expect([r.png.readUInt32BE(16), r.png.readUInt32BE(20)]).toEqual([1770, 963]);
  });

  it('names the missing font files instead of drawing tofu', () => {
    expect(() => chartFontFiles([join(tmp, 'NoSuchCJK.ttc')])).toThrow(
      /图表字体缺失.*NoSuchCJK\.ttc.*fonts-noto-cjk/,
    );
  });
});

describe('PDF conversion errors', () => {
  it('names LibreOffice as missing when the binary does not exist', async () => {
    const e = await docxToPdf(Buffer.from('x'), { soffice: join(tmp, 'no-such-soffice') }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(PdfConversionError);
    expect((e as PdfConversionError).reason).toBe('not_installed');
    expect((e as Error).message).toContain('LibreOffice 未安装');
  });

  it('kills a hanging LibreOffice at the timeout and leaves no file behind', async () => {
    const fake = join(tmp, 'hanging-soffice');
    writeFileSync(fake, '#!/bin/sh\nsleep 30\n');
    chmodSync(fake, 0o755);
    const outDir = join(tmp, 'out-timeout');
    mkdirSync(outDir);
    const started = Date.now();
    const e = await docxToPdfFile(Buffer.from('x'), join(outDir, 'r.pdf'), {
      soffice: fake,
      timeoutMs: 300,
    }).catch((x: unknown) => x);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((e as PdfConversionError).reason).toBe('timeout');
    expect((e as Error).message).toContain('超时');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('reports a conversion that wrote nothing as failed, with the exit code', async () => {
    const fake = join(tmp, 'failing-soffice');
    writeFileSync(fake, '#!/bin/sh\necho "source file could not be loaded" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const e = await docxToPdf(Buffer.from('x'), { soffice: fake }).catch((x: unknown) => x);
    expect((e as PdfConversionError).reason).toBe('failed');
    expect((e as Error).message).toMatch(/exit code 1.*source file could not be loaded/);
  });
});

const version = await sofficeVersion();
if (version) {
  describe(`the PDF made by ${version}`, () => {
    it('has the title and the tables as text, CJK fonts embedded (no Type 3), pages 1–2 for a look', async () => {
      const pdfPath = join(tmp, 'report.pdf');
      await docxToPdfFile(docxBuf, pdfPath, { timeoutMs: 120_000 });
      expect(readdirSync(tmp).filter((n) => n.endsWith('.partial'))).toEqual([]);
      const { stdout: txt } = await run('pdftotext', ['-layout', pdfPath, '-']);
      expect(txt).toContain('慈溪市科技创新统计季报');
      expect(txt).toContain('附表');
      expect(txt).toContain('技术交易额');
      expect(txt).toContain('浒山街道');
      expect(txt).toMatch(/—\s*2\s*—/);
      const { stdout: fonts } = await run('pdffonts', [pdfPath]);
      expect(fonts).toMatch(/CJK|UKai/);
      expect(fonts).not.toMatch(/Type 3/);
      const { stdout: info } = await run('pdfinfo', [pdfPath]);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(4);
      const art = join(process.cwd(), 'artifacts', 'report');
      mkdirSync(art, { recursive: true });
      await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdfPath, join(art, 'sample-page')]);
      expect(existsSync(join(art, 'sample-page-1.png')) || existsSync(join(art, 'sample-page-01.png'))).toBe(
        true,
      );
    });
  });
} else if (process.env.CI) {
  describe('report PDF', () => {
    it('needs soffice in CI', () => {
      throw new Error(
        'soffice (LibreOffice) is not installed; CI requires it: apt-get install -y libreoffice-writer-nogui',
      );
    });
  });
} else {
  describe.skip('report PDF (soffice not installed)', () => {
    it('skipped', () => undefined);
  });
}
