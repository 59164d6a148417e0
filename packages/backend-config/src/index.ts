export const packageName = '@coldatom/backend-config';
