/**
 * The only module core's code takes rxjs from: `rxjs()` hands out the pieces core uses, from the
 * platform's `#rx` module (Node: required on first use; browsers: imported statically, piece by
 * piece, since rxjs's index loads every operator). Types come from rxjs directly.
 */
export { rxjs } from '#rx';
export type { BehaviorSubject, Observable, ReplaySubject, Subject, Subscription } from 'rxjs';
