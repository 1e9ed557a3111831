export { routes } from './routes';
export { rules } from './rules';
export { schedules } from './schedules';
export { stateMachines } from './state-machines';
export { streams } from './streams';
export { tableById, tables } from './tables';
export * from './types';
