import { homedir } from 'node:os';
import path from 'node:path';

/** Where the CLI keeps its files. */
export interface CliPaths {
  /** `COLDATOM_CONFIG_DIR`, else `$XDG_CONFIG_HOME/coldatom`, else `~/.config/coldatom`. */
  readonly configDir: string;
  /** Saved tokens (mode 0600). */
  readonly accountsFile: string;
  /** The job journal folder (core's `FileJobJournal`). */
  readonly journalDir: string;
  /** The CLI's run records: output folder and plan of each `coldatom run`. */
  readonly runsDir: string;
  /** Config snapshots by config hash (for reproducibility bundles). */
  readonly configsDir: string;
}

/** The CLI's folders for an environment. */
export function cliPaths(env: Readonly<Record<string, string | undefined>>): CliPaths {
  const configDir = env.COLDATOM_CONFIG_DIR || path.join(env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'coldatom');
  return {
    configDir,
    accountsFile: path.join(configDir, 'accounts.json'),
    journalDir: path.join(configDir, 'journal'),
    runsDir: path.join(configDir, 'runs'),
    configsDir: path.join(configDir, 'configs'),
  };
}
