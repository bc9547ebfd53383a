import { Migration20261203170000_initial } from './Migration20261203170000_initial';

/**
 * Every migration, oldest first. Listed explicitly so tsx, ts-jest and compiled code all load
 * the same classes without file-system discovery.
 */
export const migrationsList = [
  { name: 'Migration20261203170000_initial', class: Migration20261203170000_initial },
];
