import { Migration20261203170000_initial } from './Migration20261203170000_initial';
import { Migration20261203200000_small_objects } from './Migration20261203200000_small_objects';
import { Migration20261203201000_trash } from './Migration20261203201000_trash';
import { Migration20261203210000_scrub } from './Migration20261203210000_scrub';
import { Migration20261204100000_integrators } from './Migration20261204100000_integrators';
import { Migration20261204110000_audit_events } from './Migration20261204110000_audit_events';
import { Migration20261204120000_operator_sign_in } from './Migration20261204120000_operator_sign_in';
import { Migration20261204130000_live_path_prefixes } from './Migration20261204130000_live_path_prefixes';

/**
 * Every migration, oldest first. Listed explicitly so tsx, ts-jest and compiled code all load
 * the same classes without file-system discovery.
 */
export const migrationsList = [
  { name: 'Migration20261203170000_initial', class: Migration20261203170000_initial },
  { name: 'Migration20261203200000_small_objects', class: Migration20261203200000_small_objects },
  { name: 'Migration20261203201000_trash', class: Migration20261203201000_trash },
  { name: 'Migration20261203210000_scrub', class: Migration20261203210000_scrub },
  { name: 'Migration20261204100000_integrators', class: Migration20261204100000_integrators },
  { name: 'Migration20261204110000_audit_events', class: Migration20261204110000_audit_events },
  {
    name: 'Migration20261204120000_operator_sign_in',
    class: Migration20261204120000_operator_sign_in,
  },
  {
    name: 'Migration20261204130000_live_path_prefixes',
    class: Migration20261204130000_live_path_prefixes,
  },
];
