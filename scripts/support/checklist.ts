/**
 * The check runner of the scripts that CI counts beside vitest (packaging, browser): one line per
 * check (✓, or ✗ with the first lines of the reason), and a closing `<label>: N passed, N failed`
 * that `.ci/run` adds to its own total.
 */
export class Checklist {
  passed = 0;
  failed = 0;

  constructor(private readonly label: string) {}

  /** Runs one check, sync or async; a throw fails it and the reason is printed. */
  async check(name: string, run: () => void | Promise<void>): Promise<void> {
    try {
      await run();
      this.passed += 1;
      console.log(`✓ ${name}`);
    } catch (error) {
      this.fail(name, error);
    }
  }

  /** Counts a failure that happened outside a check (a set-up step). */
  fail(name: string, error: unknown): void {
    this.failed += 1;
    const text = error instanceof Error ? error.message : String(error);
    console.log(`✗ ${name}\n    ${text.trim().split('\n').slice(0, 30).join('\n    ')}`);
  }

  /** Prints the closing line and sets the exit code. */
  finish(): void {
    console.log(`${this.label}: ${this.passed} passed, ${this.failed} failed`);
    process.exitCode = this.failed === 0 ? 0 : 1;
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
