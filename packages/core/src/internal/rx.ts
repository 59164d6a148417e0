/**
 * The only module that knows rxjs's file layout: each piece the package uses, from its own module.
 * `import … from 'rxjs'` loads the whole index (every operator, a few hundred files), which was a
 * fifth of `import('@coldatom/core')`'s time. rxjs 7 ships these paths (`rxjs/internal/*` in its
 * exports map, with types); they are the very modules the index re-exports, so observables made
 * here are the same classes as the user's.
 */
export { BehaviorSubject } from 'rxjs/internal/BehaviorSubject';
export { Observable } from 'rxjs/internal/Observable';
export { ReplaySubject } from 'rxjs/internal/ReplaySubject';
export { Subject } from 'rxjs/internal/Subject';
export { Subscription } from 'rxjs/internal/Subscription';
export { firstValueFrom } from 'rxjs/internal/firstValueFrom';
export { lastValueFrom } from 'rxjs/internal/lastValueFrom';
export { EMPTY } from 'rxjs/internal/observable/empty';
export { defer } from 'rxjs/internal/observable/defer';
export { merge } from 'rxjs/internal/observable/merge';
export { of } from 'rxjs/internal/observable/of';
export { throwError } from 'rxjs/internal/observable/throwError';
export { timer } from 'rxjs/internal/observable/timer';
export { catchError } from 'rxjs/internal/operators/catchError';
export { concatMap } from 'rxjs/internal/operators/concatMap';
export { distinctUntilChanged } from 'rxjs/internal/operators/distinctUntilChanged';
export { filter } from 'rxjs/internal/operators/filter';
export { ignoreElements } from 'rxjs/internal/operators/ignoreElements';
export { last } from 'rxjs/internal/operators/last';
export { map } from 'rxjs/internal/operators/map';
export { scan } from 'rxjs/internal/operators/scan';
export { share } from 'rxjs/internal/operators/share';
export { startWith } from 'rxjs/internal/operators/startWith';
export { switchMap } from 'rxjs/internal/operators/switchMap';
export { takeUntil } from 'rxjs/internal/operators/takeUntil';
export { takeWhile } from 'rxjs/internal/operators/takeWhile';
export { tap } from 'rxjs/internal/operators/tap';
export { throwIfEmpty } from 'rxjs/internal/operators/throwIfEmpty';
export { toArray } from 'rxjs/internal/operators/toArray';
