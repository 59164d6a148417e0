// The served get_config bodies of the reference backends (protocol.md §5.1, §6), kept as data:
// test/catalog.test.ts checks that each equals test/vectors/configs/<name>.json key for key.
import type { BackendConfiguration } from '../config.js';
import type { ReferenceBackendName } from '../catalog-types.js';
import served from './served-configs.json' with { type: 'json' };

/**
 * The served configuration of each reference backend, exactly as django-qlued serves it. JSON
 * imports widen literals (`wire_order` reads as string), hence the cast; the catalog spec checks
 * each config against the vectors byte for byte, and the vectors against the schema.
 */
export const servedConfigs = served as Readonly<Record<ReferenceBackendName, BackendConfiguration>>;
