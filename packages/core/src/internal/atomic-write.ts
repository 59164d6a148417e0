/**
 * The only module that imports write-file-atomic: temp file, fsync, rename — a journal entry is
 * either the old one or the new one after a crash, never half written.
 */
import writeFileAtomic from 'write-file-atomic';

/** Writes a file atomically and durably. */
export async function writeFileDurably(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text, { fsync: true, mode: 0o600 });
}
