export const packageName = '@coldatom/cli';
