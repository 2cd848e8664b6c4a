// The demo kecamatan (SIMULASI): generate in memory (generateDemo, used by setup.createDemo and tests) and write
// to a folder (writeDemo, used by `pleno demo`). See demo-types.ts for the shapes.
export { generateDemo, generateDemoAsync, demoDeviceId, jsonFileBytes } from './demo-generator';
export { writeDemo, DemoDirNotEmptyError, type WrittenFile } from './demo-writer';
export { demoReadme } from './readme-text';
export * from './demo-types';
