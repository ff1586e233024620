/**
 * The fault suite: the real commands killed with SIGKILL at random moments and starved of disk
 * space in child JVMs, and the real API under load beside them. Tagged {@code faults}, so {@code
 * -Dgroups=faults} runs it alone; the default build runs it too.
 */
package dev.loyaltylens.faults;
