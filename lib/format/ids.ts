/**
 * Long ids cut in the middle, where they differ least: a Makro listing id
 * `LSTKTLH7ZQ4MNB2WXAYABCDE1` keeps its prefix and its end (`LSTKTLH…YABCDE1`), so two
 * rows stay tellable apart. The full value is always kept beside it (title, copy button).
 */
export function shortId(id: string, max = 14): string {
  if (id.length <= max) return id;
  const tail = Math.floor((max - 1) / 2);
  const head = max - 1 - tail;
  return `${id.slice(0, head)}…${id.slice(id.length - tail)}`;
}
