// mathjs 6 ships no types. The plugin uses only `parse` (internal/math.ts declares the few members
// of its result it touches); the browser variant imports the module as a namespace.
declare module 'mathjs' {
  export const parse: unknown;
}
