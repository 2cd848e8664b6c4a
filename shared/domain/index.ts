// Public API of the pure domain core: model, form labels, rules R01–R13, recap, status, corrections, keberatan.
export * from './model';
export * from './labels';
export * from './rules/index';
export * from './recap';
export * from './result';
export * from './authority';
export * from './status';
export * from './correction';
export * from './objection';
export * from './read-model';
export * from './count-trace';
