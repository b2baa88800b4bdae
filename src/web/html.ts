// Small HTML helpers for the web pages: escaping and the shared page frame.
import { SUPERVISOR_VERSION } from '../version.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Supervisor quotes namespecs in links with urllib.quote (':' and '/' kept? no: only '/' safe). */
export function quoteUrl(text: string): string {
  return encodeURIComponent(text).replace(/%2F/g, '/');
}

export const STYLESHEET = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #f6f7f9; }
#wrapper { max-width: 1100px; margin: 0 auto; padding: 16px; }
#header { display: flex; align-items: baseline; gap: 16px; }
#header h1 { font-size: 20px; margin: 8px 0 16px; }
#header a { color: #245; }
a { color: #1f4fa0; }
a:visited { color: #1f4fa0; }
.hidden { display: none; }
.status_msg { background: #fff8d6; border: 1px solid #e6d37a; border-radius: 4px; padding: 8px 12px; margin-bottom: 12px; }
.status_msg.error { background: #fdecea; border-color: #e5a39d; color: #8c1d18; }
#buttons { list-style: none; padding: 0; margin: 0 0 12px; display: flex; gap: 8px; }
.action-button a { display: inline-block; padding: 4px 12px; border: 1px solid #aab; border-radius: 4px; background: #fff; text-decoration: none; color: #224; }
.action-button a:hover { background: #eef1f6; border-color: #889; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #e4e6ea; border-radius: 4px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #e4e6ea; vertical-align: top; }
th { background: #eef0f3; font-weight: 600; }
tbody tr:hover { background: #f8fafc; }
td.status { width: 7em; }
td.action ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 4px 12px; flex-wrap: wrap; }
td.action a { text-decoration: none; }
td.action a:hover { text-decoration: underline; }
.statusrunning { color: #0a7a2f; font-weight: 600; }
.statuserror { color: #b3261e; font-weight: 600; }
.statusnominal { color: #555; }
pre { background: #fff; border: 1px solid #e4e6ea; border-radius: 4px; padding: 10px; margin: 0 0 12px; overflow: auto;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; }
#footer { max-width: 1100px; margin: 0 auto; padding: 8px 16px; color: #777; font-size: 12px; }
`;

/** The shared frame; `header` is trusted HTML (callers escape what they put in it). */
export function page(title: string, body: string, header = '<h1>Supervisor status</h1>'): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>${escapeHtml(title)}</title>
  <link href="stylesheets/supervisor.css" rel="stylesheet" type="text/css" />
</head>
<body>
<div id="wrapper">
  <div id="header">${header}</div>
${body}
</div>
<div id="footer">supervisor-ts, compatible with Supervisor <span id="supervisor_version">${SUPERVISOR_VERSION}</span> &middot; ${new Date().getFullYear()}</div>
</body>
</html>
`;
}
