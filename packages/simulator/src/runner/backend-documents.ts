import { referenceBackend, type BackendConfiguration, type BackendStatus, type ReferenceBackendName } from '@coldatom/backend-config';

/** A reference backend's served config with the given `url` (null in `/backends` lists), keys in served order. */
export function servedConfig(backend: ReferenceBackendName, url: string | null): BackendConfiguration {
  return { ...referenceBackend(backend).config, url };
}

/** `get_backend_status` of a simulator backend: always operational, with its unfinished jobs. */
export function backendStatusDocument(backend: ReferenceBackendName, pendingJobs: number): BackendStatus {
  const config = referenceBackend(backend).config;
  return { backend_name: config.backend_name, backend_version: config.backend_version ?? '', operational: true, pending_jobs: pendingJobs, status_msg: '' };
}
