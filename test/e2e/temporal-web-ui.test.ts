/**
 * What a manager sees in the real Temporal Web UI (a dev server of its own with the UI on, as `npm start`
 * runs it; the test stack's is headless), in a real headless Chromium: a complaint, a corrective action (8D)
 * and a recall, each started through the API, show their summary and their details (markdown: what it is,
 * where it stands, what it waits for), and their timelines name the timers they sleep on in words, never as
 * a bare duration. Screenshots are kept under test-results/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { complaintWorkflowId } from '../../domain/complaint-contract';
import { correctiveActionWorkflowId } from '../../domain/corrective-action-contract';
import { recallWorkflowId } from '../../domain/recall-contract';
import { projectRoot } from '../../infra/project-root';
import { freePort, startDevServer, type DevServer } from '../../infra/temporal-dev-server';
import { launchChromium, screenshot } from '../support/browser';
import { eventually, registerComplaint, startHarness, type Harness } from '../support/harness';

let server: DevServer;
let h: Harness;
let browser: Browser;

function cliPath(): string {
  if (process.env.TEMPORAL_CLI_PATH) return process.env.TEMPORAL_CLI_PATH;
  const out = execFileSync('bash', [path.join(projectRoot(), 'scripts', 'provision-temporal.sh')], {
    encoding: 'utf8',
  });
  const line = out.split('\n').find((l) => l.startsWith('TEMPORAL_CLI_PATH='));
  if (!line) throw new Error('the Temporal CLI could not be provisioned (scripts/provision-temporal.sh)');
  return line.slice('TEMPORAL_CLI_PATH='.length);
}

beforeAll(async () => {
  server = await startDevServer({ cliPath: cliPath(), uiPort: await freePort() });
  h = await startHarness({ env: { TEMPORAL_ADDRESS: server.address } });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await server?.stop();
});

/** The summary of the first timer the workflow started (waits until it has started one). */
async function firstTimerSummary(workflowId: string): Promise<string> {
  return eventually(async () => {
    const history = await h.temporal.workflow.getHandle(workflowId).fetchHistory();
    const timer = history.events?.find((e) => e.timerStartedEventAttributes);
    const payload = timer?.userMetadata?.summary;
    return payload?.data ? (JSON.parse(Buffer.from(payload.data).toString('utf8')) as string) : undefined;
  }, 30_000);
}

/**
 * Opens the workflow's page: its timeline shows `timer` (the timer's summary); its User Metadata tab shows the
 * summary and the current details.
 */
async function openWorkflow(page: Page, workflowId: string, timer: string, metadata: string[]): Promise<void> {
  await page.goto(`${server.uiUrl}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`);
  await seen(page, timer);
  await page.getByRole('tab', { name: 'User Metadata' }).click();
  for (const text of metadata) await seen(page, text);
}

/** The visible text of the page and of its frames (the UI renders summaries and details as markdown in iframes). */
async function pageText(page: Page): Promise<string> {
  const texts = await Promise.all(
    page.frames().map((frame) =>
      frame
        .locator('body')
        .innerText({ timeout: 1_000 })
        .catch(() => ''),
    ),
  );
  return texts.join('\n');
}

/** Waits until `text` is on the page; if it never is, keeps a screenshot and says what the page showed. */
async function seen(page: Page, text: string): Promise<void> {
  try {
    await eventually(async () => ((await pageText(page)).includes(text) ? true : undefined), 15_000);
  } catch (error) {
    await screenshot(page, 'temporal-ui-failed.png');
    const body = (await pageText(page)).slice(0, 3_000);
    throw new Error(`"${text}" not on ${page.url()}: ${(error as Error).message}\npage text:\n${body}`);
  }
}

