export * from './chat';
export * from './errors';
export * from './limits';
export * from './plan';
export * from './profile';
export * from './sse';
