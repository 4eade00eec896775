/**
 * A local AWS-compatible sandbox for development and tests. Product code never imports it:
 * it is reached only through the endpoint given in configuration.
 *
 * @packageDocumentation
 */
export { startSandbox, DEFAULT_SANDBOX_ACCOUNTS } from './server';
export type { SandboxOptions, RunningSandbox } from './server';
export type { FaultSettings, ScriptedFault } from './core/faults';
export type { CallRecord } from './core/callLog';
export { defaultSandboxServices, seedDpjEnvironment } from './defaultServices';
