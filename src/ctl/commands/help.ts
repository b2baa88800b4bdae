// help, help <topic>, and the help printed after a usage mistake.
import type { Controller } from '../controller.js';
import {
  DEFAULT_COMMAND_HELP,
  EXTENSION_COMMAND_HELP,
  HELP_HELP,
  DEFAULT_BLOCK_HEADER,
  EXTENSION_BLOCK_HEADER,
  topicBlock,
} from '../help-texts.js';

function helpLines(topic: string): string[] | undefined {
  if (Object.hasOwn(DEFAULT_COMMAND_HELP, topic)) return DEFAULT_COMMAND_HELP[topic];
  if (Object.hasOwn(EXTENSION_COMMAND_HELP, topic)) return EXTENSION_COMMAND_HELP[topic];
  return undefined;
}

export function printHelp(ctl: Controller, topic: string): void {
  for (const line of helpLines(topic) ?? []) ctl.output(line);
}

export async function doHelp(ctl: Controller, arg: string): Promise<void> {
  const topic = arg.trim();
  if (topic === 'help') {
    for (const line of HELP_HELP) ctl.output(line);
    return;
  }
  if (topic) {
    const lines = helpLines(topic);
    if (lines) for (const line of lines) ctl.output(line);
    else ctl.output(`*** No help on ${topic}`);
    return;
  }
  const lines = [
    '',
    ...topicBlock(DEFAULT_BLOCK_HEADER, Object.keys(DEFAULT_COMMAND_HELP).sort()),
    ...topicBlock(EXTENSION_BLOCK_HEADER, Object.keys(EXTENSION_COMMAND_HELP).sort()),
  ];
  for (const line of lines) ctl.output(line);
}
