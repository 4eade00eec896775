import { DEFAULT_WAIT_SETTINGS, WaitSettings } from './waiting';

/** An action's wait settings: its defaults, overridden by the options' ones. */
export function mergeWaitSettings(
  overrides: Partial<WaitSettings> | undefined,
  defaults: WaitSettings = DEFAULT_WAIT_SETTINGS,
): WaitSettings {
  return { ...defaults, ...overrides };
}
