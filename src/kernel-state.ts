/**
 * State that must outlive a module: tslab loads a module again when a notebook re-imports it,
 * so a registry kept in a module-level variable would start empty. Keeping it on the global
 * object under a symbol gives one per kernel.
 */

/**
 * The kernel's one value under `key`, made by `create` the first time.
 * @internal
 */
export function kernelState<T>(key: string, create: () => T): T {
  const global = globalThis as Record<symbol, unknown>;
  const symbol = Symbol.for(`deep-learning-course.${key}`);
  if (!(symbol in global)) global[symbol] = create();
  return global[symbol] as T;
}
