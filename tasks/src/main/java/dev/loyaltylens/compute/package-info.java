/**
 * Computing a candidate version: reading the events, running the staging and feature templates
 * through Jdbi on DuckDB, and writing the vectors and the registry row in one transaction.
 */
package dev.loyaltylens.compute;
