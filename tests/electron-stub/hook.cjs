// Redirects require('electron') to the recording stub (see electron.cjs).
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module loaded with node -r */
const Module = require('node:module');
const stub = require.resolve('./electron.cjs');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return stub;
  return original.call(this, request, ...rest);
};
