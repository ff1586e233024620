/**
 * Using published versions for training: point-in-time correct training sets built from labels, and
 * the exact reproduction of a published version from the inputs its registry row recorded.
 */
package dev.loyaltylens.training;
