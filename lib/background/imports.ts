import { importRecords, rollbackImport } from '../db/maintenance';
import type { SyncHistoryDB } from '../db/schema';
import type { Reply } from '../messaging';
import type { ExportedRecord } from '../records/record';
import { redactRecord } from '../records/redact';
import { checkAll, checkRecord, IMPORT_CHUNK_MAX, isRecordId } from '../records/validate';

/**
 * The file's door (the side panel sends an import in chunks): shape → redaction → write,
 * the same validator and the same redaction as captures. The sender was checked by the
 * dispatcher (only the extension's own pages).
 */
export async function handleImport(
  db: SyncHistoryDB,
  records: unknown,
  now: number,
): Promise<Reply<'import-records'> & { changed?: boolean }> {
  if (!Array.isArray(records)) return { ok: false, error: 'records must be a list' };
  if (records.length > IMPORT_CHUNK_MAX) return { ok: false, error: `more than ${IMPORT_CHUNK_MAX} records in one message` };
  const valid: ExportedRecord[] = [];
  const skipped: { index: number; error: string }[] = [];
  records.forEach((x: unknown, index: number) => {
    const r = checkRecord(x, now);
    if (r.ok) valid.push(redactRecord(r.value));
    else skipped.push({ index, error: r.error });
  });
  const { created, replaced } = await importRecords(db, valid);
  return { ok: true, created, replaced, skipped, changed: created.length + replaced.length > 0 };
}

export async function handleRollback(
  db: SyncHistoryDB,
  msg: Record<string, unknown>,
  now: number,
): Promise<Reply<'import-rollback'> & { changed?: boolean }> {
  const created = checkAll(msg.created, IMPORT_CHUNK_MAX, (x) =>
    isRecordId(x) ? { ok: true, value: x } : { ok: false, error: 'not a record id' },
  );
  if (!created.ok) return { ok: false, error: `created: ${created.error}` };
  const replaced = checkAll(msg.replaced, IMPORT_CHUNK_MAX, (x) => checkRecord(x, now));
  if (!replaced.ok) return { ok: false, error: `replaced: ${replaced.error}` };
  const { deleted, restored } = await rollbackImport(db, { created: created.value, replaced: replaced.value.map(redactRecord) });
  return { ok: true, changed: deleted + restored > 0 };
}
