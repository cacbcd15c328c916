/**
 * Reads the conformance table of docs/conformance.md and the test titles of a test file, so a unit test can
 * check that every row is complete and that every test it names exists. Pure: no jest, no file access; the
 * caller reads the files. Titles are taken from the source as written (string literals without
 * interpolation), the way a reader finds them with grep.
 */

/** One rule of a seed as the conformance table lists it. */
export interface Row {
  /** `000-01` … */
  id: string;
  /** The seed number, `000` … `004`. */
  seed: string;
  rule: string;
  section: string;
  heldBy: string;
  shownBy: string;
  status: string;
  /** 1-based line of the row in the markdown. */
  line: number;
}

const ROW_ID = /^\d{3}-\d{2}$/;

/** The cells of a markdown table row; `\|` stays a pipe inside its cell. */
export function tableCells(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) return undefined;
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < trimmed.length - 1; i++) {
    const c = trimmed[i];
    if (c === '\\' && trimmed[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/** Every table row of the conformance document whose first cell is a rule id. */
export function parseConformance(markdown: string): Row[] {
  const rows: Row[] = [];
  markdown.split('\n').forEach((text, index) => {
    const cells = tableCells(text);
    if (!cells || !ROW_ID.test(cells[0] ?? '')) return;
    const [id, rule, section, heldBy, shownBy, status] = cells.map((c) => c ?? '');
    rows.push({
      id: id!,
      seed: id!.slice(0, 3),
      rule: rule ?? '',
      section: section ?? '',
      heldBy: heldBy ?? '',
      shownBy: shownBy ?? '',
      status: status ?? '',
      line: index + 1,
    });
  });
  return rows;
}

/** The test a `shown by` cell names: `` `test/x.test.ts` › title ``; undefined for `none yet`. */
export function shownByTarget(shownBy: string): { file: string; title: string } | undefined {
  const match = /^`([^`]+)`\s*›\s*(.+)$/.exec(shownBy.trim());
  return match ? { file: match[1]!, title: match[2]!.trim() } : undefined;
}

/** The value of the string literal starting at `source[start]` and the index after it; undefined if not one. */
function stringLiteral(source: string, start: number): { value: string; end: number } | undefined {
  const quote = source[start];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  let value = '';
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i++;
    } else if (c === quote) return { value, end: i + 1 };
    else if (quote === '`' && c === '$' && source[i + 1] === '{') return undefined;
    else if (quote !== '`' && c === '\n') return undefined;
    else value += c;
  }
  return undefined;
}

/** The index after the bracket that closes the one at `open`, skipping strings; -1 if it never closes. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i]!;
    if (c === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) {
      // a comment may hold an apostrophe: skip it whole
      const end = source[i + 1] === '/' ? source.indexOf('\n', i) : source.indexOf('*/', i + 2) + 1;
      if (end <= 0) return -1;
      i = end;
    } else if (c === "'" || c === '"' || c === '`') {
      // interpolated templates are skipped to their closing backtick (good enough for test tables)
      const end = c === '`' ? source.indexOf('`', i + 1) : (stringLiteral(source, i)?.end ?? i + 1) - 1;
      if (end < 0) return -1;
      i = end;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

const skipSpace = (source: string, i: number): number => {
  while (i < source.length && /\s/.test(source[i]!)) i++;
  return i;
};

/**
 * The literal titles of the `test(…)`, `it(…)` and `test.each(…)(…)` calls of a test file (also with `.only`,
 * `.skip`, `.concurrent` or `.failing`), in source order. Titles built with `${…}` are left out.
 */
export function testTitles(source: string): string[] {
  const titles: string[] = [];
  const call = /(?<![\w$.])(?:test|it)(?:\.(?:only|skip|concurrent|failing))?(\.each)?(?:<[^>]*>)?\(/g;
  for (let match = call.exec(source); match; match = call.exec(source)) {
    let open = match.index + match[0].length - 1;
    if (match[1]) {
      // test.each(table)('title', fn): the title is the first argument of the second call
      const afterTable = closingParen(source, open);
      if (afterTable < 0) continue;
      open = skipSpace(source, afterTable);
      if (source[open] !== '(') continue;
    }
    const literal = stringLiteral(source, skipSpace(source, open + 1));
    if (literal) titles.push(literal.value);
  }
  return titles;
}
