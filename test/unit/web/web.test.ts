import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderStatusPage } from '../../../src/web/status-page.js';
import { runAction } from '../../../src/web/actions.js';
import { ctime } from '../../../src/python/time.js';
import { handleWebRequest } from '../../../src/web/routes.js';

const rows = [
  { name: 'b', group: 'b', statename: 'FATAL', description: 'Exited too quickly' },
  { name: 'w_01', group: 'w', statename: 'RUNNING', description: 'pid 12, uptime 0:00:05' },
  { name: 'a', group: 'a', statename: 'STOPPED', description: 'Not started' },
];

function fault(faultCode: number, faultString: string) {
  return Object.assign(new Error(faultString), { faultCode, faultString });
}

test('status page: rows sorted by group, state classes, actions per state', () => {
  const html = renderStatusPage(rows, null);
  const order = ['>a<', '>b<', '>w:w_01<'].map((s) => html.indexOf(s));
  assert.ok(order.every((i) => i > 0), 'every namespec appears');
  assert.deepEqual([...order].sort((x, y) => x - y), order);
  assert.match(html, /<span class="statuserror">fatal<\/span>/);
  assert.match(html, /<span class="statusrunning">running<\/span>/);
  assert.match(html, /<span class="statusnominal">stopped<\/span>/);
  assert.match(html, /index\.html\?processname=w%3Aw_01&amp;action=restart/);
  assert.match(html, /index\.html\?processname=a&amp;action=start/);
  assert.doesNotMatch(html, /processname=a&amp;action=stop/);
  assert.match(html, /href="logtail\/w%3Aw_01\/stderr" target="_blank"/);
  assert.match(html, /class="hidden" id="statusmessage"/);
});

test('status page: empty config and a message', () => {
  const html = renderStatusPage([], 'Process x started');
  assert.match(html, /No programs to manage/);
  assert.match(html, /<div class="status_msg" id="statusmessage">Process x started<\/div>/);
});

test('actions map RPC faults to Supervisor messages', async () => {
  const calls: string[] = [];
  const rpc = async (method: string, params: unknown[]) => {
    calls.push(`${method}(${params.join(',')})`);
    if (method === 'supervisor.getProcessInfo' && params[0] === 'nope') throw fault(10, 'BAD_NAME: nope');
    if (method === 'supervisor.startProcess' && params[0] === 'bad') throw fault(50, 'SPAWN_ERROR: bad');
    if (method === 'supervisor.startProcess' && params[0] === 'odd') throw fault(99, 'WEIRD');
    return true;
  };
  assert.equal(await runAction(rpc, 'start', 'ok'), 'Process ok started');
  assert.equal(await runAction(rpc, 'start', 'bad'), 'ERROR: Process bad: spawn error');
  assert.equal(await runAction(rpc, 'start', 'odd'), 'ERROR: Process odd: unexpected rpc fault [99] WEIRD');
  assert.equal(await runAction(rpc, 'stop', 'nope'), 'No such process named nope');
  assert.equal(await runAction(rpc, 'clearlog', 'ok'), 'Log for ok cleared');
  assert.equal(await runAction(rpc, 'restart', 'ok'), 'Process ok restarted');
  assert.match(await runAction(rpc, 'stopall', null), /^All stopped at \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
  assert.ok(calls.includes('supervisor.stopProcess(ok,true)'));
});

test('ctime pads the day with a space like Python', () => {
  assert.match(ctime(new Date(2026, 10, 5, 7, 8, 9)), /^Thu Nov  5 07:08:09 2026$/);
});

test('routes: an action redirects with the message, the page renders, the tail page reads the log', async (t) => {
  const rpc = async (method: string, params: unknown[]) => {
    if (method === 'supervisor.getAllProcessInfo') return rows;
    if (method === 'supervisor.readProcessStdoutLog') {
      if (params[0] === 'a') throw fault(20, 'NO_FILE: /x');
      return `<tail of ${params[0]} ${params[1]}>`;
    }
    return true;
  };
  const server = createServer((req, res) => {
    handleWebRequest(req, res, rpc).then((handled) => {
      if (!handled) { res.writeHead(404); res.end(); }
    }, (err) => { res.writeHead(500); res.end(String(err)); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const get = (path: string) => new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject).end();
  });
  const redirect = await get('/index.html?processname=a&action=start');
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, `http://127.0.0.1:${port}/?message=Process%20a%20started`);
  const page = await get('/?message=hello');
  assert.equal(page.status, 200);
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.match(page.body, /hello/);
  assert.match((await get('/tail.html?processname=w:w_01&limit=5000')).body, /&lt;tail of w:w_01 -5000&gt;/);
  assert.match((await get('/tail.html?processname=a')).body, /No file for a/);
  assert.match((await get('/tail.html')).body, /No process name found/);
  assert.equal((await get('/nothing')).status, 404);
  assert.equal((await get('/index.html?processname=a&action=bogus')).status, 400);
});
