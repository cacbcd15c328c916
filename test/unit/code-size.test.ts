/**
 * Issue 26's bar for source files: none over 400 lines unless it is data (its first comment says "(data)"), no
 * function over 120 lines. What is over today is listed with its length as it stands: the list may only
 * shrink (a listed function that grows, or a new one over the bar, fails), so the debt is paid down, never added to.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../infra/project-root';

const FOLDERS = ['api', 'activities', 'domain', 'infra', 'mail', 'reports', 'workflows', 'worker', 'scripts'];
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 120;

/** Known debts (issue 26), at most this long: `file › function`. */
const LONG_FUNCTIONS: Record<string, number> = {
  'reports/monthly-report-tables.ts › reportSections': 283,
  'activities/recalls.ts › createRecallActivities': 216,
  'activities/mail.ts › createMailActivities': 209,
  'workflows/maintenance/order.workflow.ts › maintenanceOrderWorkflow': 180,
  'activities/maintenance.ts › createMaintenanceActivities': 180,
  'api/customer-questions.ts › customerQuestions': 173,
  'api/customer-page-routes.ts › customerPageRoutes': 169,
  'api/corrective-action-routes.ts › correctiveActionRoutes': 162,
  'activities/corrective-action-report.ts › createCorrectiveActionReportActivities': 150,
  'workflows/complaint/complaint.workflow.ts › complaintWorkflow': 136,
  'api/recall-routes.ts › recallRoutes': 135,
};
const LONG_FILES: Record<string, number> = { 'api/shipment-import.ts': 461, 'scripts/bench.ts': 415 };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(projectRoot(), dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

const FILES = FOLDERS.flatMap(sourceFiles);

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText();
  return '(anonymous)';
}

function longFunctions(file: string): Array<[string, number]> {
  const text = fs.readFileSync(path.join(projectRoot(), file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Array<[string, number]> = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > MAX_FUNCTION_LINES) found.push([`${file} › ${functionName(node)}`, last - first + 1]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('there are source files to measure', () => {
  expect(FILES.length).toBeGreaterThan(200);
});

test(`no function over ${MAX_FUNCTION_LINES} lines but the known debts, none of them longer than listed`, () => {
  const over = FILES.flatMap(longFunctions).filter(([name, lines]) => !(lines <= (LONG_FUNCTIONS[name] ?? 0)));
  expect(over).toEqual([]);
});

test(`no source file over ${MAX_FILE_LINES} lines but data and the known debts`, () => {
  const over = FILES.flatMap((file) => {
    const text = fs.readFileSync(path.join(projectRoot(), file), 'utf8');
    const lines = text.split('\n').length - 1;
    const data = /^\/\*\*[^*]*\(data\)/.test(text);
    return lines > MAX_FILE_LINES && !data && !(lines <= (LONG_FILES[file] ?? 0)) ? [[file, lines]] : [];
  });
  expect(over).toEqual([]);
});
