// The web UI driven by a real headless Chromium against our daemon: the status page, its actions, the tail
// page and HTTP authentication, as a user would see them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildDaemon, type PrivateBuild } from './build.js';
import { freePort, PASSWORD, USERNAME, waitFor, WebDaemon } from './daemon.js';

const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling home, and this network is closed.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// Set SVTS_WEB_SCREENSHOTS=<dir> to keep the screenshots for a look; otherwise they go with the temp dir.
const KEEP_SCREENSHOTS = process.env.SVTS_WEB_SCREENSHOTS;

const PROGRAMS = `[program:sleeper]
command=/bin/sh -c "echo hello from the sleeper; exec sleep 1000"
startsecs=1
stopwaitsecs=5

[program:idle]
command=/bin/sleep 1000
autostart=false

[program:workers]
command=/bin/sleep 1000
process_name=%(program_name)s_%(process_num)02d
numprocs=2
startsecs=0
`;

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install chromium, or scripts/ensure-system-deps.sh)`;

describe('web UI in a real browser', { skip, timeout: 180_000 }, () => {
  let build: PrivateBuild | undefined;
  let daemon: WebDaemon | undefined;
  let context: BrowserContext | undefined;
  let profileDir = '';
  let page: Page;

  before(async () => {
    build = buildDaemon();
    daemon = new WebDaemon(build.supervisord, await freePort(), PROGRAMS);
    await daemon.start();
    const { chromium } = await import('playwright-core');
    profileDir = mkdtempSync(path.join(tmpdir(), 'svts-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      // wrong on purpose: the first test checks the 401, then sets the right ones
      httpCredentials: { username: USERNAME, password: `not-${PASSWORD}` },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    await daemon?.stop();
    build?.remove();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  const base = () => daemon!.baseUrl;
  const row = (namespec: string) =>
    page.locator('#statustable tbody tr').filter({ has: page.getByRole('link', { name: namespec, exact: true }) });
  const stateOf = async (namespec: string) => (await row(namespec).locator('td.status span').textContent())?.trim();

  /** Reloads the status page until every namespec shows the expected state. */
  async function waitForStates(expected: Record<string, string>): Promise<void> {
    let seen: Record<string, string | undefined> = {};
    await waitFor(`states ${JSON.stringify(expected)}`, async () => {
      await page.goto(`${base()}/`);
      seen = {};
      for (const ns of Object.keys(expected)) seen[ns] = await stateOf(ns);
      return Object.entries(expected).every(([ns, state]) => seen[ns] === state);
    }).catch((err: Error) => {
      throw new Error(`${err.message}; last seen ${JSON.stringify(seen)}\n${daemon!.diagnostics()}`);
    });
  }

  /** Clicks an action link in a process row and returns the message shown after the redirect. */
  async function clickAction(namespec: string, label: string): Promise<string> {
    // from a page without a message, so the wait below cannot be satisfied by the previous action's URL
    await page.goto(`${base()}/`);
    await Promise.all([
      page.waitForURL(/\/\?message=/),
      row(namespec).getByRole('link', { name: label, exact: true }).click(),
    ]);
    return ((await page.locator('#statusmessage').textContent()) ?? '').trim();
  }

  /** Opens the tail page from the process name link (it opens a new tab) and returns its text. */
  async function tailText(namespec: string): Promise<string> {
    const [tab] = await Promise.all([
      context!.waitForEvent('page'),
      row(namespec).getByRole('link', { name: namespec, exact: true }).click(),
    ]);
    try {
      await tab.waitForLoadState();
      assert.match(tab.url(), new RegExp(`/tail\\.html\\?processname=${encodeURIComponent(namespec)}$`));
      assert.equal(await tab.title(), `Supervisor tail of process ${namespec}`);
      return (await tab.locator('#tailbody').textContent()) ?? '';
    } finally {
      await tab.close();
    }
  }

  it('a wrong password gets 401 and no page', async () => {
    const response = await page.goto(`${base()}/`);
    assert.equal(response?.status(), 401);
    assert.equal(await page.locator('#statustable').count(), 0);
    await context!.setHTTPCredentials({ username: USERNAME, password: PASSWORD });
  });

  it('the status page lists every process with its state', async () => {
    const expected = { sleeper: 'running', idle: 'stopped', 'workers:workers_00': 'running', 'workers:workers_01': 'running' };
    await waitForStates(expected);
    assert.equal(await page.title(), 'Supervisor Status');
    assert.equal(await page.locator('#statustable tbody tr').count(), Object.keys(expected).length);
    assert.match((await row('idle').locator('td').nth(1).textContent()) ?? '', /Not started/);
    assert.match((await row('sleeper').locator('td').nth(1).textContent()) ?? '', /^pid \d+, uptime \d+:\d\d:\d\d$/);
    assert.equal(await page.locator('#statusmessage').isVisible(), false);
    const dir = KEEP_SCREENSHOTS ?? daemon!.dir;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'status.png'), fullPage: true });
  });

  it('the tail page shows what the program printed', async () => {
    await page.goto(`${base()}/`);
    await waitFor('the greeting in the tail page', async () => /hello from the sleeper/.test(await tailText('sleeper')));
    if (KEEP_SCREENSHOTS) {
      await page.goto(`${base()}/tail.html?processname=sleeper`);
      await page.screenshot({ path: path.join(KEEP_SCREENSHOTS, 'tail.png'), fullPage: true });
    }
  });

  it('Stop stops the sleeper, Start brings it back', async () => {
    assert.equal(await clickAction('sleeper', 'Stop'), 'Process sleeper stopped');
    assert.equal(await stateOf('sleeper'), 'stopped');
    assert.equal(await row('sleeper').getByRole('link', { name: 'Stop', exact: true }).count(), 0);
    if (KEEP_SCREENSHOTS) await page.screenshot({ path: path.join(KEEP_SCREENSHOTS, 'stopped.png'), fullPage: true });
    assert.equal(await clickAction('sleeper', 'Start'), 'Process sleeper started');
    assert.equal(await stateOf('sleeper'), 'running');
  });

  it('Clear Log empties the log the tail page shows', async () => {
    await page.goto(`${base()}/`);
    // the restart above printed the greeting again
    await waitFor('the greeting after the restart', async () => /hello from the sleeper/.test(await tailText('sleeper')));
    assert.equal(await clickAction('sleeper', 'Clear Log'), 'Log for sleeper cleared');
    assert.doesNotMatch(await tailText('sleeper'), /hello from the sleeper/);
  });

  it('an action on a process of a group names it group:process', async () => {
    assert.equal(await clickAction('workers:workers_01', 'Stop'), 'Process workers:workers_01 stopped');
    assert.equal(await stateOf('workers:workers_01'), 'stopped');
    assert.equal(await stateOf('workers:workers_00'), 'running');
  });

  it('an action on an unknown process shows the failure, marked as an error', async () => {
    await page.goto(`${base()}/index.html?processname=nope&action=stop`);
    assert.match(page.url(), /\/\?message=No%20such%20process%20named%20nope$/);
    const message = page.locator('#statusmessage');
    assert.equal((await message.textContent())?.trim(), 'No such process named nope');
    assert.match((await message.getAttribute('class')) ?? '', /\berror\b/);
  });
});
