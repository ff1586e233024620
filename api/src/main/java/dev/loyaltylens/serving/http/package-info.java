/**
 * The HTTP layer: a small request and reply abstraction and its one implementation on SparkJava (Jetty 9.4),
 * kept apart so that moving to another server touches this package only.
 */
package dev.loyaltylens.serving.http;
