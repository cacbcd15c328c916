/**
 * Summaries the Temporal Web UI shows (a workflow's, an activity's, a timer's) must stay within the server's
 * `limit.userMetadataSummarySize`, 400 bytes of the serialized payload (JSON escaping and the encoding
 * included): over it, the server refuses the workflow start or the workflow task that carries the summary.
 */

/** Bytes a character takes in the summary's JSON: UTF-8, escapes counted. */
function jsonBytes(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (ch === '"' || ch === '\\') return 2;
  if (cp < 0x20) return 6;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** `text` cut at a character to at most `maxBytes` (with an ellipsis when cut); 300 leaves room for the rest. */
export function fitSummary(text: string, maxBytes = 300): string {
  let bytes = 0;
  let fitted = '';
  for (const ch of text) {
    bytes += jsonBytes(ch);
    if (bytes > maxBytes - 3) return `${fitted}…`;
    fitted += ch;
  }
  return fitted;
}

/** Recipients as a summary lists them: each once, in the order first named, `quality_manager` as words. */
export function recipientsOnce(to: readonly string[]): string {
  return [...new Set(to.map((name) => name.replace(/_/g, ' ')))].join(', ');
}

/**
 * Current or static details (markdown) cut to fit `limit.userMetadataDetailsSize` (20 KB by default) with
 * plenty of room; details say what a workflow is, where it stands and what it waits for, never a history.
 */
export function fitDetails(markdown: string, maxBytes = 8_000): string {
  return fitSummary(markdown, maxBytes);
}
