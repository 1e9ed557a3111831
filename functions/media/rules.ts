import type { EventRuleDefinition } from '../../shared/manifests/types';

/** The media service's event rules (uploads finished in the images bucket). */
export const mediaRules: EventRuleDefinition[] = [];
