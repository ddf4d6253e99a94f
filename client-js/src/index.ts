/**
 * qrpush-client: `import { QrPush, qrLogin } from 'qrpush-client'`.
 * The IIFE build exposes the same names on the global `QrPush`, with `QrPush.Client` as the
 * constructor (`new QrPush.Client({...})`) and `QrPush.qrLogin(...)`.
 */
export { QrPush, QrPush as Client } from './client.js';
export { qrLogin, type QrLoginOptions, type QrLoginHandle } from './qrlogin.js';
export { QrPushError } from './errors.js';
export { backoff, backoffIn, type BackoffClass } from './backoff.js';
export { closeDecision, type CloseDecision } from './closecodes.js';
export type { TransportName, TransportFailure } from './transports.js';
export { errorAction, type ErrorAction } from './errors.js';
export { LOGIN_ACTIONS, LOGIN_EVENTS, LOGIN_STATUSES } from './words.js';
export { wsUrlFor, type LoginSession } from './loginapi.js';
export { TEXTS, type Texts } from './qrui.js';
export * from './types.js';
