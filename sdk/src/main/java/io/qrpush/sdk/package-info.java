/**
 * The qrpush Java SDK.
 *
 * <ul>
 *   <li>{@link io.qrpush.sdk.QrPushApi}: the server API for an app's backend (publish, broadcast,
 *       channel info, disconnect, ticket redemption), with retries that never deliver twice;</li>
 *   <li>{@link io.qrpush.sdk.Tokens}: otps and subscription tokens minted with the app secret;</li>
 *   <li>{@link io.qrpush.sdk.QrPushClient}: the realtime client, and
 *       {@link io.qrpush.sdk.LoginPhone} for the phone's side of scan-to-login.</li>
 * </ul>
 * Failures are {@link io.qrpush.sdk.QrPushException}s with a {@link io.qrpush.sdk.QrPushException.Kind}.
 * See docs/sdk.md.
 */
package io.qrpush.sdk;
