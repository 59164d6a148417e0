/**
 * The list of protocol schemas published as JSON Schema, and how each file's text is produced.
 * Shared by the generator script and the drift test so both write byte-identical output.
 */
import { z } from 'zod';
import { BackendConfiguration, BackendStatus } from '@coldatom/backend-config';
import { JobPayload, JobResult, StatusMessage } from '@coldatom/core';
import { ScanSpec } from '@coldatom/circuit-plugin';

const SCHEMA_BASE_URL = 'https://schemas.coldatom.dev';

const sources: readonly { readonly file: string; readonly title: string; readonly schema: z.ZodType }[] = [
  { file: 'job-payload.schema.json', title: 'Job payload (post_job)', schema: JobPayload },
  { file: 'status-message.schema.json', title: 'Job status message', schema: StatusMessage },
  { file: 'job-result.schema.json', title: 'Job result (get_job_result)', schema: JobResult },
  { file: 'backend-configuration.schema.json', title: 'Backend configuration (get_config)', schema: BackendConfiguration },
  { file: 'backend-status.schema.json', title: 'Backend status (get_backend_status)', schema: BackendStatus },
  { file: 'scan-spec.schema.json', title: 'Scan spec (coldatom run)', schema: ScanSpec },
];

/** Each schema file's name and exact text (2-space JSON, trailing newline). */
export function generatedSchemas(): { file: string; text: string }[] {
  return sources.map(({ file, title, schema }) => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
    const { $schema, ...rest } = json;
    const document = { $schema, $id: `${SCHEMA_BASE_URL}/${file}`, title, ...rest };
    return { file, text: `${JSON.stringify(document, null, 2)}\n` };
  });
}
