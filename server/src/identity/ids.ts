import { BadInputError } from '../errors';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every ID argument is a UUID; anything else is refused before it reaches SQL. */
export function checkId(id: string, what = 'id'): string {
  if (!uuidPattern.test(id)) throw new BadInputError(`${what} is not a valid ID`);
  return id.toLowerCase();
}

export function checkOptionalId(id: string | null | undefined, what = 'id'): string | null {
  return id === null || id === undefined ? null : checkId(id, what);
}

export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}
