import type { Platform, Status } from '@/lib/records/record';

export const PLATFORM_LABEL: Record<Platform, string> = { takealot: 'Takealot', makro: 'Makro', shopify: 'Shopify' };
export const STATUS_LABEL: Record<Status, string> = { success: 'Success', failed: 'Failed', pending: 'Pending' };
/** Shape as well as colour: ✓ ✕ ◷ (status is never shown by colour alone). */
export const STATUS_ICON: Record<Status, string> = { success: '✓', failed: '✕', pending: '◷' };
