export * from './auth-token.entity';
export * from './invite.entity';
