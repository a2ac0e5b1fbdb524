import { writeCapture } from './db/repo';
import type { SyncHistoryDB } from './db/schema';
import { isMessage, type MessageType, type Reply } from './messaging';
import { PORTAL_MATCHES } from './platforms';
import { checkAll, checkDraft, checkJob, checkUnrecognised, LIMITS } from './records/validate';

/** Who sent a runtime message (the fields of `runtime.MessageSender` we rely on). */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; windowId?: number };
  frameId?: number;
}

export interface HandlerDeps {
  db: SyncHistoryDB;
  /** This extension's id and page origin (`chrome-extension://<id>`). */
  extensionId: string;
  extensionOrigin: string;
  now(): number;
  /** Called after records changed (badge, notifications). */
  afterWrite?(): void;
}

/** `https://*.myshopify.com/*` → a test on a URL's origin. */
export function patternTest(pattern: string): (u: URL) => boolean {
  const m = /^(https?):\/\/(\*\.)?([^/*]+)\//.exec(pattern);
  if (!m) return () => false;
  const [, scheme, wildcard, host] = m;
  return (u) =>
    u.protocol === `${scheme}:` && (u.hostname === host || (Boolean(wildcard) && u.hostname.endsWith(`.${host}`)));
}

const PORTAL_TESTS = PORTAL_MATCHES.map(patternTest);

export function isPortalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return PORTAL_TESTS.some((t) => t(u));
  } catch {
    return false;
  }
}

type AnyReply = Reply<MessageType>;

/**
 * The background's message handler: checks who is asking, checks the message,
 * and answers after the work is done (a capture is acked only once committed).
 */
export function createHandler(deps: HandlerDeps) {
  // Used by the UI's messages (issue #4).
  const fromExtensionPage = (s: Sender): boolean =>
    s.id === deps.extensionId && typeof s.url === 'string' && s.url.startsWith(`${deps.extensionOrigin}/`);
  void fromExtensionPage;
  const fromPortalTab = (s: Sender): boolean =>
    s.id === deps.extensionId && s.tab !== undefined && s.frameId === 0 && isPortalUrl(s.url);

  return async function handle(msg: unknown, sender: Sender): Promise<AnyReply> {
    if (!isMessage(msg)) return { ok: false, error: 'unknown message' };
    switch (msg.type) {
      case 'capture': {
        if (!fromPortalTab(sender)) return { ok: false, error: 'captures are accepted only from a portal tab' };
        const now = deps.now();
        const drafts = checkAll(msg.drafts, LIMITS.draftsPerMessage, (x) => checkDraft(x, now));
        if (!drafts.ok) return { ok: false, error: `drafts: ${drafts.error}` };
        const jobs = checkAll(msg.jobs, 100, (x) => checkJob(x, now));
        if (!jobs.ok) return { ok: false, error: `jobs: ${jobs.error}` };
        const unrecognised = checkAll(msg.unrecognised, 100, (x) => checkUnrecognised(x, now));
        if (!unrecognised.ok) return { ok: false, error: `unrecognised: ${unrecognised.error}` };
        const { written } = await writeCapture(deps.db, { drafts: drafts.value, jobs: jobs.value, unrecognised: unrecognised.value });
        if (written > 0) deps.afterWrite?.();
        return { ok: true, written };
      }
      default:
        return { ok: false, error: `${msg.type} is not handled` };
    }
  };
}
