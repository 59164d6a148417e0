/**
 * rxjs for Node, required on first use: `import('@coldatom/core')` does not pay for it (~40 ms of
 * a ~100 ms `node -e 0`) until a backend follows a job. In Node rxjs's exports map sends `import`
 * and `require` alike to its CommonJS build (the `node` condition comes first), so these are the
 * very classes a user's `import { Observable } from 'rxjs'` gets.
 */
import type { RxPieces } from '../rx-pieces.js';

let pieces: RxPieces | undefined;

export function rxjs(): RxPieces {
  if (pieces) return pieces;
  // node:module itself is fetched here too: loading it at import costs a few milliseconds.
  const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);
  pieces = {
    BehaviorSubject: (require('rxjs/internal/BehaviorSubject') as typeof import('rxjs/internal/BehaviorSubject')).BehaviorSubject,
    Observable: (require('rxjs/internal/Observable') as typeof import('rxjs/internal/Observable')).Observable,
    ReplaySubject: (require('rxjs/internal/ReplaySubject') as typeof import('rxjs/internal/ReplaySubject')).ReplaySubject,
    Subject: (require('rxjs/internal/Subject') as typeof import('rxjs/internal/Subject')).Subject,
    Subscription: (require('rxjs/internal/Subscription') as typeof import('rxjs/internal/Subscription')).Subscription,
    firstValueFrom: (require('rxjs/internal/firstValueFrom') as typeof import('rxjs/internal/firstValueFrom')).firstValueFrom,
    lastValueFrom: (require('rxjs/internal/lastValueFrom') as typeof import('rxjs/internal/lastValueFrom')).lastValueFrom,
    toArray: (require('rxjs/internal/operators/toArray') as typeof import('rxjs/internal/operators/toArray')).toArray,
  };
  return pieces;
}
