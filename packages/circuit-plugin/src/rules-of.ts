import { rulesFor, type BackendConfiguration, type BackendRules } from '@coldatom/backend-config';

const cache = new WeakMap<BackendConfiguration, BackendRules>();

/** The validation engine's rules for a config, built once per config object. */
export function rulesOf(config: BackendConfiguration): BackendRules {
  let rules = cache.get(config);
  if (!rules) cache.set(config, (rules = rulesFor(config)));
  return rules;
}
