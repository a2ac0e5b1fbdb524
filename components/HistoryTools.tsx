import { useEffect, useRef, useState } from 'preact/hooks';
import type { SyncHistoryDB } from '@/lib/db/schema';
import type { Message, MessageType, Reply } from '@/lib/messaging';
import { exportHistory, importHistory } from '@/lib/transfer/transfer';
import { download } from './download';
import { type FilterState, toListFilter } from './filterState';
import './tools.css';

/** What the tools need of the side panel's wiring (its PanelDeps has these, and more). */
export interface ToolsDeps {
  db: SyncHistoryDB;
  send<K extends MessageType>(msg: Message<K>): Promise<Reply<K>>;
  /** The retention setting (days, 0 = forever). */
  getRetentionDays(): Promise<number>;
}

const nf = new Intl.NumberFormat('en-ZA');

interface Work {
  label: string;
  done: number;
  total: number;
  cancel: () => void;
}

const RETENTION: [number, string][] = [
  [0, 'Forever'],
  [30, '30 days'],
  [90, '90 days'],
  [365, '1 year'],
];

const stamp = (): string => new Date().toISOString().slice(0, 10);

/**
 * Keeping and moving the history: export the current filter (CSV, JSON), import a JSON
 * export, retention, storage use, clear. Long work shows progress and can be cancelled:
 * an export is discarded, an import rolled back to exactly what was there before.
 */
