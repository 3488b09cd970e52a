export * from './common';
export * from './companies';
export * from './contacts';
export * from './deals';
export * from './enrollments';
export * from './outbox';
export * from './sequences';
export * from './users';
