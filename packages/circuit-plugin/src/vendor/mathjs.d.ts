// mathjs 6 ships no types, and only `parse` is used (through internal/math.ts, which declares the
// few members it touches); the module itself is opaque here.
declare module 'mathjs' {
  const mathjs: unknown;
  export = mathjs;
}
