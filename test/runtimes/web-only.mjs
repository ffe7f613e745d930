// Imported first by program.mjs: under Deno, takes away the Node globals Deno also offers
// (process, Buffer, setImmediate), so the bundle runs as on a browser or worker — signing
// falls back to its pure-JavaScript SHA-256 there. Bun keeps them (its node:crypto is used).
if (globalThis.Deno) {
  for (const name of ['process', 'Buffer', 'setImmediate', 'global']) {
    Reflect.deleteProperty(globalThis, name);
  }
}
