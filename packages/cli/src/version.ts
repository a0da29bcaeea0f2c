/**
 * The version `rt --version` prints: the package's own, inlined at build time.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** `rt <version>`. */
export const VERSION_TEXT = `rt ${version}\n`;
