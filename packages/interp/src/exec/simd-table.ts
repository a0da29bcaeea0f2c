/**
 * The SIMD operations (implemented in `src/simd/`), indexed by sub-opcode (opcode id − 0x200).
 * Exactly one of the two tables has an entry for each SIMD instruction.
 */
export { SIMD_MEM_OPS, SIMD_OPS } from '../simd/index.js';
