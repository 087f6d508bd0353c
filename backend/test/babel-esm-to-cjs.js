/**
 * Some ESM packages declare `const require = createRequire(import.meta.url)`. Once compiled to
 * CommonJS that local name would shadow the module's own require used for the imports, so it is
 * renamed before the CommonJS transform runs.
 */
module.exports = () => ({
  visitor: {
    Program(path) {
      if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '_esmRequire');
    },
  },
});
