// The contract's Result is the domain's (shared/domain/result.ts): one definition end to end.
export { ERROR_CODES, fail, ok, type ApiError, type ErrorCode, type Failure, type Result } from '../domain/result';
