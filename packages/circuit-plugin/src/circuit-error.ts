import { ColdAtomError } from '@coldatom/core';

/**
 * A circuit that cannot become a payload: a bad gate call, an unknown or conditioned gate, a
 * missing or unbound parameter, unreadable OpenQASM. The message names where and why.
 */
export class CircuitError extends ColdAtomError {
  override readonly name: string = 'CircuitError';
}
