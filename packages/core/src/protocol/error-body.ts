import type { z } from 'zod';
import { lazySchema } from '@coldatom/backend-config/internal';
import { StatusMessage } from './status.js';
import { JobResult } from './result.js';

/** django-ninja's 422 body: a list of parameter problems (protocol.md §1.7). */
export const NinjaValidationBody = lazySchema((z) =>
  z
    .object({
      detail: z.array(z.object({ type: z.string(), loc: z.array(z.union([z.string(), z.number()])), msg: z.string() }).loose()),
    })
    .meta({ id: 'NinjaValidationBody', title: 'django-ninja validation error body' }),
);
export type NinjaValidationBody = z.output<typeof NinjaValidationBody>;

/** django-ninja's own short bodies: `{"detail": "Unauthorized"}`, `{"detail": "Cannot parse request body"}`. */
export const NinjaDetailBody = lazySchema((z) => z.object({ detail: z.string() }).meta({ id: 'NinjaDetailBody', title: 'django-ninja detail body' }));
export type NinjaDetailBody = z.output<typeof NinjaDetailBody>;

/** What a response body is, told by its shape — never by a `status` field (protocol.md §3.3). */
export type BodyKind =
  | { readonly kind: 'result'; readonly result: JobResult }
  | { readonly kind: 'status'; readonly status: StatusMessage }
  | { readonly kind: 'ninja-validation'; readonly body: NinjaValidationBody }
  | { readonly kind: 'ninja-detail'; readonly body: NinjaDetailBody }
  | { readonly kind: 'unknown'; readonly body: unknown };

/**
 * Classifies a parsed body. A body with `results` is a result (even with `status` set); one with
 * `job_id` and `status` but no `results` is status-shaped (the "not ready yet" answer of
 * `get_job_result`, or an error answer).
 */
export function classifyBody(body: unknown): BodyKind {
  if (body !== null && typeof body === 'object' && 'results' in body) {
    const result = JobResult.safeParse(body);
    if (result.success) return { kind: 'result', result: result.data };
  }
  const status = StatusMessage.safeParse(body);
  if (status.success) return { kind: 'status', status: status.data };
  const ninja = NinjaValidationBody.safeParse(body);
  if (ninja.success) return { kind: 'ninja-validation', body: ninja.data };
  const detail = NinjaDetailBody.safeParse(body);
  if (detail.success) return { kind: 'ninja-detail', body: detail.data };
  return { kind: 'unknown', body };
}
