/** Hosts that serve models or scripts, which no bundle of this package may name (global regular expression). */
export const MODEL_HUBS: RegExp;
export function noModelHubs(): import('rollup').Plugin;
