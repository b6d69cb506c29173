import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The dev server's origin, e.g. http://127.0.0.1:41234 */
    baseUrl: string;
    /** Its local state directory (D1 and Durable Objects), for creating more users. */
    persistTo: string;
  }
}
