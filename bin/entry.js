// Which compiled file a bin/ script runs: the single-file bundle (scripts/bundle.js) when it is at least as
// new as tsc's output, else the plain ES modules under dist/cli.
import { statSync } from 'node:fs';

const mtime = (url) => {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
};

export function entryUrl(name) {
  const plain = new URL(`../dist/cli/${name}.js`, import.meta.url);
  const bundle = new URL(`../dist/cli/${name}.bundle.js`, import.meta.url);
  const built = mtime(plain);
  return built >= 0 && mtime(bundle) >= built ? bundle.href : plain.href;
}
