/**
 * The only module that imports write-file-atomic: temp file, fsync, rename — a journal entry is
 * either the old one or the new one after a crash, never half written. Imported on the first
 * write: it loads crypto, streams and signal-exit, which `import('@coldatom/core')` should not pay for.
 */
let writeFileAtomic: Promise<typeof import('write-file-atomic')> | undefined;

/** Writes a file atomically and durably. */
export async function writeFileDurably(path: string, text: string): Promise<void> {
  writeFileAtomic ??= import('write-file-atomic').then((module) => module.default);
  await (await writeFileAtomic)(path, text, { fsync: true, mode: 0o600 });
}
