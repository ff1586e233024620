/**
 * Real Redis for tests: a redis-server and a three-master Redis Cluster started on free loopback
 * ports, and published snapshots to load into them. Shared with the modules that publish and serve
 * through the online store.
 */
package dev.loyaltylens.online.testing;
