import type { JobSettlement, RecordDraft } from '../../records/record';
import type { RuleInput, RuleOutput } from '../types';
import { isObj, obj } from '../util';
import { FINAL_FAILED, settleBulk } from './bulk';
import { draftOf, type Facts, type Found, gidOf, MAX_ERRORS, NO_OPERATION_ID, type Outcome, UNEXPECTED, userErrors } from './common';
import type { GqlRequest } from './document';
import { productFacts } from './products';

/**
 * Writes that finish in the background, and the admin's polls that settle them:
 * - async `productSet` answers `productSetOperation {id, status}`, polled with `productOperation(id:)` (H);
 * - `ProductBulkChangeStatus` (the products list's "Set as active/draft") answers
 *   `productBulkChangeStatus {job {id}, userErrors}` (M-: a third-party script sends exactly this
 *   mutation to the legacy endpoint; a public admin tool declares the same field and selection).
 *   The admin follows a job with `JobPoller`: `job(id:) {id done}` (M-: an extension that drives the
 *   admin polls it so). `done: true` settles it as Success. A job says nothing per product, so
 *   "done" means the job ran; a product it skipped is not visible here (L).
 */

/** The answer of an asynchronous `productSet`: pending under the operation's id, or final already. */
export function answeredProductSetAsync(input: RuleInput, payload: Record<string, unknown>, asked: Facts, capKey: string): RecordDraft {
  const kind = 'publish';
  const errs = userErrors(payload.userErrors);
  const op = obj(payload.productSetOperation);
  const jobId = gidOf(op.id, 'ProductSetOperation');
  const all = [...errs, ...userErrors(op.userErrors)].slice(0, MAX_ERRORS);
  const got = productFacts(op.product ?? payload.product);
  if (all.length > 0)
    return draftOf(
      input,
      { status: 'failed', errors: all, key: jobId ? `job:${jobId}` : capKey, kind, ...(jobId ? { jobId } : {}) },
      asked,
      got,
    );
  if (!jobId) {
    const why = Array.isArray(payload.userErrors) ? NO_OPERATION_ID : UNEXPECTED;
    return draftOf(input, { status: 'pending', errors: [why], key: capKey, kind }, asked, got);
  }
  const status = op.status === 'COMPLETE' ? 'success' : 'pending';
  return draftOf(input, { status, errors: [], key: `job:${jobId}`, kind, jobId }, asked, got);
}

/** A product write answered with a `job` (`ProductBulkChangeStatus`): pending until the admin's `job(id:)` poll says done. */
export function answeredJob(input: RuleInput, payload: Record<string, unknown>, asked: Facts, got: Found, capKey: string): RecordDraft {
  const kind = 'publish';
  const errs = userErrors(payload.userErrors);
  if (errs.length > 0) return draftOf(input, { status: 'failed', errors: errs, key: capKey, kind }, asked, got);
  const job = obj(payload.job);
  const jobId = gidOf(job.id, 'Job');
  if (!jobId) return draftOf(input, { status: 'pending', errors: [NO_OPERATION_ID], key: capKey, kind }, asked, got);
  const o: Outcome =
    job.done === true
      ? { status: 'success', errors: [], key: `job:${jobId}`, kind, jobId }
      : { status: 'pending', errors: [], key: `job:${jobId}`, kind, jobId };
  return draftOf(input, o, asked, got);
}

/**
 * `productOperation(id:)` / `node(id:)` on a ProductSetOperation: COMPLETE settles the record the
 * productSet answer opened (same `job:` key); CREATED/ACTIVE say nothing new.
 * It is a draft, not a JobSettlement, because it carries per-product detail (ids, userErrors).
 */
function settleProductSet(input: RuleInput, op: Record<string, unknown>, jobId: string): RecordDraft | undefined {
  const status = typeof op.status === 'string' ? op.status.toUpperCase() : '';
  const errs = userErrors(op.userErrors);
  let o: Outcome;
  if (status === 'COMPLETE')
    o = { status: errs.length > 0 ? 'failed' : 'success', errors: errs, key: `job:${jobId}`, kind: 'publish', jobId };
  else if (FINAL_FAILED.has(status)) {
    const reason =
      errs.length > 0
        ? errs
        : [
            {
              message: `Shopify reports the product operation as ${status.toLowerCase()}: the product may not have been saved.`,
              code: status,
            },
          ];
    o = { status: 'failed', errors: reason, key: `job:${jobId}`, kind: 'publish', jobId };
  } else return undefined;
  return draftOf(input, o, { skus: [], changes: [] }, productFacts(op.product));
}

/** `job(id:) {id done}`: done settles every pending record of the job; not done says nothing new. */
function settleJob(input: RuleInput, job: Record<string, unknown>, jobId: string): JobSettlement | undefined {
  if (job.done !== true) return undefined;
  return { platform: 'shopify', jobId, status: 'success', errors: [], observedAt: input.ex.observedAt };
}

/** The admin's own status queries: they settle pending operations and jobs, and create nothing new. */
export function polls(input: RuleInput, req: GqlRequest, data: Record<string, unknown>): RuleOutput {
  const drafts: RecordDraft[] = [];
  const jobs: JobSettlement[] = [];
  for (const field of ['productOperation', 'node', 'bulkOperation', 'currentBulkOperation', 'job'] as const) {
    if (!isObj(data[field])) continue;
    const op = data[field];
    // A query that did not select `id` still asked for one: `productOperation(id: $id)`.
    const id = op.id ?? (field === 'currentBulkOperation' ? undefined : (req.variables.id ?? req.variables.jobId));
    const setId = gidOf(id, 'ProductSetOperation');
    const bulkId = gidOf(id, 'BulkOperation');
    const jobId = gidOf(id, 'Job');
    if (setId && field !== 'currentBulkOperation' && field !== 'bulkOperation' && field !== 'job') {
      const d = settleProductSet(input, op, setId);
      if (d) drafts.push(d);
    } else if (bulkId && field !== 'productOperation' && field !== 'job') {
      const j = settleBulk(input, op, bulkId);
      if (j) jobs.push(j);
    } else if (jobId && (field === 'job' || field === 'node')) {
      const j = settleJob(input, op, jobId);
      if (j) jobs.push(j);
    }
  }
  return { drafts, jobs };
}
