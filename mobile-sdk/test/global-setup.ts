/**
 * The engine tests run the real server against `cairn_test`: create and migrate it once, with
 * the platform admin, exactly as the server's own tests do, so parallel test files never race
 * to migrate it.
 */
export { default } from '@cairn/server/test/global-setup';
