export * from './locale/locale';
export * from './errors/error-codes';
export * from './auth/roles';
export * from './auth/contracts';
export * from './users/company';
export * from './users/credit-code';
export * from './organizations/contracts';
export * from './events/contracts';
