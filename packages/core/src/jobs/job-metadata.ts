import type { z } from 'zod';
import { lazySchema } from '@coldatom/backend-config/internal';
import { ColdAtomError } from '../errors.js';

/** Longest `notes` text, and longest all `tags` together (as Oqtant limits job notes). */
export const MAX_NOTES_CHARS = 500;

// Readonly throughout: scan metadata is the caller's (a compiled scan hands out readonly arrays), and
// a mutable type here made `startRun(…, { scan: compiled })` fail to type-check in strict user code.
/** One scan point: the experiment it was compiled into and its parameter values. */
export const ScanPoint = lazySchema((z) =>
  z
    .object({ experiment: z.string().min(1), values: z.record(z.string(), z.number()).readonly() })
    .readonly()
    .meta({ id: 'ScanPoint', title: 'Scan point' }),
);
export type ScanPoint = z.output<typeof ScanPoint>;

/** Scan metadata: the parameter names, and the values each experiment was compiled with. */
export const ScanRecord = lazySchema((z) =>
  z
    .object({ parameters: z.array(z.string().min(1)).readonly(), points: z.array(ScanPoint).readonly() })
    .readonly()
    .meta({ id: 'ScanRecord', title: 'Scan metadata' }),
);
export type ScanRecord = z.output<typeof ScanRecord>;

const lengthOf = (input: unknown): number => (typeof input === 'string' ? input.length : 0);

/** What a submission may carry besides its payload, validated before anything is sent. */
export const JobMetadata = lazySchema((z) =>
  z
    .object({
      scan: ScanRecord.optional(),
      notes: z
        .string()
        .refine((notes) => notes.length <= MAX_NOTES_CHARS, {
          error: (issue) => `notes are limited to ${MAX_NOTES_CHARS} characters (got ${lengthOf(issue.input)})`,
        })
        .optional(),
      tags: z
        .array(
          z
            .string()
            .min(1, 'a tag cannot be empty')
            .regex(/^[^\r\n]*$/, 'a tag cannot contain a line break'),
        )
        .refine((tags) => tags.join('').length <= MAX_NOTES_CHARS, { error: `tags are limited to ${MAX_NOTES_CHARS} characters together` })
        .optional(),
    })
    .meta({ id: 'JobMetadata', title: 'Job notes, tags and scan metadata' }),
);
export type JobMetadata = z.output<typeof JobMetadata>;

/** Notes, tags or scan metadata of a submission are malformed; nothing was sent. */
export class JobMetadataError extends ColdAtomError {
  override readonly name = 'JobMetadataError' as const;
  /** The zod issues, kept as data. */
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(issues: readonly z.core.$ZodIssue[]) {
    const where = issues.map((issue) => `${issue.path.map(String).join('.') || 'metadata'}: ${issue.message}`).join('; ');
    super(`Job metadata rejected before submission: ${where}`);
    this.issues = issues;
  }
}

/** Validates a submission's metadata, or throws {@link JobMetadataError} naming each field and rule. */
export function parseJobMetadata(input: unknown): JobMetadata {
  const parsed = JobMetadata.safeParse(input);
  if (!parsed.success) throw new JobMetadataError(parsed.error.issues);
  return parsed.data;
}
