/**
 * rxjs for browsers and bundlers (the `browser` and `module` conditions: esbuild, webpack and
 * rollup set `module`, Node does not): imported statically so bundles contain it, each piece from
 * its own module (the index would pull every operator in).
 */
import { BehaviorSubject } from 'rxjs/internal/BehaviorSubject';
import { Observable } from 'rxjs/internal/Observable';
import { ReplaySubject } from 'rxjs/internal/ReplaySubject';
import { Subject } from 'rxjs/internal/Subject';
import { Subscription } from 'rxjs/internal/Subscription';
import { firstValueFrom } from 'rxjs/internal/firstValueFrom';
import { lastValueFrom } from 'rxjs/internal/lastValueFrom';
import { toArray } from 'rxjs/internal/operators/toArray';
import type { RxPieces } from '../rx-pieces.js';

const pieces: RxPieces = { BehaviorSubject, Observable, ReplaySubject, Subject, Subscription, firstValueFrom, lastValueFrom, toArray };

export function rxjs(): RxPieces {
  return pieces;
}
