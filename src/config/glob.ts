// Python's glob.glob() (non-recursive): `*`, `?` and `[...]` per path component, hidden names only matched by a
// pattern that itself starts with a dot. Used for `[include] files`.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const MAGIC = /[*?[]/;

/** fnmatch.translate for one path component (case-sensitive, as on POSIX). */
export function componentRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) {
        re += '\\[';
      } else {
        let body = pattern.slice(i + 1, j).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        else if (body.startsWith('^')) body = '\\' + body;
        re += `[${body}]`;
        i = j;
      }
    } else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`, 's');
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** os.path.isdir: false rather than an error for a missing or unreadable path. */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function matchIn(dir: string, pattern: string, dirsOnly: boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir || '.');
  } catch {
    return [];
  }
  const re = componentRegex(pattern);
  return names
    .filter((n) => (pattern.startsWith('.') || !n.startsWith('.')) && re.test(n))
    .filter((n) => !dirsOnly || isDirectory(path.join(dir || '.', n)))
    .map((n) => (dir ? (dir.endsWith('/') ? dir + n : `${dir}/${n}`) : n));
}

/** Paths matching pattern; unsorted like Python (the caller sorts). */
export function pyGlob(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let current: string[] = [absolute ? '/' : ''];
  const comps = absolute ? parts.slice(1) : parts;
  comps.forEach((comp, index) => {
    const last = index === comps.length - 1;
    const next: string[] = [];
    for (const base of current) {
      if (MAGIC.test(comp)) {
        next.push(...matchIn(base, comp, !last));
      } else {
        const candidate = base ? (base.endsWith('/') ? base + comp : `${base}/${comp}`) : comp;
        if (last ? exists(candidate) : isDirectory(candidate)) next.push(candidate);
      }
    }
    current = next;
  });
  if (!MAGIC.test(pattern)) return exists(pattern) ? [pattern] : [];
  return current;
}
