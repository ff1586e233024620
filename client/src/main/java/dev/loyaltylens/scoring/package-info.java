/**
 * An example scoring job built on the client: customer ids from a file in, their feature vectors
 * out as CSV, all from one published version.
 */
package dev.loyaltylens.scoring;
