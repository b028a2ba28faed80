/** The five seed policies shipped as presets. */
export const PRESET_IDS = ['kore', 'kidzonet', 'netcor', 'tiered', 'kolmisoft'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export function isPresetId(name: string): name is PresetId {
  return (PRESET_IDS as readonly string[]).includes(name);
}
