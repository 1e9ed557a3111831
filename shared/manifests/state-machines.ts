import type { StateMachineDefinition } from './types';

/** Step Functions state machines, defined by their ASL files. */
export const stateMachines: StateMachineDefinition[] = [];
