/** The load generator (issue 7: being built). */
package io.qrpush.loadtest;
