import type { EventRuleDefinition } from './types';

/** EventBridge rules on the `bazaar` bus: pattern → handler. */
export const rules: EventRuleDefinition[] = [];
