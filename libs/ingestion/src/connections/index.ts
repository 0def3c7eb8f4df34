export * from './oauth-state.entity';
export * from './provider-connection.entity';
