// HTTP routes of the web UI: /, /index.html, /tail.html and the stylesheet.
// Mounted by the control server; every action goes through the RPC methods (RpcCaller).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runAction, UnknownActionError, type RpcCaller } from './actions.js';
import { STYLESHEET } from './html.js';
import { renderStatusPage, type ProcessRow } from './status-page.js';
import { renderTailPage } from './tail-page.js';

const NO_CACHE = {
  Pragma: 'no-cache',
  'Cache-Control': 'no-cache',
  Expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
};
const MAX_FORM_BYTES = 64 * 1024;
const NO_FILE = 20;

/** Query string overlaid by an urlencoded POST body; first value per key, as Supervisor's form handling. */
async function readForm(req: IncomingMessage, url: URL): Promise<Map<string, string>> {
  const form = new Map<string, string>();
  for (const [k, v] of url.searchParams) if (!form.has(k)) form.set(k, v);
  if (req.method === 'POST' && /application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
    let body = '';
    for await (const chunk of req) {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) break;
    }
    const posted = new URLSearchParams(body);
    const seen = new Set<string>();
    for (const [k, v] of posted) {
      if (seen.has(k)) continue;
      seen.add(k);
      form.set(k, v);
    }
  }
  return form;
}

function sendHtml(res: ServerResponse, html: string): void {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(200, { ...NO_CACHE, 'Content-Type': 'text/html;charset=utf-8', 'Content-Length': body.length });
  res.end(body);
}

async function statusView(req: IncomingMessage, res: ServerResponse, rpc: RpcCaller, url: URL): Promise<void> {
  const form = await readForm(req, url);
  const action = form.get('action');
  if (action) {
    let message: string;
    try {
      message = await runAction(rpc, action, form.get('processname') ?? null);
    } catch (err) {
      if (err instanceof UnknownActionError) {
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end(`${err.message}\n`);
        return;
      }
      throw err;
    }
    const host = req.headers.host || 'localhost';
    res.writeHead(301, { Location: `http://${host}/?message=${encodeURIComponent(message)}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const rows = (await rpc('supervisor.getAllProcessInfo', [])) as ProcessRow[];
  sendHtml(res, renderStatusPage(rows, form.get('message') ?? null));
}

async function tailView(req: IncomingMessage, res: ServerResponse, rpc: RpcCaller, url: URL): Promise<void> {
  const form = await readForm(req, url);
  const name = form.get('processname') || null;
  // like Supervisor: only all-digit limits count, and never less than 1024 bytes
  const given = form.get('limit') ?? '';
  const requested = /^\d+$/.test(given) ? Number(given) : 0;
  const limit = Number.isSafeInteger(requested) && requested > 1024 ? requested : 1024;
  let text: string;
  if (!name) {
    text = 'No process name found';
  } else {
    try {
      text = String(await rpc('supervisor.readProcessStdoutLog', [name, -limit, 0]));
    } catch (err) {
      const e = err as { faultCode?: number; faultString?: string };
      if (typeof e?.faultCode !== 'number') throw err;
      text = e.faultCode === NO_FILE ? `No file for ${name}` : `ERROR: unexpected rpc fault [${e.faultCode}] ${e.faultString}`;
    }
  }
  sendHtml(res, renderTailPage(name, text, limit));
}

/** Handles the request if it is a web UI path; returns false otherwise so the caller can 404. */
export async function handleWebRequest(req: IncomingMessage, res: ServerResponse, rpc: RpcCaller): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'HEAD') return false;
  if (path === '/' || path === '/index.html') {
    await statusView(req, res, rpc, url);
    return true;
  }
  if (path === '/tail.html') {
    await tailView(req, res, rpc, url);
    return true;
  }
  if (path === '/stylesheets/supervisor.css') {
    res.writeHead(200, { 'Content-Type': 'text/css', 'Content-Length': Buffer.byteLength(STYLESHEET) });
    res.end(STYLESHEET);
    return true;
  }
  return false;
}
