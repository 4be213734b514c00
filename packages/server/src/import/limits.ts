// Bounds on what an import or upload may make the server read: zip sizes checked before inflating, rows, cells, errors.
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';

const MiB = 1024 * 1024;

/**
 * Issue 16 item 5: crafted workbooks took the server to 2.5 GB and froze it for 24 s. An .xlsx is a
 * zip of XML parts; ExcelJS inflates every part and builds the whole workbook in memory (about 10×
 * the XML), so the XML is bounded before anything is inflated. 200 MiB of sheet XML is ~1.5 million
 * filled cells — far above a county's quarterly file (hundreds of rows) or a 200k-row history load.
 */
export const IMPORT_LIMITS = {
  /** Sum of the declared uncompressed sizes of all parts. */
  maxUncompressedBytes: 200 * MiB,
  /** A part may inflate to at most this many times its compressed size … */
  maxEntryRatio: 100,
  /** … once it is larger than this (small parts such as styles.xml legitimately compress well). */
  ratioCheckFromBytes: 1 * MiB,
  /** Parts in one archive (a workbook has a few dozen). */
  maxEntries: 10_000,
  /** Non-empty rows per file, all sheets together (the 200k-row bench load fits twice over). */
  maxRows: 500_000,
  /** Cells per file (columns × rows read), all sheets together. */
  maxCells: 5_000_000,
  /** Errors listed one by one; the rest are counted by kind in one summary error. */
  maxListedErrors: 100,
  /** How much of an offending cell an error message quotes. */
  maxQuotedChars: 200,
  /** Notes, sources, citations and reasons: the entry grid's limit (http/schemas/collection.ts, max(2000)). */
  maxTextChars: 2000,
} as const;

export interface ZipEntrySize {
  name: string;
  compressed: number;
  uncompressed: number;
}

/** Why a zip is refused, naming the part: undefined when it is within the limits. */
export type ZipRefusal =
  | { kind: 'not_a_zip'; reason: string }
  | { kind: 'too_many_entries'; entries: number; max: number }
  | { kind: 'entry_ratio'; entry: string; compressed: number; uncompressed: number; max: number }
  | { kind: 'total_size'; entry: string; total: number; max: number }
  | { kind: 'size_mismatch'; entry: string; declared: number };

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The parts of a zip as its central directory lists them (APPNOTE.TXT 4.3.12–4.3.16), read without
 * inflating anything. ZIP64 sizes (0xFFFFFFFF in the 32-bit fields) are taken from the extra field.
 */
