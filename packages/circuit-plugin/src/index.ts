export const packageName = '@coldatom/circuit-plugin';
