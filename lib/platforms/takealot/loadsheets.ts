import type { RecordDraft, RecordError, Status } from '../../records/record';
import type { RuleInput, RuleOutput } from '../types';
import { arr, errorList, idStr, is2xx, messageCode, obj, text, transportErrors, transportStatus } from '../util';
import { bodyErrors, PORTAL, seg } from './shared';

/**
 * Loadsheet uploads, the bulk import sellers use (docs/PORTALS.md "What third parties saw…
 * Takealot"): `POST https://seller-api.takealot.com/v2/loadsheets/submissions` (multipart, field
 * `loadsheet`), then polled at `GET …/submissions/{id}` (M-).
 *
 * HYPOTHESIS (L): the id and status field names of both answers are unknown. The submission's id
 * is read from `submission_id`, `id`, `loadsheet_submission_id` or `submission.id`; the poll's
 * status from `status` (a word, or `{description}`) or `state`; its reasons from `errors`,
 * `validation_errors`, `error_message`/`message`, and a count of failed rows. Fixtures
 * loadsheet-*.json are the guess. An accepted upload is a pending `import` record keyed by the
 * submission; only a poll whose status word is recognisably final settles it, so a wrong guess
 * leaves the record pending (and saying so), never falsely settled.
 */
const KEY = (id: string): string => `loadsheet:${id}`;

function submissionOf(body: unknown): Record<string, unknown> {
  const b = obj(body);
  const inner = obj(b.submission);
  return Object.keys(inner).length > 0 ? inner : b;
}

const submissionId = (body: unknown): string | undefined => {
  const b = obj(body);
  const s = submissionOf(body);
  return idStr(b.submission_id) ?? idStr(b.loadsheet_submission_id) ?? idStr(s.submission_id) ?? idStr(s.id);
};

const fileName = (s: Record<string, unknown>): string | undefined =>
  text(s.file_name, 200) ?? text(s.filename, 200) ?? text(s.original_filename, 200) ?? text(s.name, 200);

function draft(input: RuleInput, key: string, status: Status, errors: RecordError[], s: Record<string, unknown>, id?: string): RecordDraft {
  const d: RecordDraft = { key, platform: 'takealot', kind: 'import', status, observedAt: input.ex.observedAt, errors, changes: [] };
  const title = fileName(s);
  if (input.ctx.storeId) d.storeId = input.ctx.storeId;
  if (id) d.jobId = id;
  if (title) d.title = title;
  return d;
}

export function loadsheetSubmit(input: RuleInput): RuleOutput {
  const { ex } = input;
  const failure = transportErrors(ex, PORTAL, bodyErrors);
  const id = failure ? undefined : submissionId(ex.responseBody);
  const s = submissionOf(ex.responseBody);
  if (failure) return { drafts: [draft(input, `cap:${ex.captureId}`, transportStatus(ex), failure, s)] };
  const errors: RecordError[] = id
    ? []
    : [
        {
          message: 'Takealot accepted the loadsheet but sent no submission id: its result cannot be followed here.',
          code: 'NO_SUBMISSION_ID',
        },
      ];
  return { drafts: [draft(input, id ? KEY(id) : `cap:${ex.captureId}`, 'pending', errors, s, id)] };
}

/** A final status word, or undefined while the submission is still being processed (or unknown). */
function finalStatus(word: string | undefined): Status | undefined {
  if (!word) return undefined;
  if (/fail|error|reject/i.test(word)) return 'failed';
  if (/success|complete|processed|imported|done|finished/i.test(word)) return 'success';
  return undefined;
}

const count = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? Math.floor(x) : 0);

export function loadsheetPoll(input: RuleInput): RuleOutput {
  const { ex } = input;
  if (!is2xx(ex.status) || transportErrors(ex, PORTAL, bodyErrors)) return {}; // a failed poll says nothing
  const s = submissionOf(ex.responseBody);
  const id = submissionId(ex.responseBody) ?? seg(input, /\/loadsheets\/submissions\/([^/]+)/);
  if (!id) return {};
  const st = s.status ?? s.state;
  const word = typeof st === 'string' ? st : text(obj(st).description, 100);
  let status = finalStatus(word);
  if (!status) return {};
  const errors = [...errorList(arr(s.errors).slice(0, 50), messageCode), ...errorList(arr(s.validation_errors).slice(0, 50), messageCode)];
  const why = text(s.error_message) ?? (status === 'failed' ? text(s.message) : undefined);
  if (why) errors.push({ message: why });
  const failedRows = count(s.failed_rows) || count(s.error_count) || count(s.rows_failed);
  if (failedRows > 0) {
    status = 'failed';
    errors.push({
      message: `${failedRows} row${failedRows === 1 ? '' : 's'} of the loadsheet were not imported.`,
      code: 'LOADSHEET_ROWS_FAILED',
    });
  }
  if (status === 'failed' && errors.length === 0) {
    errors.push({ message: `Takealot reports the loadsheet as "${word}" without a reason.`, code: 'LOADSHEET_FAILED' });
  }
  return { drafts: [draft(input, KEY(id), status, errors, s, id)] };
}
