/** Every custom search attribute the workflows set: the complaint's, the corrective action's, the recall's. */
import { searchAttributeCliArg, searchAttributes } from './complaint-contract';
import { carSearchAttributes } from './corrective-action-contract';
import { recallSearchAttributes } from './recall-contract';

export const ALL_SEARCH_ATTRIBUTES = [
  ...Object.values(searchAttributes),
  ...Object.values(carSearchAttributes),
  ...Object.values(recallSearchAttributes),
];

/** The search attributes as `Name=Type` pairs, as `temporal server start-dev --search-attribute` takes them. */
export function searchAttributeCliArgs(): string[] {
  return ALL_SEARCH_ATTRIBUTES.map(searchAttributeCliArg);
}
