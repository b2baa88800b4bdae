// The tail page (/tail.html?processname=x&limit=n): the end of a process' stdout log.
import { escapeHtml, page, quoteUrl } from './html.js';

export function renderTailPage(processName: string | null, text: string, limit: number): string {
  const refresh = processName
    ? `<p><a href="tail.html?processname=${escapeHtml(quoteUrl(processName))}&amp;limit=${limit}">Refresh</a></p>`
    : '';
  const title = processName ? `Supervisor Tail: ${processName}` : 'Supervisor Tail';
  return page(title, `  ${refresh}
  <pre id="tailbody">${escapeHtml(text)}</pre>`);
}
