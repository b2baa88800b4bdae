// [inet_http_server] and [unix_http_server] (any section whose name starts with those words), inet ones first.
import type { HttpServerConfig } from '../model.js';
import type { ConfigReader } from '../reader.js';
import { inetAddress, octal } from '../datatypes.js';
import { colonSeparatedUserGroup, normalizePath } from '../datatypes-os.js';

function credentials(reader: ConfigReader, section: string): { username: string | null; password: string | null } {
  const username = reader.get(section, 'username', null);
  const password = reader.get(section, 'password', null);
  if ((username === null) !== (password === null)) {
    reader.fail(
      `Section [${section}] contains incomplete authentication: If a username or a password is specified, ` +
        'both the username and password must be specified',
      section,
      username === null ? 'password' : 'username',
    );
  }
  return { username, password };
}

export function readServers(reader: ConfigReader): HttpServerConfig[] {
  const servers: HttpServerConfig[] = [];
  const sections = reader.doc.sectionNames();
  for (const section of sections.filter((s) => s.startsWith('inet_http_server'))) {
    const auth = credentials(reader, section);
    const port = reader.get(section, 'port', null);
    if (port === null) reader.fail(`section [${section}] has no port value`, section);
    const address = reader.at(section, 'port', () => inetAddress(port));
    servers.push({ kind: 'inet', section, host: address.host, port: address.port, ...auth });
  }
  for (const section of sections.filter((s) => s.startsWith('unix_http_server'))) {
    const file = reader.get(section, 'file', null, { here: reader.here });
    if (file === null) reader.fail(`section [${section}] has no file value`, section);
    const socketFile = normalizePath(file.trim(), reader.env);
    const auth = credentials(reader, section);
    const chownText = reader.get(section, 'chown', null);
    let chown: { uid: number; gid: number } | null = null;
    if (chownText !== null) {
      try {
        chown = colonSeparatedUserGroup(chownText);
      } catch {
        reader.fail(`Invalid sockchown value ${chownText}`, section, 'chown');
      }
    }
    const chmodText = reader.get(section, 'chmod', null);
    let chmod = 0o700;
    if (chmodText !== null) {
      try {
        chmod = octal(chmodText);
      } catch {
        reader.fail(`Invalid chmod value ${chmodText}`, section, 'chmod');
      }
    }
    servers.push({ kind: 'unix', section, file: socketFile, chmod, chown, ...auth });
  }
  return servers;
}
