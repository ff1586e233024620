/**
 * What every LoyaltyLens entry point shares: the exit codes, the one place where failures become an
 * error line and an exit code, and how instants are read from a command line.
 */
package dev.loyaltylens.command;
