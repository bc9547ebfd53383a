import type { TenantRow } from '../db/entities';
import { BadInputError } from '../errors';
import type { TenantSettingsInput } from '../generated/resolvers';

export type SettingsChange = Partial<
  Pick<
    TenantRow,
    | 'conflictPolicy'
    | 'dedupScope'
    | 'maxDevicesPerUser'
    | 'keepLastVersions'
    | 'trashRetentionDays'
  >
>;

const maxDevices = 10_000;
const maxKeptVersions = 10_000;
const maxTrashDays = 3650;

/**
 * Every field is checked before anything is written, so one bad value changes nothing. A field
 * left out stays as it is; an explicit null means "no limit" where a limit may be lifted.
 */
export function checkSettingsInput(input: TenantSettingsInput): SettingsChange {
  const change: SettingsChange = {};
  if (input.conflictPolicy !== undefined) {
    change.conflictPolicy = present(input.conflictPolicy, 'conflictPolicy');
  }
  if (input.dedupScope !== undefined) change.dedupScope = present(input.dedupScope, 'dedupScope');
  if (input.maxDevicesPerUser !== undefined) {
    change.maxDevicesPerUser = limitOrNull(
      input.maxDevicesPerUser,
      'maxDevicesPerUser',
      maxDevices,
    );
  }
  if (input.keepLastVersions !== undefined) {
    change.keepLastVersions = limitOrNull(
      input.keepLastVersions,
      'keepLastVersions',
      maxKeptVersions,
    );
  }
  if (input.trashRetentionDays !== undefined) {
    const days = present(input.trashRetentionDays, 'trashRetentionDays');
    change.trashRetentionDays = inRange(days, 'trashRetentionDays', maxTrashDays);
  }
  if (Object.keys(change).length === 0)
    throw new BadInputError('name at least one setting to change');
  return change;
}

function present<T>(value: T | null, name: string): T {
  if (value === null) throw new BadInputError(`${name} cannot be null`);
  return value;
}

function limitOrNull(value: number | null, name: string, max: number): number | null {
  return value === null ? null : inRange(value, name, max);
}

function inRange(value: number, name: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new BadInputError(`${name} must be between 1 and ${max}`);
  }
  return value;
}
