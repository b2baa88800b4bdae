// The command interpreter behind both one-shot `supervisorctl <action>` and the shell: parses a line
// like Python's cmd.Cmd, dispatches it, keeps the LSB exit status, and turns unexpected errors into
// Supervisor's one-line "error: <class ...>, ...: file: ... line: ..." report.
import {
  RpcClient,
  RpcFaultError,
  RpcProtocolError,
  RpcConnectionError,
} from '../rpc/client.js';
import type { XmlRpcValue } from '../rpc/xmlrpc-values.js';
import { API_VERSION } from '../version.js';
import type { CtlOptions } from './options.js';
import { describeUnexpectedError } from './python-errors.js';
import { ExitStatus, Fault, DEAD_PROGRAM_FAULTS } from './codes.js';

/** What a controller needs from the terminal. Tests pass a recording fake. */
export interface CtlIO {
  write(text: string): void;
  writeErr(text: string): void;
  /** one line typed by the user, or null at end of input */
  readLine(prompt: string): Promise<string | null>;
  /** like readLine but without echo */
  readSecret(prompt: string): Promise<string | null>;
  /** runs `onInterrupt` on ^C until the returned function is called */
  onInterrupt(onInterrupt: () => void): () => void;
}

/** A command implementation; returning 'quit' leaves the shell. */
export type CommandHandler = (ctl: Controller, arg: string) => Promise<void | 'quit'>;

export interface CommandTable {
  lookup(name: string): CommandHandler | undefined;
}

const IDENT_CHARS = /[A-Za-z0-9_]/;

/** Python cmd.Cmd.parseline: `?x` means `help x`; the command word is the leading identifier characters. */
export function parseCommandLine(raw: string): { command: string | null; arg: string; line: string } {
  let line = raw.trim();
  if (line === '') return { command: null, arg: '', line };
  if (line.startsWith('?')) line = `help ${line.slice(1)}`;
  else if (line.startsWith('!')) return { command: null, arg: '', line };
  let i = 0;
  while (i < line.length && IDENT_CHARS.test(line[i])) i++;
  return { command: line.slice(0, i), arg: line.slice(i).trim(), line };
}

export class Controller {
  exitstatus: number = ExitStatus.SUCCESS;
  private client: RpcClient | null = null;

  constructor(
    public readonly options: CtlOptions,
    public readonly io: CtlIO,
    private readonly commands: CommandTable,
  ) {}

  output(message: string): void {
    this.io.write(`${message}\n`);
  }

  /** The RPC client for the current server URL and credentials (throws for an unknown URL scheme). */
  rpc(): RpcClient {
    if (!this.client) this.client = new RpcClient(this.options);
    return this.client;
  }

  call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    return this.rpc().call(method, ...params);
  }

  /** Drops the connection; the next call opens a new one (after `open`, new credentials, or a command). */
  resetConnection(): void {
    this.client?.close();
    this.client = null;
  }

  setExitStatusFromFault(faultCode: number, ignoredFaultCode?: number): void {
    if (faultCode === ignoredFaultCode || faultCode === Fault.SUCCESS) return;
    this.exitstatus = DEAD_PROGRAM_FAULTS.has(faultCode) ? ExitStatus.NOT_RUNNING : ExitStatus.GENERIC;
  }

  /** Checks that a supervisord with API 3.0 answers; prints Supervisor's message and sets the exit code if not. */
  async upcheck(): Promise<boolean> {
    try {
      const api = await this.call('supervisor.getVersion');
      if (api !== API_VERSION) {
        this.output(
          `Sorry, this version of supervisorctl expects to talk to a server with API version ${API_VERSION}, ` +
            `but the remote version is ${String(api)}.`,
        );
        this.exitstatus = ExitStatus.NOT_INSTALLED;
        return false;
      }
    } catch (err) {
      if (err instanceof RpcFaultError) {
        if (err.faultCode === Fault.UNKNOWN_METHOD) {
          this.output(
            'Sorry, supervisord responded but did not recognize the supervisor namespace commands that ' +
              'supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is ' +
              'enabled in the configuration file (see sample.conf).',
          );
          this.exitstatus = ExitStatus.UNIMPLEMENTED_FEATURE;
          return false;
        }
        this.exitstatus = ExitStatus.GENERIC;
        throw err;
      }
      if (err instanceof RpcConnectionError) {
        if (err.code === 'ECONNREFUSED') {
          this.output(`${this.options.serverurl} refused connection`);
          this.exitstatus = ExitStatus.INSUFFICIENT_PRIVILEGES;
          return false;
        }
        if (err.code === 'ENOENT') {
          this.output(`${this.options.serverurl} no such file`);
          this.exitstatus = ExitStatus.NOT_RUNNING;
          return false;
        }
        this.exitstatus = ExitStatus.GENERIC;
      }
      throw err;
    }
    return true;
  }

  /** Runs one command line. Resolves true when the shell should end. */
  async onecmd(raw: string): Promise<boolean> {
    const { command, arg, line } = parseCommandLine(raw);
    if (line === '') return false;
    const handler = command ? this.commands.lookup(command) : undefined;
    if (!handler) {
      this.output(`*** Unknown syntax: ${line}`);
      this.exitstatus = ExitStatus.GENERIC;
      return false;
    }
    // a fresh connection per command: an idle one may have been dropped (e.g. after `reload`)
    this.resetConnection();
    try {
      try {
        return (await handler(this, arg)) === 'quit';
      } catch (err) {
        if (!(err instanceof RpcProtocolError)) throw err;
        if (err.status !== 401) {
          this.exitstatus = ExitStatus.GENERIC;
          throw err;
        }
        this.output('Server requires authentication');
        if (this.options.interactive) return await this.retryWithCredentials(line);
        this.exitstatus = ExitStatus.GENERIC;
      }
      // Supervisor runs the command a second time after a non-interactive 401; keep its output identical
      return (await handler(this, arg)) === 'quit';
    } catch (err) {
      this.output(describeUnexpectedError(err));
      this.exitstatus = ExitStatus.GENERIC;
      return false;
    } finally {
      this.resetConnection();
    }
  }

  private async retryWithCredentials(line: string): Promise<boolean> {
    const username = await this.io.readLine('Username:');
    if (username === null) return false;
    const password = await this.io.readSecret('Password:');
    if (password === null) return false;
    this.output('');
    this.options.username = username;
    this.options.password = password;
    return this.onecmd(line);
  }
}
