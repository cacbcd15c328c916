/**
 * Issue 26's bar for source files: none over 400 lines unless it is data (its first comment says "(data)"), no
 * function over 120 lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../infra/project-root';

const FOLDERS = ['api', 'activities', 'domain', 'infra', 'mail', 'reports', 'workflows', 'worker', 'scripts'];
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 120;

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

test(`no function over ${MAX_FUNCTION_LINES} lines`, () => {
  const over = FILES.flatMap(longFunctions);
  expect(over).toEqual([]);
});

test(`no source file over ${MAX_FILE_LINES} lines but data`, () => {
  const over = FILES.flatMap((file) => {
    const text = fs.readFileSync(path.join(projectRoot(), file), 'utf8');
    const lines = text.split('\n').length - 1;
    const data = /^\/\*\*[^*]*\(data\)/.test(text);
    return lines > MAX_FILE_LINES && !data ? [[file, lines]] : [];
  });
  expect(over).toEqual([]);
});
