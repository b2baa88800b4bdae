// Medusa-style error replies (Supervisor's HTTP server is Medusa), so scripts that scrape them keep working.
import { STATUS_CODES, type ServerResponse } from 'node:http';

export const SERVER_HEADER = 'Medusa/1.12';

export function errorPage(code: number): string {
  const message = STATUS_CODES[code] ?? 'Unknown';
  return [
    '<head>',
    '<title>Error response</title>',
    '</head>',
    '<body>',
    '<h1>Error response</h1>',
    `<p>Error code ${code}.`,
    `<p>Message: ${message}.`,
    '</body>',
    '',
  ].join('\r\n');
}

/** Sends an error page unless the response already started; extra headers (e.g. WWW-Authenticate) are added. */
export function sendError(res: ServerResponse, code: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(errorPage(code), 'latin1');
  res.writeHead(code, { ...headers, 'Content-Type': 'text/html', 'Content-Length': body.length });
  res.end(body);
}