export function HistoryTools({ deps, filter }: { deps: ToolsDeps; filter: FilterState }) {
  const [open, setOpen] = useState(false);
  const [work, setWork] = useState<Work>();
  const [notice, setNotice] = useState<{ text: string; error?: boolean }>();
  const [storage, setStorage] = useState<{ used: number; persisted: boolean }>();
  const [retention, setRetention] = useState<number>();
  const dialog = useRef<HTMLDialogElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    void deps.getRetentionDays().then(setRetention);
    void (async () => {
      const est = await navigator.storage?.estimate?.();
      // Ask the browser to keep the history when space runs low (no prompt for extensions).
      const persisted = (await navigator.storage?.persisted?.()) || (await navigator.storage?.persist?.()) || false;
      setStorage({ used: est?.usage ?? 0, persisted });
    })();
  }, [open, deps]);

  const close = () => {
    setOpen(false);
    menuButton.current?.focus();
  };

  async function exportAs(kind: 'csv' | 'json') {
    close();
    const abort = new AbortController();
    const w: Work = { label: `Exporting ${kind.toUpperCase()}`, done: 0, total: 0, cancel: () => abort.abort() };
    setWork({ ...w });
    const res = await exportHistory(deps.db, toListFilter(filter, Date.now()), kind, {
      now: Date.now(),
      signal: abort.signal,
      onTotal: (total) => setWork({ ...w, total }),
      onProgress: (done, total) => setWork({ ...w, done, total }),
    }).finally(() => setWork(undefined));
    if (!res.ok) {
      setNotice({ text: 'Export cancelled: no file was saved.' });
      return;
    }
    download(res.parts, kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json', `sync-history-${stamp()}.${kind}`);
    setNotice({ text: `Exported ${nf.format(res.count)} record${res.count === 1 ? '' : 's'} as ${kind.toUpperCase()}.` });
  }

  async function importFile(f: File) {
    close();
    const abort = new AbortController();
    const labels = { reading: `Checking ${f.name}`, importing: `Importing ${f.name}`, undoing: 'Undoing the import' } as const;
    setWork({ label: labels.reading, done: 0, total: 0, cancel: () => abort.abort() });
    const res = await importHistory(f, {
      send: deps.send,
      signal: abort.signal,
      onProgress: (phase, done, total) =>
        setWork({ label: labels[phase], done, total, cancel: phase === 'undoing' ? () => undefined : () => abort.abort() }),
    }).finally(() => setWork(undefined));
    if (res.ok) {
      const upToDate = res.total - res.created - res.replaced - res.skipped;
      setNotice({
        text: `Imported ${f.name}: ${nf.format(res.created)} new, ${nf.format(res.replaced)} updated, ${nf.format(upToDate)} already up to date${
          res.skipped ? `, ${nf.format(res.skipped)} skipped (not valid)` : ''
        }.`,
      });
    } else if (res.cancelled) {
      setNotice({ text: 'Import cancelled: the history is as it was before.' });
    } else if (res.rolledBack) {
      setNotice({ text: `Import stopped: ${res.error}. Nothing was kept.`, error: true });
    } else {
      setNotice({ text: `Could not import ${f.name}: ${res.error}`, error: true });
    }
  }

  async function clearAll() {
    const res = await deps.send({ type: 'clear-history' });
    setNotice(res.ok ? { text: `Cleared ${nf.format(res.deleted)} records.` } : { text: `Could not clear: ${res.error}`, error: true });
  }

  return (
    <div class="tools">
      <button
        type="button"
        ref={menuButton}
        aria-expanded={open}
        aria-controls="tools-menu"
        onClick={() => setOpen(!open)}
        disabled={Boolean(work)}
      >
        Export & settings
      </button>
      {open && (
        <div id="tools-menu" class="menu" role="group" aria-label="Export and settings" onKeyDown={(e) => e.key === 'Escape' && close()}>
          <button type="button" onClick={() => void exportAs('csv')}>
            Export this view as CSV
          </button>
          <button type="button" onClick={() => void exportAs('json')}>
            Export this view as JSON
          </button>
          <button type="button" onClick={() => file.current?.click()}>
            Import a JSON export…
          </button>
          <label>
            Keep history{' '}
            <select
              value={retention ?? 0}
              onChange={(e) => {
                const days = Number((e.currentTarget as HTMLSelectElement).value);
                setRetention(days);
                void deps.send({ type: 'set-retention', days });
              }}
            >
              {RETENTION.map(([d, label]) => (
                <option key={d} value={d}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {storage && (
            <p class="muted" style={{ margin: 0 }}>
              Storage used: {nf.format(Math.round(storage.used / 1024 / 102.4) / 10)} MB ·{' '}
              {storage.persisted ? 'kept by the browser' : 'may be cleared by the browser when disk space runs low'}
            </p>
          )}
          <button
            type="button"
            class="danger"
            onClick={() => {
              setOpen(false);
              dialog.current?.showModal();
            }}
          >
            Clear history…
          </button>
        </div>
      )}
      <input
        ref={file}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Choose a Sync History JSON export"
        onChange={(e) => {
          const f = (e.currentTarget as HTMLInputElement).files?.[0];
          (e.currentTarget as HTMLInputElement).value = '';
          if (f) void importFile(f);
        }}
      />
      <dialog
        ref={dialog}
        aria-labelledby="clear-h"
        onClose={() => {
          menuButton.current?.focus();
          if (dialog.current?.returnValue === 'clear') void clearAll();
        }}
      >
        <form method="dialog">
          <h2 id="clear-h">Clear the whole history?</h2>
          <p>Every record on this computer is deleted. Export first if you may need it. This cannot be undone.</p>
          <div class="filter-row">
            <button type="submit" value="cancel">
              Keep history
            </button>
            <button type="submit" value="clear" class="danger">
              Clear history
            </button>
          </div>
        </form>
      </dialog>
      {work && (
        <div class="progress popover" role="status" aria-live="polite">
          <span>
            {work.label}: {nf.format(work.done)} of {nf.format(work.total)}
          </span>
          <progress max={Math.max(1, work.total)} value={work.done} />
          <button type="button" onClick={work.cancel}>
            Cancel
          </button>
        </div>
      )}
      {notice && (
        <p class={`notice popover ${notice.error ? 'error' : ''}`} role={notice.error ? 'alert' : 'status'}>
          {notice.text}{' '}
          <button type="button" class="link-button" onClick={() => setNotice(undefined)}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
