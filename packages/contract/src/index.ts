export * from './chat';
export * from './errors';
export * from './ledger';
export * from './limits';
export * from './plan';
export * from './profile';
export * from './recipes';
export * from './sse';
