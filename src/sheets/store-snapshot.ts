import { type StorePort, setEach } from './ports';

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
    setAll: (values) => {
      setEach(store, values);
      for (const [key, value] of Object.entries(values)) known?.set(key, value);
    },
    getAll: () => Object.fromEntries(read()),
  };
}

/** A store whose writes can be held back and written together. */
export interface HoldingStore extends StorePort {
  /**
   * Runs `work` holding back every key it sets (later reads see them), then writes them in one call
   * (`setAll`, Apps Script's `setProperties`), also when `work` throws: each key set before the
   * throw, as one by one would have. For the last writes of a step (issue 12: a property write is a
   * call), none of which a sheet write after it in `work` relies on being kept: a run cut off inside
   * `work` keeps none of them, as if cut before the first.
   */
  holding<T>(work: () => T): T;
}

export function holdingStore(store: StorePort): HoldingStore {
  let held: Map<string, string> | undefined;
  const getAll = store.getAll?.bind(store);
  return {
    get: (key) => held?.get(key) ?? store.get(key),
    set: (key, value) => {
      if (held) held.set(key, value);
      else store.set(key, value);
    },
    setAll: (values) => {
      if (!held) {
        setEach(store, values);
        return;
      }
      for (const [key, value] of Object.entries(values)) held.set(key, value);
    },
    ...(getAll ? { getAll: () => ({ ...getAll(), ...Object.fromEntries(held ?? []) }) } : {}),
    holding: (work) => {
      if (held) return work();
      held = new Map();
      try {
        return work();
      } finally {
        const values = Object.fromEntries(held);
        held = undefined;
        setEach(store, values);
      }
    },
  };
}
