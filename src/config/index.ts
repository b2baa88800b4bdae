// The configuration layer's public surface.
export * from './model.js';
export { ConfigError } from './errors.js';
export { loadConfig, type LoadConfigOptions } from './load.js';
export { loadCtlConfig, findCtlConfigFile, type LoadCtlConfigOptions } from './ctl.js';
export { searchPaths, findConfigFile } from './discovery.js';
export { diffGroups, type GroupDiff } from './diff.js';
