import type { JobSettlement, RecordDraft, RecordError, Status } from '../../records/record';
import type { RuleInput } from '../types';
import { idStr, obj } from '../util';
import { draftOf, type Facts, gidOf, NO_OPERATION_ID, type Outcome, UNEXPECTED, userErrors } from './common';
import { argValue, type Call, stripDocument } from './document';

/**
 * Bulk imports: `bulkOperationRunMutation` answers a `bulkOperation {id, status}` (H), settled by
 * the admin's `currentBulkOperation` / `bulkOperation(id:)` / `node(id:)` polls (H).
 */

export const FINAL_FAILED = new Set(['FAILED', 'CANCELED', 'CANCELLED', 'EXPIRED']);

/**
 * A bulk mutation runs another mutation over a JSONL file: it is a listing import only when
 * that inner mutation writes products or stock. An unreadable inner mutation is given the benefit.
 */
export function bulkIsProducts(call: Call, vars: Record<string, unknown>): boolean {
  const inner = argValue(call, 'mutation', vars);
  return typeof inner !== 'string' || /\b(product|inventory)\w*\s*\(/.test(stripDocument(inner));
}

/** Plain-words reasons for a final bulk status (BulkOperationStatus / BulkOperationErrorCode docs). */
function bulkFailure(status: string, errorCode: string | undefined): RecordError {
  const why: Record<string, string> = {
    ACCESS_DENIED: 'it was denied access to something it needed',
    INTERNAL_SERVER_ERROR: 'of an internal Shopify error; try the import again',
    TIMEOUT: 'it took too long; try again with fewer items',
  };
  if (status === 'FAILED') {
    const reason = errorCode ? (why[errorCode] ?? `of ${errorCode}`) : 'of an error it did not name';
    return {
      message: `Shopify stopped the bulk import because ${reason}. Some products may not have been saved.`,
      code: errorCode ?? 'BULK_FAILED',
    };
  }
  if (status === 'EXPIRED') {
    // EXPIRED means the result file's URL expired (after 7 days): the outcome can no longer be read.
    return {
      message: 'Shopify no longer keeps the result of this bulk import (it expired): check the products in the admin.',
      code: 'EXPIRED',
    };
  }
  return { message: 'The bulk import was cancelled before it finished: some products may not have been saved.', code: 'CANCELED' };
}

/** The answer of `bulkOperationRunMutation`: a pending import under the operation's id. */
export function answeredBulk(input: RuleInput, payload: Record<string, unknown>, asked: Facts, capKey: string): RecordDraft {
  const kind = 'import';
  const errs = userErrors(payload.userErrors);
  const bulk = obj(payload.bulkOperation);
  const jobId = gidOf(bulk.id, 'BulkOperation');
  if (errs.length > 0) return draftOf(input, { status: 'failed', errors: errs, key: capKey, kind }, asked);
  if (!jobId) {
    const why = Array.isArray(payload.userErrors) ? NO_OPERATION_ID : UNEXPECTED;
    return draftOf(input, { status: 'pending', errors: [why], key: capKey, kind }, asked);
  }
  const status = typeof bulk.status === 'string' ? bulk.status.toUpperCase() : '';
  const o: Outcome = { status: 'pending', errors: [], key: `job:${jobId}`, kind, jobId };
  if (status === 'COMPLETED') o.status = 'success';
  else if (FINAL_FAILED.has(status)) {
    o.status = 'failed';
    o.errors = [bulkFailure(status, idStr(bulk.errorCode))];
  }
  return draftOf(input, o, asked);
}

/**
 * `currentBulkOperation` / `bulkOperation(id:)` / `node(id:)` on a BulkOperation. A bulk
 * operation's answer holds no per-product detail (that is in a JSONL result file the admin
 * does not fetch), so it settles as a JobSettlement: only the pending record opened under this
 * job id moves, and a poll of an operation we never saw (an export, another app's job) creates
 * no row. COMPLETED means the job ran; per-line userErrors in the result file are not visible here.
 */
export function settleBulk(input: RuleInput, op: Record<string, unknown>, jobId: string): JobSettlement | undefined {
  if (typeof op.type === 'string' && op.type !== 'MUTATION') return undefined; // a bulk export, not an import
  const status = typeof op.status === 'string' ? op.status.toUpperCase() : '';
  const job = (s: Status, errors: RecordError[]): JobSettlement => ({
    platform: 'shopify',
    jobId,
    status: s,
    errors,
    observedAt: input.ex.observedAt,
  });
  if (status === 'COMPLETED') return job('success', []);
  if (FINAL_FAILED.has(status)) return job('failed', [bulkFailure(status, idStr(op.errorCode))]);
  return undefined;
}
