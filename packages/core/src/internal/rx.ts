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
export { toArray } from 'rxjs/internal/operators/toArray';
