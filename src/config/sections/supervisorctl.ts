// [supervisorctl]: where supervisorctl connects and how it prompts.
import type { SupervisorctlOptions } from '../model.js';
import type { ConfigReader } from '../reader.js';
import { normalizePath } from '../datatypes-os.js';

export const SUPERVISORCTL_SECTION = 'supervisorctl';
export const DEFAULT_SERVERURL = 'http://localhost:9001';

export function defaultCtlOptions(): SupervisorctlOptions {
  return { serverurl: DEFAULT_SERVERURL, username: null, password: null, prompt: 'supervisor', historyFile: null };
}

export function readSupervisorctlSection(reader: ConfigReader): SupervisorctlOptions {
  const s = SUPERVISORCTL_SECTION;
  const here = { here: reader.here };
  let serverurl = reader.get(s, 'serverurl', DEFAULT_SERVERURL, here);
  if (serverurl.startsWith('unix://')) serverurl = `unix://${normalizePath(serverurl.slice(7), reader.env)}`;
  const historyFile = reader.get(s, 'history_file', null, here);
  return {
    serverurl,
    username: reader.get(s, 'username', null),
    password: reader.get(s, 'password', null),
    prompt: reader.get(s, 'prompt', 'supervisor'),
    historyFile: historyFile ? normalizePath(historyFile, reader.env) : null,
  };
}
