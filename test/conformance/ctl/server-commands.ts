// Every command that talks to the server, with arguments that get it as far as the first RPC.
export const SERVER_COMMANDS: string[][] = [
  ['status'], ['status', 'x'], ['start', 'x'], ['stop', 'x'], ['restart', 'x'], ['signal', 'HUP', 'x'], ['pid'],
  ['tail', 'x'], ['maintail'], ['clear', 'x'], ['version'], ['fg', 'x'], ['avail'], ['reread'], ['update'],
  ['add', 'x'], ['remove', 'x'], ['shutdown'], ['reload'], ['open', 'http://127.0.0.1:1'],
];
