// The push protocol's formats (docs/design.md §4): certificate, manifest, receipt, answers, upload bundle layout.
export * from './types';
export * from './manifest';
export * from './keyed';
export * from './certificate';
export * from './receipt';
export * from './responses';
export * from './bundle-layout';
