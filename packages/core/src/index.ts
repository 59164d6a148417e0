export const packageName = '@coldatom/core';
