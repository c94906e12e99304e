/** Ids are ULIDs: sortable by creation time, text on both engines. */
import { ulid } from 'ulid';

export function newId(): string {
  return ulid();
}
