/**
 * Not implemented yet: this package exports nothing until it works.
 * @packageDocumentation
 */
export {};
