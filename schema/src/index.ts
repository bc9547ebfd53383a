export * from './generated/types';
export * from './errors';
export * from './limits';
export * from './paths';
export * from './scopes';
