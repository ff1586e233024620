/**
 * The HTTP layer: a small request and reply abstraction and its one implementation on SparkJava
 * over an embedded Jetty 9.4 that this package builds itself (through SparkJava's own server
 * factory), kept apart so that moving to another server touches this package only. Its limits
 * ({@code HttpLimits}) keep slow or hostile clients from holding the threads that answer; its
 * framing refuses what could smuggle a request.
 */
package dev.loyaltylens.serving.http;