export function zipCentralDirectory(
  data: Uint8Array,
): { ok: true; entries: (ZipEntrySize & { localOffset: number; method: number })[] } | ZipRefusal {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let o = data.byteLength - 22; o >= Math.max(0, data.byteLength - 22 - 0xffff); o--) {
    if (u32(o) === EOCD) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) return { kind: 'not_a_zip', reason: 'no zip end-of-central-directory record' };
  let count = u16(eocd + 10);
  let cdOffset = u32(eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === EOCD64_LOCATOR) {
    const eocd64 = Number(view.getBigUint64(eocd - 20 + 8, true));
    if (eocd64 + 56 > data.byteLength) return { kind: 'not_a_zip', reason: 'ZIP64 record out of bounds' };
    count = Number(view.getBigUint64(eocd64 + 32, true));
    cdOffset = Number(view.getBigUint64(eocd64 + 48, true));
  }
  if (count > IMPORT_LIMITS.maxEntries)
    return { kind: 'too_many_entries', entries: count, max: IMPORT_LIMITS.maxEntries };
  const entries: (ZipEntrySize & { localOffset: number; method: number })[] = [];
  let o = cdOffset;
  for (let i = 0; i < count; i++) {
    if (o + 46 > data.byteLength || u32(o) !== CENTRAL)
      return { kind: 'not_a_zip', reason: `central directory entry ${i + 1} is damaged` };
    const method = u16(o + 10);
    let compressed = u32(o + 20);
    let uncompressed = u32(o + 24);
    let localOffset = u32(o + 42);
    const nameLength = u16(o + 28);
    const extraLength = u16(o + 30);
    const commentLength = u16(o + 32);
    const name = new TextDecoder().decode(data.subarray(o + 46, o + 46 + nameLength));
    // ZIP64 extended information (header 0x0001): the 64-bit values, in this order, of the fields that are 0xFFFFFFFF.
    for (let e = o + 46 + nameLength; e + 4 <= o + 46 + nameLength + extraLength;) {
      const id = u16(e);
      const size = u16(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        const next = () => {
          const v = Number(view.getBigUint64(p, true));
          p += 8;
          return v;
        };
        if (uncompressed === 0xffffffff) uncompressed = next();
        if (compressed === 0xffffffff) compressed = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + size;
    }
    entries.push({ name, compressed, uncompressed, localOffset, method });
    o += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** The first limit the declared sizes break, in the order of the parts; undefined when all hold. */
export function zipSizeRefusal(entries: ZipEntrySize[]): ZipRefusal | undefined {
  let total = 0;
  for (const e of entries) {
    if (
      e.uncompressed > IMPORT_LIMITS.ratioCheckFromBytes &&
      e.uncompressed > IMPORT_LIMITS.maxEntryRatio * Math.max(1, e.compressed)
    )
      return {
        kind: 'entry_ratio',
        entry: e.name,
        compressed: e.compressed,
        uncompressed: e.uncompressed,
        max: IMPORT_LIMITS.maxEntryRatio,
      };
    total += e.uncompressed;
    if (total > IMPORT_LIMITS.maxUncompressedBytes)
      return { kind: 'total_size', entry: e.name, total, max: IMPORT_LIMITS.maxUncompressedBytes };
  }
  return undefined;
}

const inflateRawAsync = promisify(inflateRaw);

/**
 * Refuses a zip bomb before ExcelJS inflates it: the central directory's sizes first, then each
 * deflated part is inflated (in zlib's thread pool, so the server keeps answering) with its output
 * capped at the size it declares — a part that lies about its size is refused, not inflated.
 */
export async function zipCheck(data: Uint8Array): Promise<ZipRefusal | undefined> {
  const cd = zipCentralDirectory(data);
  if (!('ok' in cd)) return cd;
  const declared = zipSizeRefusal(cd.entries);
  if (declared) return declared;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (const e of cd.entries) {
    if (e.method !== 8) continue; // stored (0) parts are as large as they are; others ExcelJS refuses.
    const at = e.localOffset;
    if (at + 30 > data.byteLength || view.getUint32(at, true) !== LOCAL)
      return { kind: 'not_a_zip', reason: `the local header of ${e.name} is damaged` };
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const body = data.subarray(start, start + e.compressed);
    try {
      await inflateRawAsync(body, { maxOutputLength: Math.max(1, e.uncompressed) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        return { kind: 'size_mismatch', entry: e.name, declared: e.uncompressed };
      // A damaged stream: ExcelJS reports it as it reads.
    }
  }
  return undefined;
}

const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

/** The refusal as the reason of an `unreadable_file` error (English; the error's Chinese frame says 无法读取文件). */
export function zipRefusalText(r: ZipRefusal): { zh: string; en: string } {
  switch (r.kind) {
    case 'not_a_zip':
      return { zh: `不是有效的 .xlsx 文件：${r.reason}`, en: `not a valid .xlsx workbook: ${r.reason}` };
    case 'too_many_entries':
      return {
        zh: `压缩包含 ${r.entries} 个部件，超过上限 ${r.max}`,
        en: `the archive has ${r.entries} parts, more than the limit of ${r.max}`,
      };
    case 'entry_ratio':
      return {
        zh: `部件 ${r.entry} 解压后 ${mib(r.uncompressed)}，是压缩大小（${r.compressed} 字节）的 ${Math.round(r.uncompressed / Math.max(1, r.compressed))} 倍，超过 ${r.max} 倍上限（疑似压缩炸弹），未解压`,
        en: `part ${r.entry} inflates to ${mib(r.uncompressed)}, ${Math.round(r.uncompressed / Math.max(1, r.compressed))}× its compressed ${r.compressed} bytes, above the limit of ${r.max}× (a zip bomb?); not inflated`,
      };
    case 'total_size':
      return {
        zh: `解压后总大小在部件 ${r.entry} 处已达 ${mib(r.total)}，超过上限 ${mib(r.max)}，未解压；请拆分文件`,
        en: `the parts inflate to ${mib(r.total)} by part ${r.entry}, above the limit of ${mib(r.max)}; not inflated: split the file`,
      };
    case 'size_mismatch':
      return {
        zh: `部件 ${r.entry} 解压后超过其声明的大小（${r.declared} 字节），文件已损坏或被篡改，已停止解压`,
        en: `part ${r.entry} inflates beyond the ${r.declared} bytes it declares (damaged or crafted); inflation stopped`,
      };
  }
}
