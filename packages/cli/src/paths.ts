import { homedir } from 'node:os';
import path from 'node:path';

/** The folder for accounts and the journal: COLDATOM_CONFIG_DIR, else $XDG_CONFIG_HOME/coldatom, else ~/.config/coldatom. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.COLDATOM_CONFIG_DIR ?? path.join(env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'coldatom');
}

/** The journal folder. */
export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'journal');
}
