import { loadEsm } from 'load-esm';

/** Loads an ESM-only package from this CommonJS code base (works under ts-jest, ts-node and dist/). */
export async function importEsm<T>(specifier: string): Promise<T> {
  return loadEsm<T>(specifier);
}
