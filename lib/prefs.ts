/** storage.local keys the UI uses (the background's own keys live with their code). */
export const FILTER_KEY = 'filters';
/**
 * A search the popup hands to the side panel: `{ q, at }`, optionally with `status` and `range`
 * (a count clicked in the popup) or `open` (the id of a record to open).
 */
export const PANEL_SEARCH_KEY = 'panelSearch';
