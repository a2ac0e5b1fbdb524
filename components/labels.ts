import { PLATFORM_IDENTITIES } from '@/lib/platforms/identities';
import type { Platform, Status } from '@/lib/records/record';

/** Each platform's name, as its module declares it (lib/platforms/<name>/identity.ts). */
export const PLATFORM_LABEL = Object.fromEntries(Object.values(PLATFORM_IDENTITIES).map((i) => [i.platform, i.label])) as Record<
  Platform,
  string
>;
export const STATUS_LABEL: Record<Status, string> = { success: 'Success', failed: 'Failed', pending: 'Pending' };
/** Shape as well as colour: ✓ ✕ ◷ (status is never shown by colour alone). */
export const STATUS_ICON: Record<Status, string> = { success: '✓', failed: '✕', pending: '◷' };
