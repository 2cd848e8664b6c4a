export * from './api';
export * from './events';
export * from './result';
export * from './method';
export type * from './system.contract';
