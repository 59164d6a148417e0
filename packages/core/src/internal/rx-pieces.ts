/** The rxjs pieces core uses, as one object: each platform's `#rx` module hands it out (types only here). */
export interface RxPieces {
  readonly BehaviorSubject: typeof import('rxjs/internal/BehaviorSubject').BehaviorSubject;
  readonly Observable: typeof import('rxjs/internal/Observable').Observable;
  readonly ReplaySubject: typeof import('rxjs/internal/ReplaySubject').ReplaySubject;
  readonly Subject: typeof import('rxjs/internal/Subject').Subject;
  readonly Subscription: typeof import('rxjs/internal/Subscription').Subscription;
  readonly firstValueFrom: typeof import('rxjs/internal/firstValueFrom').firstValueFrom;
  readonly lastValueFrom: typeof import('rxjs/internal/lastValueFrom').lastValueFrom;
  readonly toArray: typeof import('rxjs/internal/operators/toArray').toArray;
}
