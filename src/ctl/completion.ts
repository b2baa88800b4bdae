// TAB completion for the shell, with Supervisor's rules: the first word completes to an action; after
// add/remove/update to a group name; after process commands to `name`, `group:name` or `group:*`.
import type { ProcessInfo } from './namespec.js';

const GROUP_ACTIONS = new Set(['add', 'remove', 'update']);
const PROCESS_ACTIONS = new Set(['clear', 'fg', 'pid', 'restart', 'signal', 'start', 'status', 'stop', 'tail', 'wait']);

/** The word under the cursor: ':' '*' and '-' belong to words (so `g:*` and `my-prog` complete whole). */
export function currentWord(line: string): string {
  return /[^\s`~!@#$%^&()=+[{\]}\\|;'",<>/?]*$/.exec(line)?.[0] ?? '';
}

export function completeActions(actions: readonly string[], text: string): string[] {
  return actions.filter((a) => a.startsWith(text)).map((a) => `${a} `);
}

export function completeGroups(infos: readonly ProcessInfo[], text: string): string[] {
  const groups = [...new Set(infos.map((i) => i.group))];
  return groups.filter((g) => g.startsWith(text)).map((g) => `${g} `);
}

export function completeProcesses(infos: readonly ProcessInfo[], text: string): string[] {
  const names: string[] = [];
  for (const info of infos) {
    if (text.includes(':') || info.name !== info.group) {
      names.push(`${info.group}:${info.name}`);
      if (!names.includes(`${info.group}:*`)) names.push(`${info.group}:*`);
    } else {
      names.push(info.name);
    }
  }
  return names.filter((n) => n.startsWith(text)).map((n) => `${n} `);
}

/** What kind of word the line wants next; 'none' when the action takes no names. */
export function completionKind(line: string): 'action' | 'group' | 'process' | 'none' {
  if (line.trim() === '') return 'action';
  const words = line.split(/\s+/).filter((w) => w !== '');
  if (words.length === 1 && !/\s$/.test(line)) return 'action';
  const action = words[0];
  if (action === 'help') return 'action';
  if (GROUP_ACTIONS.has(action)) return 'group';
  if (PROCESS_ACTIONS.has(action)) return 'process';
  return 'none';
}

/** Builds a node:readline completer; `loadInfos` is asked at most once per command (the shell resets it). */
export function makeCompleter(actions: readonly string[], loadInfos: () => Promise<ProcessInfo[]>) {
  return (line: string, callback: (err: null, result: [string[], string]) => void): void => {
    const text = currentWord(line);
    const kind = completionKind(line);
    if (kind === 'none') return callback(null, [[], text]);
    if (kind === 'action') return callback(null, [completeActions(actions, text), text]);
    loadInfos().then(
      (infos) => callback(null, [kind === 'group' ? completeGroups(infos, text) : completeProcesses(infos, text), text]),
      () => callback(null, [[], text]),
    );
  };
}
