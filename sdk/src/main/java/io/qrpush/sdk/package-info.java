/** The Java SDK for backends and JVM clients (issue 4: being built). */
package io.qrpush.sdk;
