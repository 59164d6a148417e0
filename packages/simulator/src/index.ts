export const packageName = '@coldatom/simulator';
