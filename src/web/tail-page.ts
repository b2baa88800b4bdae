// The tail page (/tail.html?processname=x&limit=n): the end of a process' stdout log.
import { escapeHtml, page, quoteUrl } from './html.js';

export function renderTailPage(processName: string | null, text: string, limit: number): string {
  const refresh = processName
    ? `<li class="action-button"><a id="refresh_anchor" href="tail.html?processname=${escapeHtml(quoteUrl(processName))}&amp;limit=${limit}">Refresh</a></li>`
    : '';
  // Supervisor's own title; the heading says the same more briefly
  const title = processName ? `Supervisor tail of process ${processName}` : 'Supervisor tail';
  const heading = processName ? `<h1>Tail of ${escapeHtml(processName)}</h1>` : '<h1>Supervisor tail</h1>';
  return page(title, `  <ul id="buttons">
    ${refresh}
    <li class="action-button"><a href="index.html">Status</a></li>
  </ul>
  <pre id="tailbody">${escapeHtml(text)}</pre>`, heading);
}
