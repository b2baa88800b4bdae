// Supervisor's drop_privileges decided in the parent: which uid/gid/groups the child must take,
// or the exact message the child prints when it cannot (`supervisor: couldn't setuid to <uid>: <msg>`).
import { supplementaryGroups, userByUid, type UserFiles } from '../os/users.js';

export type PrivilegePlan =
  | { kind: 'keep' }
  | { kind: 'switch'; uid: number; gid: number; groups: number[] }
  | { kind: 'fail'; message: string };

/** What to do for `user=` resolved to `uid` (null = not set) when supervisord runs as `currentUid`. */
export function planPrivileges(uid: number | null, currentUid: number, files?: UserFiles): PrivilegePlan {
  if (uid === null) return { kind: 'keep' };
  const user = userByUid(uid, files);
  if (!user) return failure(uid, `Can't find uid ${uid}`);
  // same user: nothing to do, which lets a non-root supervisord run `user=<itself>` programs
  if (currentUid === uid) return { kind: 'keep' };
  if (currentUid !== 0) return failure(uid, "Can't drop privilege as nonroot user");
  return { kind: 'switch', uid, gid: user.gid, groups: supplementaryGroups(user, files) };
}

function failure(uid: number, why: string): PrivilegePlan {
  return { kind: 'fail', message: `couldn't setuid to ${uid}: ${why}` };
}
