export { startServer } from './app';
export type { RunningServer } from './app';
export { loadConfig } from './config';
export type { Config } from './config';