test('the Web UI shows a complaint, an 8D and a recall with summaries, details and named timers', async () => {
  const number = await registerComplaint(h);
  const car = await request(h.app)
    .post('/api/v1/corrective-actions')
    .set('Authorization', h.as('admin'))
    .send({
      profileId: 'cr-mp25',
      source: 'audit',
      reason: 'audit finding: torque of the terminal screws not recorded',
      product: { model: 'HX-300 servo drive', quantityAffected: 0 },
      technical: true,
    })
    .expect(201);
  const recall = await request(h.app)
    .post('/api/v1/recalls')
    .set('Authorization', h.as('admin'))
    .send({
      productModel: 'HX-300 servo drive',
      lots: [`L-${Date.now()}`],
      risk: 'capacitor may overheat',
      remedy: 'free replacement of the power board',
    })
    .expect(201);

  const workflows = [
    { name: 'complaint', id: complaintWorkflowId(number), details: 'Waits for: classify (', about: number },
    {
      name: '8d',
      id: correctiveActionWorkflowId(car.body.number),
      details: 'Waits for:',
      about: '(admin): audit finding: torque',
    },
    {
      name: 'recall',
      id: recallWorkflowId(recall.body.number),
      details: 'Waits for:',
      about: 'Risk: capacitor may overheat',
    },
  ];
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    for (const workflow of workflows) {
      const description = await h.temporal.workflow.getHandle(workflow.id).describe();
      const summary = await description.staticSummary();
      expect(summary).toBeTruthy();
      // what it is, set at its start (standalone ones opened through the API too)
      expect(await description.staticDetails()).toContain(workflow.about);
      const timer = await firstTimerSummary(workflow.id);
      // words, not a bare duration such as "12 (1d, 18h, 59m, 59s)"
      expect(timer).toMatch(/[a-z]{3,}/i);
      expect(timer).not.toMatch(/^\d+\s*\(/);
      await openWorkflow(page, workflow.id, timer.slice(0, 40), [
        summary!.slice(0, 40),
        'Current Details',
        workflow.details,
      ]);
      await screenshot(page, `temporal-ui-${workflow.name}.png`);
    }
  } finally {
    await page.close();
  }
}, 90_000);

/** The saved views docs/managers.md tells managers to make: name and query, from its table. */
function documentedViews(): Array<{ name: string; query: string }> {
  const doc = fs.readFileSync(path.join(projectRoot(), 'docs', 'managers.md'), 'utf8');
  const monday = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  return [...doc.matchAll(/^\| ([A-Z][a-z ]+?) +\| `([^`]+)`/gm)].map((m) => ({
    name: m[1]!,
    query: m[2]!.replace('<next Monday>', monday),
  }));
}

/** The columns docs/managers.md tells managers to add. */
function documentedColumns(): string[] {
  const doc = fs.readFileSync(path.join(projectRoot(), 'docs', 'managers.md'), 'utf8');
  const paragraph = doc.slice(doc.indexOf('**Configure columns**'), doc.indexOf('Then save a view'));
  return [...paragraph.matchAll(/`(Complaint\w+)`/g)].map((m) => m[1]!);
}

test('the list columns and saved views managers.md names work in the Web UI', async () => {
  const number = await registerComplaint(h);
  const views = documentedViews();
  expect(views.map((v) => v.name)).toEqual(expect.arrayContaining(['Overdue', 'Needs attention', 'By department']));
  // every documented query is one Temporal accepts
  for (const view of views) await expect(h.temporal.workflow.count(view.query)).resolves.toBeDefined();
  const columns = documentedColumns();
  expect(columns).toEqual(expect.arrayContaining(['ComplaintStage', 'ComplaintNextDeadline', 'ComplaintOverdue']));

  // the columns as Configure columns stores them in the browser (the UI's own local storage key)
  const page = await browser.newPage({ viewport: { width: 2000, height: 560 } });
  try {
    await page.goto(`${server.uiUrl}/namespaces/default/workflows`);
    const pinned = ['Status', 'Workflow ID'].map((label) => ({ label, pinned: true }));
    const stored = {
      'namespace-workflow-table-columns': {
        default: [...pinned, ...columns.map((label) => ({ label, pinned: false }))],
      },
    };
    for (const [key, value] of Object.entries(stored))
      await page.evaluate(`localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(JSON.stringify(value))})`);
    // each view saved as the UI saves one (its own `savedQuery` parameter), then shown as the active view
    const list = (query: string, saveAs?: string) =>
      `${server.uiUrl}/namespaces/default/workflows?query=${encodeURIComponent(query)}${saveAs ? `&savedQuery=${encodeURIComponent(saveAs)}` : ''}`;
    for (const view of views) {
      await page.goto(list(view.query, view.name));
      await seen(page, view.name);
    }
    const running = `WorkflowType = 'complaintWorkflow' AND ExecutionStatus = 'Running'`;
    await page.goto(list(running));
    await seen(page, complaintWorkflowId(number));
    for (const text of ['ComplaintStage', 'ComplaintNextDeadline', 'triage']) await seen(page, text);
    const saved = await page.evaluate("localStorage.getItem('saved-workflow-queries')");
    expect(JSON.parse(saved as string).default.map((v: { name: string }) => v.name)).toEqual(views.map((v) => v.name));
    await screenshot(page, 'temporal-ui-list.png');
  } finally {
    await page.close();
  }
}, 90_000);
