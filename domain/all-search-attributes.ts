/** Every custom search attribute the workflows set: the complaint's and the corrective action's. */
import { searchAttributeCliArg, searchAttributes } from './complaint-contract';
import { carSearchAttributes } from './corrective-action-contract';

export const ALL_SEARCH_ATTRIBUTES = [...Object.values(searchAttributes), ...Object.values(carSearchAttributes)];

/** The search attributes as `Name=Type` pairs, as `temporal server start-dev --search-attribute` takes them. */
export function searchAttributeCliArgs(): string[] {
  return ALL_SEARCH_ATTRIBUTES.map(searchAttributeCliArg);
}
