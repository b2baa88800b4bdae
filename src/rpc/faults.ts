// Supervisor's XML-RPC fault catalogue. Codes and names go on the wire, so they are API.

export const Faults = {
  UNKNOWN_METHOD: 1,
  INCORRECT_PARAMETERS: 2,
  BAD_ARGUMENTS: 3,
  SIGNATURE_UNSUPPORTED: 4,
  SHUTDOWN_STATE: 6,
  BAD_NAME: 10,
  BAD_SIGNAL: 11,
  NO_FILE: 20,
  NOT_EXECUTABLE: 21,
  FAILED: 30,
  ABNORMAL_TERMINATION: 40,
  SPAWN_ERROR: 50,
  ALREADY_STARTED: 60,
  NOT_RUNNING: 70,
  SUCCESS: 80,
  ALREADY_ADDED: 90,
  STILL_RUNNING: 91,
  CANT_REREAD: 92,
} as const;

export type FaultName = keyof typeof Faults;
export type FaultCode = (typeof Faults)[FaultName];

/** The fault's name for a code, `UNKNOWN` for codes outside the catalogue (like getFaultDescription). */
export function faultName(code: number): string {
  for (const [name, value] of Object.entries(Faults)) if (value === code) return name;
  return 'UNKNOWN';
}

/** A fault raised by an RPC method; `text` is the faultString: `NAME` or `NAME: detail`. */
export class RpcFault extends Error {
  override name = 'RpcFault';
  readonly code: number;
  readonly text: string;

  constructor(code: number, extra?: string | number | null) {
    const text = extra === undefined || extra === null ? faultName(code) : `${faultName(code)}: ${extra}`;
    super(text);
    this.code = code;
    this.text = text;
  }

  /** XML-RPC view, also understood by the web UI's RpcCaller. */
  get faultCode(): number {
    return this.code;
  }
  get faultString(): string {
    return this.text;
  }
}
