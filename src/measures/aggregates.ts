import { defineAggregates } from '../facts/aggregates.ts';
import type { FactsStore } from '../facts/store.ts';
import { catalogue } from './load-catalogue.ts';
import { catalogued } from './evaluate/aggregates.ts';

/**
 * Makes the store's monthly aggregates the catalogue's (building any missing or out of date), so
 * the imports that follow maintain them in their own transactions. Called before importing (the
 * CLI's import and demo, the service's demo); the engine does the same on its first read of a
 * store that lacks them. Returns how many were built.
 */
export async function prepareAggregates(store: FactsStore, now?: Date): Promise<number> {
  return defineAggregates(store, catalogued(catalogue()).definitions, now);
}
