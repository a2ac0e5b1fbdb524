import type { KeyValueStore } from './settings';

/** What the extension uses of a `browser.storage` area (`local`). */
export interface StorageAreaLike {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** A storage area as the key-value store lib/settings.ts reads and writes (background and side panel). */
export function keyValueStore(area: StorageAreaLike): KeyValueStore {
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
  };
}
