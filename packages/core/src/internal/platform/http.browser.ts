/** Browsers send through `fetch`, read at call time (pages and test doubles may replace it). */
import { fetchExchange, type HttpRequest, type HttpResponse } from '../exchange.js';

export function platformExchange(request: HttpRequest): Promise<HttpResponse> {
  return fetchExchange(request, globalThis.fetch);
}
