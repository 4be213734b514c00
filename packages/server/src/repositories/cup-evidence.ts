// CupEvidenceRepository: 科技创新杯 evidence (佐证材料) — entered, then approved or rejected by an admin.
import type { Kysely, Selectable } from 'kysely';
import type { CupEvidenceStatus, CupEvidenceTable, Database } from '../db/schema.ts';
import { RepositoryError, systemClock, type Clock } from './support.ts';

export interface CupEvidenceRecord {
  id: number;
  year: number;
  region: string;
  item: string;
  quantity: number;
  note: string;
  file: string | null;
  status: CupEvidenceStatus;
  createdAt: string;
  createdBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface NewCupEvidence {
  year: number;
  region: string;
  item: string;
  quantity: number;
  note: string;
  file?: string;
}

function fromRow(r: Selectable<CupEvidenceTable>): CupEvidenceRecord {
  return {
    id: Number(r.id),
    year: Number(r.year),
    region: r.region,
    item: r.item,
    quantity: Number(r.quantity),
    note: r.note,
    file: r.file,
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
  };
}

export class CupEvidenceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async add(e: NewCupEvidence, by: string): Promise<CupEvidenceRecord> {
    const row = await this.db
      .insertInto('cup_evidence')
      .values({
        year: e.year,
        region: e.region,
        item: e.item,
        quantity: e.quantity,
        note: e.note,
        file: e.file ?? null,
        status: 'pending',
        created_at: this.clock(),
        created_by: by,
        decided_at: null,
        decided_by: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return fromRow(row);
  }

  async get(id: number): Promise<CupEvidenceRecord | undefined> {
    const row = await this.db.selectFrom('cup_evidence').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** A pending entry approved or rejected; a decided one cannot be decided again. */
  async decide(id: number, status: 'approved' | 'rejected', by: string): Promise<CupEvidenceRecord> {
    const row = await this.db
      .updateTable('cup_evidence')
      .set({ status, decided_at: this.clock(), decided_by: by })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new RepositoryError(`evidence ${id} is not pending`);
    return fromRow(row);
  }

  async list(query: { year?: number; status?: CupEvidenceStatus } = {}): Promise<CupEvidenceRecord[]> {
    let q = this.db.selectFrom('cup_evidence').selectAll();
    if (query.year !== undefined) q = q.where('year', '=', query.year);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    return (await q.orderBy('id').execute()).map(fromRow);
  }
}
