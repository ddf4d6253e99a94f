/**
 * The login words of the protocol (docs/protocol.md section 4), the same as the protocol module's
 * `LoginActions`, `LoginStatuses` and `LoginEvents`; test/vectors.test.ts checks them against
 * protocol/vectors/client-policy.json.
 */
export const LOGIN_ACTIONS = ['scan', 'confirm', 'cancel'] as const;
export const LOGIN_STATUSES = ['waiting', 'scanned', 'confirmed', 'cancelled', 'expired', 'revoked'] as const;
/** An event is named after the status it moves the session to. */
export const LOGIN_EVENTS = ['scanned', 'confirmed', 'cancelled', 'expired', 'revoked'] as const;
