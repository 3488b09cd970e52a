// The console's tests run in jsdom, with the add-in's shims (matchMedia, ResizeObserver,
// testing-library's timeouts); react-router also needs TextEncoder, which jsdom lacks.
import { TextDecoder, TextEncoder } from 'node:util';

if (typeof globalThis.TextEncoder === 'undefined') {
  Object.assign(globalThis, { TextEncoder, TextDecoder });
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../addin/setup');
