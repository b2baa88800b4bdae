// User and group lookups from /etc/passwd and /etc/group (what Python's pwd/grp give Supervisor).
// Read on every call: the files are small and may change while supervisord runs.
import { readFileSync } from 'node:fs';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export interface UserFiles {
  passwdFile?: string;
  groupFile?: string;
}

function readLines(file: string): string[][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split(':'));
}

export function readPasswd(files: UserFiles = {}): PasswdEntry[] {
  return readLines(files.passwdFile ?? '/etc/passwd')
    .filter((f) => f.length >= 7 && /^\d+$/.test(f[2]) && /^\d+$/.test(f[3]))
    .map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5], shell: f[6] }));
}

export function readGroups(files: UserFiles = {}): GroupEntry[] {
  return readLines(files.groupFile ?? '/etc/group')
    .filter((f) => f.length >= 4 && /^\d+$/.test(f[2]))
    .map((f) => ({ name: f[0], gid: Number(f[2]), members: f[3] ? f[3].split(',').filter(Boolean) : [] }));
}

export function userByName(name: string, files?: UserFiles): PasswdEntry | undefined {
  return readPasswd(files).find((u) => u.name === name);
}

export function userByUid(uid: number, files?: UserFiles): PasswdEntry | undefined {
  return readPasswd(files).find((u) => u.uid === uid);
}

/** A `user=` value: a number is a uid, anything else a name. */
export function lookupUser(nameOrUid: string | number, files?: UserFiles): PasswdEntry | undefined {
  if (typeof nameOrUid === 'number') return userByUid(nameOrUid, files);
  return /^\d+$/.test(nameOrUid) ? userByUid(Number(nameOrUid), files) : userByName(nameOrUid, files);
}

export function groupByName(name: string, files?: UserFiles): GroupEntry | undefined {
  return readGroups(files).find((g) => g.name === name);
}

export function groupByGid(gid: number, files?: UserFiles): GroupEntry | undefined {
  return readGroups(files).find((g) => g.gid === gid);
}

/**
 * The group list Supervisor installs with setgroups() when dropping privileges:
 * the primary gid first, then every group listing the user as a member.
 */
export function supplementaryGroups(user: PasswdEntry, files?: UserFiles): number[] {
  const member = readGroups(files).filter((g) => g.members.includes(user.name)).map((g) => g.gid);
  return [user.gid, ...member];
}
