import type { ReferenceBackendName } from '@coldatom/backend-config';
import { statusError, type HttpAnswer } from './http-answer.js';

/** The storage provider our backends are served under (`alqor_<name>_simulator`). */
const STORAGE_PROVIDER = 'alqor';

/**
 * django-qlued's backend name resolution (`get_short_backend_name`): one `_`-separated part is a
 * display name, three parts are `{storage}_{display}_{anything}`. Any other form gets the 404 that
 * names the rule on get_config/get_backend_status and the plain "Unknown back-end!" 404 on the job
 * routes. Where django-qlued crashes with an HTML 500 (unknown storage prefix or display name), we
 * answer the plain JSON 404, which is what the name deserves.
 */
export function resolveBackendName(name: string, served: readonly ReferenceBackendName[], route: 'config' | 'job'): ReferenceBackendName | HttpAnswer {
  const parts = name.split('_');
  if (parts.length !== 1 && parts.length !== 3 && route === 'config') {
    return statusError(404, `Unknown back-end ${name}! The string should have 1 or three parts separated by \`_\`!`, 'Unknown back-end!');
  }
  const display = parts.length === 1 ? parts[0] : parts.length === 3 && parts[0] === STORAGE_PROVIDER ? parts[1] : undefined;
  const found = served.find((backend) => backend === display);
  return found ?? statusError(404, 'Unknown back-end!');
}
