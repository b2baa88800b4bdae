// The child environment, layered like Supervisor: supervisord's own environ, the SUPERVISOR_* variables,
// then the config layers (lowest first): [supervisord] env_file, [supervisord] environment,
// program env_file, program environment.

export interface ConfigEnvironmentLayers {
  supervisordEnvFile?: Record<string, string> | null;
  supervisordEnvironment?: Record<string, string> | null;
  programEnvFile?: Record<string, string> | null;
  programEnvironment?: Record<string, string> | null;
}

export interface ChildEnvInput extends ConfigEnvironmentLayers {
  /** supervisord's environment; defaults to process.env */
  baseEnvironment?: NodeJS.ProcessEnv;
  /** SUPERVISOR_SERVER_URL; omitted when null (no server configured) */
  serverUrl: string | null;
  processName: string;
  groupName: string | null;
}

/**
 * What Supervisor calls the process' `environment` once options.py has merged [supervisord] environment into it:
 * the config layers only. Its PATH (if any) is the one used to find the command.
 * Returns null when no layer sets anything.
 */
export function configEnvironment(layers: ConfigEnvironmentLayers): Record<string, string> | null {
  const present = [layers.supervisordEnvFile, layers.supervisordEnvironment, layers.programEnvFile, layers.programEnvironment]
    .filter((layer): layer is Record<string, string> => layer !== null && layer !== undefined);
  if (present.length === 0) return null;
  return Object.assign({}, ...present) as Record<string, string>;
}

/** The full environment a child is exec'd with. */
export function buildChildEnv(input: ChildEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.baseEnvironment ?? process.env)) {
    if (value !== undefined) env[key] = value;
  }
  env.SUPERVISOR_ENABLED = '1';
  if (input.serverUrl) env.SUPERVISOR_SERVER_URL = input.serverUrl;
  env.SUPERVISOR_PROCESS_NAME = input.processName;
  if (input.groupName !== null) env.SUPERVISOR_GROUP_NAME = input.groupName;
  return Object.assign(env, configEnvironment(input) ?? {});
}
