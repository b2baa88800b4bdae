// supervisord's own setuid at first start (`user=` / -u): Supervisor's set_uid_or_exit.
import { planPrivileges } from '../process/privileges.js';

export const ROOT_WARNING = 'Supervisor is running as root.  Privileges were not dropped because no user is ' +
  'specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid ' +
  'this message.';

/** Returns an error message (for `Error: <msg>`), or null on success. */
export function dropDaemonPrivileges(uid: number): string | null {
  const plan = planPrivileges(uid, process.getuid?.() ?? 0);
  if (plan.kind === 'keep') return null;
  if (plan.kind === 'fail') return plan.message.replace(/^couldn't setuid to \d+: /, '');
  try {
    process.setgroups?.([plan.gid, ...plan.groups.filter((g) => g !== plan.gid)]);
    process.setgid?.(plan.gid);
    process.setuid?.(plan.uid);
  } catch (err) {
    return `Could not set user id of process to ${uid}: ${(err as Error).message}`;
  }
  return null;
}
