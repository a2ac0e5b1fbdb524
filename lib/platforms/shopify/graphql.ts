import type { RecordDraft, RecordError, Status } from '../../records/record';
import type { RuleInput, RuleOutput } from '../types';
import { isObj, obj, transportErrors, transportStatus } from '../util';
import { answeredBulk, bulkIsProducts } from './bulk';
import { draftOf, gidOf, graphqlErrors, isThrottled, type Outcome, PORTAL, RATE_LIMITED, UNEXPECTED, userErrors } from './common';
import { argValue, type Call, type GqlRequest, guessCalls, isField, isWriteName, readRequest } from './document';
import { answeredJob, answeredProductSetAsync, polls } from './jobs';
import { isMutationPayload, isProductWrite, payloadFacts, requestFacts } from './products';

/**
 * The one parser every admin transport shares. A write is recognised by what the answer says
 * (a documented mutation field, or a product write by its shape: see `isProductWrite`), with the
 * operation name as the second signal; never by the URL alone (PORTALS.md, M/M-).
 */

/** What the admin's status polls answer under (jobs.ts): reads, even when they hold `userErrors`. */
const POLL_FIELDS = new Set(['productOperation', 'node', 'bulkOperation', 'currentBulkOperation', 'job']);

const kindOf = (c: Call): 'publish' | 'import' => (c.field === 'bulkOperationRunMutation' ? 'import' : 'publish');

/** One answered product write: `data[call.key]` is its payload. */
function answered(
  input: RuleInput,
  req: GqlRequest,
  call: Call,
  payload: unknown,
  topErrors: RecordError[],
  capKey: string,
): RecordDraft | undefined {
  const vars = req.variables;
  if (call.field === 'bulkOperationRunMutation' && !bulkIsProducts(call, vars)) return undefined;
  const asked = requestFacts(call, vars);
  const kind = kindOf(call);
  if (!isObj(payload)) {
    // `data.productUpdate: null` with top-level errors (e.g. ACCESS_DENIED), or a shape we do not know.
    const o: Outcome =
      topErrors.length > 0
        ? { status: 'failed', errors: topErrors, key: capKey, kind }
        : { status: 'pending', errors: [UNEXPECTED], key: capKey, kind };
    return draftOf(input, o, asked);
  }
  if (call.field === 'bulkOperationRunMutation') return answeredBulk(input, payload, asked, capKey);
  // Asynchronous productSet answers `productSetOperation` to be polled with `productOperation` (ProductSetOperation docs).
  if (
    call.field === 'productSet' &&
    (gidOf(obj(payload.productSetOperation).id, 'ProductSetOperation') || argValue(call, 'synchronous', vars) === false)
  ) {
    return answeredProductSetAsync(input, payload, asked, capKey);
  }
  const got = payloadFacts(payload);
  if ('job' in payload && !isObj(payload.product) && !isObj(payload.productVariant)) return answeredJob(input, payload, asked, got, capKey);

  const errs = userErrors(payload.userErrors);
  const hasErrorList = Array.isArray(payload.userErrors);
  const wrote = isObj(payload.product) || isObj(payload.productVariant) || Array.isArray(payload.productVariants);
  if (errs.length > 0) return draftOf(input, { status: 'failed', errors: errs, key: capKey, kind }, asked, got);
  // Partial GraphQL errors alongside a returned product concern the selection, not the write.
  if (topErrors.length > 0 && !wrote) return draftOf(input, { status: 'failed', errors: topErrors, key: capKey, kind }, asked, got);
  if (hasErrorList || wrote) return draftOf(input, { status: 'success', errors: [], key: capKey, kind }, asked, got);
  return draftOf(input, { status: 'pending', errors: [UNEXPECTED], key: capKey, kind }, asked, got);
}

/** A product write whose answer did not reach us in a usable form: say why, keep what was sent. */
function unanswered(input: RuleInput, req: GqlRequest, calls: Call[], status: Status, errors: RecordError[]): RuleOutput {
  const base = `cap:${input.ex.captureId}`;
  const drafts = calls
    .filter((c) => c.field !== 'bulkOperationRunMutation' || bulkIsProducts(c, req.variables))
    .map((c) =>
      draftOf(
        input,
        { status, errors, key: calls.length === 1 ? base : `${base}:${c.key}`, kind: kindOf(c) },
        requestFacts(c, req.variables),
      ),
    );
  return { drafts };
}

/** A write no rule knows: counted under its operation name, so a maintainer can add it (issue #3, #9). */
const unknownWrite = (req: GqlRequest): RuleOutput =>
  req.operation ? { unrecognised: { operation: req.operation } } : { unrecognised: {} };

export function graphql(input: RuleInput): RuleOutput {
  const { ex } = input;
  const req = readRequest(input);
  const body = obj(ex.responseBody);
  const data = obj(body.data);
  const topErrors = graphqlErrors(body);

  // Product writes in the answer: documented fields through the aliases the query text
  // declares, then any other field whose payload has a product write's shape.
  const byKey = new Map(req.calls.map((c) => [c.key, c]));
  const inData: Call[] = [];
  let otherWrites = 0;
  for (const key of Object.keys(data)) {
    // A read's answer (a poll: `productOperation {product, userErrors}`) is never a write.
    if (req.query || POLL_FIELDS.has(key)) continue;
    const c =
      byKey.get(key) ??
      (isField(key) ? { field: key, key } : isProductWrite(key, data[key], req.operation) ? { field: 'other' as const, key } : undefined);
    if (c) inData.push(c);
    else if (isMutationPayload(data[key])) otherWrites++;
  }
  // A persisted POST does not say it is a mutation: a `userErrors` payload in the answer does,
  // and without an answer, a name that changes something (`MenuUpdate`).
  const persistedWrite = req.persisted && ex.method === 'POST' && isWriteName(req.operation);
  const mutation = req.mutation || inData.length > 0 || otherWrites > 0;

  const failure = isThrottled(ex, body) ? [RATE_LIMITED] : transportErrors(ex, PORTAL, graphqlErrors);
  if (failure) {
    // A failed poll or query says nothing; a failed product write is recorded with the reason.
    if (!mutation && !persistedWrite) return {};
    const attempted = inData.length > 0 ? inData : req.calls.length > 0 ? req.calls : guessCalls(req.operation);
    if (attempted.length > 0) return unanswered(input, req, attempted, isThrottled(ex, body) ? 'failed' : transportStatus(ex), failure);
    // A mutation we do not know, whose answer we could not read either: still counted (issue #3).
    return unknownWrite(req);
  }

  if (inData.length > 0) {
    const base = `cap:${ex.captureId}`;
    const drafts = inData
      .map((c) => answered(input, req, c, data[c.key], topErrors, inData.length === 1 ? base : `${base}:${c.key}`))
      .filter((d): d is RecordDraft => d !== undefined);
    return { drafts };
  }

  if (mutation || (persistedWrite && topErrors.length > 0)) {
    // The query text names a product write but the answer holds none: say what Shopify said.
    // Without text, an operation name like `ProductUpdate` counts only when the answer is an error.
    const attempted = req.calls.length > 0 ? req.calls : topErrors.length > 0 ? guessCalls(req.operation) : [];
    if (attempted.length > 0)
      return unanswered(
        input,
        req,
        attempted,
        topErrors.length > 0 ? 'failed' : 'pending',
        topErrors.length > 0 ? topErrors : [UNEXPECTED],
      );
    // A mutation we do not know (a persisted `MenuUpdate`, a `collectionAddProducts`): counted by name.
    return unknownWrite(req);
  }

  return polls(input, req, data);
}
