import type { StorePort } from './ports';

/**
 * The document properties as one step sees them under the lock (issue 12): every key read in one call
 * (`getAll`, Apps Script's `getProperties()`) the first time one is asked for, then answered from
 * memory; each write goes through at once, as before, and updates what later reads see. Only for work
 * under the document lock: every key a step reads is written by runs that hold it too, so nothing
 * another run writes can go unseen. A store without `getAll` is used as it is.
 */
export function snapshotStore(store: StorePort): StorePort {
  const getAll = store.getAll?.bind(store);
  if (!getAll) return store;
  let known: Map<string, string> | undefined;
  const read = () => {
    known ??= new Map(Object.entries(getAll()));
    return known;
  };
  return {
    get: (key) => read().get(key) ?? null,
    set: (key, value) => {
      store.set(key, value);
      known?.set(key, value);
    },
    getAll: () => Object.fromEntries(read()),
  };
}
