/** The qrpush load tester: scenarios, a Netty WebSocket client, exact accounting and reports. */
package io.qrpush.loadtest;
