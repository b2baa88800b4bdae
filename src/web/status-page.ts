// The status page (/ and /index.html): one row per process, with the actions its state allows.
import { escapeHtml, page, quoteUrl } from './html.js';
import { makeNamespec } from '../rpc/namespec.js';

/** The fields of getProcessInfo the page shows. */
export interface ProcessRow {
  name: string;
  group: string;
  statename: string;
  description: string;
}

function namespecOf(row: { name: string; group: string }): string {
  return makeNamespec(row.group, row.name);
}

function stateClass(statename: string): string {
  if (statename === 'RUNNING') return 'statusrunning';
  if (statename === 'FATAL' || statename === 'BACKOFF') return 'statuserror';
  return 'statusnominal';
}

type Action = { label: string; href: string; blank?: boolean } | null;

function actionsFor(row: ProcessRow): Action[] {
  const ns = quoteUrl(namespecOf(row));
  const act = (action: string, label: string): Action => ({ label, href: `index.html?processname=${ns}&action=${action}` });
  const tails: Action[] = [
    { label: 'Tail -f Stdout', href: `logtail/${ns}`, blank: true },
    { label: 'Tail -f Stderr', href: `logtail/${ns}/stderr`, blank: true },
  ];
  const clear = act('clearlog', 'Clear Log');
  if (row.statename === 'RUNNING') return [act('restart', 'Restart'), act('stop', 'Stop'), clear, ...tails];
  if (['STOPPED', 'EXITED', 'FATAL'].includes(row.statename)) return [act('start', 'Start'), null, clear, ...tails];
  return [null, null, clear, ...tails];
}

function renderAction(a: Action): string {
  if (!a) return '';
  const target = a.blank ? ' target="_blank"' : '';
  return `<li><a href="${escapeHtml(a.href)}"${target}>${escapeHtml(a.label)}</a></li>`;
}

export function renderStatusPage(rows: ProcessRow[], message: string | null): string {
  const sorted = [...rows].sort((a, b) => (a.group === b.group ? cmp(a.name, b.name) : cmp(a.group, b.group)));
  const msg = message
    ? `<div class="${isFailure(message) ? 'status_msg error' : 'status_msg'}" id="statusmessage">${escapeHtml(message)}</div>`
    : '<div class="hidden" id="statusmessage"></div>';
  const body = sorted.length === 0
    ? '<p>No programs to manage</p>'
    : `<table cellspacing="0" id="statustable">
<thead><tr><th class="state">State</th><th class="desc">Description</th><th class="name">Name</th><th class="action">Action</th></tr></thead>
<tbody>
${sorted.map(renderRow).join('\n')}
</tbody>
</table>`;
  return page('Supervisor Status', `  ${msg}
  <form action="index.html" method="post">
  <ul id="buttons">
    <li class="action-button"><a href="index.html?action=refresh">Refresh</a></li>
    <li class="action-button"><a href="index.html?action=restartall">Restart All</a></li>
    <li class="action-button"><a href="index.html?action=stopall">Stop All</a></li>
  </ul>
  ${body}
  </form>`);
}

/** Messages of actions.ts that report a failure, shown in red. */
function isFailure(message: string): boolean {
  return /^(ERROR: |No such process named |unexpected rpc fault )/.test(message);
}

function renderRow(row: ProcessRow): string {
  const ns = namespecOf(row);
  return `<tr>
  <td class="status"><span class="${stateClass(row.statename)}">${escapeHtml(row.statename.toLowerCase())}</span></td>
  <td><span>${escapeHtml(row.description)}</span></td>
  <td><a href="tail.html?processname=${escapeHtml(quoteUrl(ns))}" target="_blank">${escapeHtml(ns)}</a></td>
  <td class="action"><ul>${actionsFor(row).map(renderAction).join('')}</ul></td>
</tr>`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
