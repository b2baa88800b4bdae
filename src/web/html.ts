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
#header h1 { font-size: 20px; margin: 8px 0 16px; }
.hidden { display: none; }
.status_msg { background: #fff8d6; border: 1px solid #e6d37a; padding: 8px 12px; margin-bottom: 12px; }
#buttons { list-style: none; padding: 0; display: flex; gap: 8px; }
.action-button a { display: inline-block; padding: 4px 12px; border: 1px solid #aab; border-radius: 4px; background: #fff; text-decoration: none; color: #224; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #e4e6ea; vertical-align: top; }
td.action ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 10px; flex-wrap: wrap; }
.statusrunning { color: #0a7a2f; font-weight: 600; }
.statuserror { color: #b3261e; font-weight: 600; }
.statusnominal { color: #555; }
pre { background: #fff; border: 1px solid #e4e6ea; padding: 10px; overflow: auto; }
#footer { max-width: 1100px; margin: 0 auto; padding: 8px 16px; color: #777; font-size: 12px; }
`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8" />
  <title>${escapeHtml(title)}</title>
  <link href="stylesheets/supervisor.css" rel="stylesheet" type="text/css" />
</head>
<body>
<div id="wrapper">
  <div id="header"><h1>Supervisor status</h1></div>
${body}
</div>
<div id="footer">supervisor-ts, compatible with Supervisor <span id="supervisor_version">${SUPERVISOR_VERSION}</span> &middot; ${new Date().getFullYear()}</div>
</body>
</html>
`;
}
