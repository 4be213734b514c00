// Accounts, passwords, sessions and login throttling: the public surface of auth/.
export { passwordHash, passwordVerify, SCRYPT_DEFAULT, type ScryptParams } from './password.ts';
export {
  SESSION_COOKIE,
  SESSION_TTL_MS,
  sessionEnd,
  sessionResolve,
  sessionStart,
  sessionTokenDigest,
  type ResolvedSession,
  type StartedSession,
} from './sessions.ts';
export { THROTTLE, loginRetryAfter } from './throttle.ts';
export { passwordChange, type PasswordChangeOptions, type PasswordChangeResult } from './password-change.ts';
export { login, usernameNormalize, type LoginOptions, type LoginResult } from './login.ts';
export {
  USERNAME_PATTERN,
  userCreate,
  userUpdate,
  type UserInput,
  type UserPatch,
  type UserProblem,
  type UserResult,
} from './users.ts';
export {
  DEMO_PASSWORD,
  demoAccounts,
  demoAccountsCreate,
  type DemoAccount,
  type DemoAccountsReport,
} from './demo-accounts.ts';
