// int() with the exact ValueError text Supervisor reports for a bad number in a config file.
import { ValueError } from './errors.js';
import { pyRepr } from '../python/repr.js';
import { parsePythonInt } from '../python/int.js';

export { parsePythonOctal as pyOctal } from '../python/int.js';

/** int(text): surrounding whitespace, a sign and digit-separating underscores are accepted. */
export function pyInt(text: string): number {
  const n = parsePythonInt(text);
  if (n === null) throw new ValueError(`invalid literal for int() with base 10: ${pyRepr(text)}`);
  return n;
}
