// ImportBatchRepository: one row per imported file — which file, how many rows, who, when, its checksum.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { importBatchFromRow, type ImportBatch } from './records.ts';
import type { Clock } from './support.ts';

export type NewImportBatch = Omit<ImportBatch, 'id' | 'createdAt'>;

export class ImportBatchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(batch: NewImportBatch): Promise<ImportBatch> {
    const row = {
      id: randomUUID(),
      file_name: batch.fileName,
      format: batch.format,
      row_count: batch.rowCount,
      checksum: batch.checksum,
      created_at: this.clock(),
      created_by: batch.createdBy,
    };
    await this.db.insertInto('import_batches').values(row).execute();
    return importBatchFromRow(row);
  }

  async get(id: string): Promise<ImportBatch | undefined> {
    const row = await this.db
      .selectFrom('import_batches')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && importBatchFromRow(row);
  }

  /** Earlier imports of the same bytes, newest first. */
  async findByChecksum(checksum: string): Promise<ImportBatch[]> {
    const rows = await this.db
      .selectFrom('import_batches')
      .selectAll()
      .where('checksum', '=', checksum)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(importBatchFromRow);
  }

  /** Newest first. */
  async list(options: { limit?: number } = {}): Promise<ImportBatch[]> {
    const rows = await this.db
      .selectFrom('import_batches')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(importBatchFromRow);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('import_batches')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
