// Converters that look at the system: users and groups (via src/os/users.ts: /etc/passwd and /etc/group),
// `~` expansion, and path checks. Texts are Supervisor's.
import path from 'node:path';
import { ValueError } from './errors.js';
import { isDirectory } from './glob.js';
import { readGroups, readPasswd, userByName, userByUid, type UserFiles } from '../os/users.js';
import { parsePythonInt } from '../python/int.js';

/** The account databases; tests substitute their own files. */
export interface AccountFiles {
  passwd: string;
  group: string;
}

let accountFiles: AccountFiles = { passwd: '/etc/passwd', group: '/etc/group' };

export function setAccountFiles(files: AccountFiles): void {
  accountFiles = files;
}

function userFiles(): UserFiles {
  return { passwdFile: accountFiles.passwd, groupFile: accountFiles.group };
}

/** A name or a number (Python int() rules) that must name an existing account id. */
function accountId(value: string, kind: 'user' | 'group', ids: { name: string; id: number }[]): number {
  const id = parsePythonInt(value);
  if (id !== null) {
    if (!ids.some((e) => e.id === id)) throw new ValueError(`Invalid ${kind} id ${value}`);
    return id;
  }
  const entry = ids.find((e) => e.name === value);
  if (!entry) throw new ValueError(`Invalid ${kind} name ${value}`);
  return entry.id;
}

/** A user name or numeric uid that must exist (name_to_uid). */
export function nameToUid(name: string): number {
  return accountId(name, 'user', readPasswd(userFiles()).map((e) => ({ name: e.name, id: e.uid })));
}

/** A group name or numeric gid that must exist (name_to_gid). */
export function nameToGid(name: string): number {
  return accountId(name, 'group', readGroups(userFiles()).map((e) => ({ name: e.name, id: e.gid })));
}

/** The primary gid of a uid (gid_for_uid). */
export function gidForUid(uid: number): number {
  const entry = userByUid(uid, userFiles());
  if (!entry) throw new ValueError(`getpwuid(): uid not found: ${uid}`);
  return entry.gid;
}

/** `user` or `user:group` → uid and gid (-1 when no group is given). */
export function colonSeparatedUserGroup(value: string): { uid: number; gid: number } {
  try {
    const colon = value.indexOf(':');
    if (colon === -1) return { uid: nameToUid(value), gid: -1 };
    return { uid: nameToUid(value.slice(0, colon)), gid: nameToGid(value.slice(colon + 1)) };
  } catch {
    throw new ValueError(`Invalid user:group definition ${value}`);
  }
}

/** os.path.expanduser: `~` from $HOME (else the passwd entry), `~user` from passwd; anything else unchanged. */
export function expandUser(value: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!value.startsWith('~')) return value;
  const slash = value.indexOf('/', 1);
  const end = slash === -1 ? value.length : slash;
  const who = value.slice(1, end);
  let home: string | undefined;
  if (who === '') {
    const uid = process.getuid?.();
    home = env.HOME ?? (uid === undefined ? undefined : userByUid(uid, userFiles())?.home);
  } else {
    home = userByName(who, userFiles())?.home;
  }
  if (home === undefined) return value;
  home = home.replace(/\/+$/, '') || '/';
  return home + value.slice(end);
}

/** An existing directory (after `~` expansion). */
export function existingDirectory(value: string, env?: NodeJS.ProcessEnv): string {
  const expanded = expandUser(value, env);
  if (isDirectory(expanded)) return expanded;
  throw new ValueError(`${value} is not an existing directory`);
}

/** A file path whose parent directory exists; a bare relative name is accepted as is. */
export function existingDirpath(value: string, env?: NodeJS.ProcessEnv, isDir: (p: string) => boolean = isDirectory): string {
  const expanded = expandUser(value, env);
  const dir = pyDirname(expanded);
  if (!dir || isDir(dir)) return expanded;
  throw new ValueError(`The directory named as part of the path ${value} does not exist`);
}

/** os.path.dirname: everything before the last slash, trailing slashes removed unless it is all slashes. */
export function pyDirname(p: string): string {
  const i = p.lastIndexOf('/') + 1;
  const head = p.slice(0, i);
  return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
}

/** Supervisor's normalize_path: expanduser, absolute against cwd, normalised. */
export function normalizePath(value: string, env?: NodeJS.ProcessEnv): string {
  return path.resolve(expandUser(value, env));
}
